using System.Globalization;
using System.Text.Json;
using EdgeAI.Events;
using EdgeAI.Host.Pipeline;

namespace EdgeAI.Host.Health;

/// <summary>
/// The whole pipeline's health: every stage's liveness and every channel's depth and drops, with a one-line summary
/// for systemd's STATUS= and the JSON report <c>edgeai status</c> reads from the status socket.
/// </summary>
public sealed class PipelineHealth(IReadOnlyList<StageHealth> stages, IReadOnlyList<ChannelInfo> channels, TimeProvider time)
{
    private readonly long _startTs = time.GetTimestamp();

    /// <summary>The stages.</summary>
    public IReadOnlyList<StageHealth> Stages { get; } = stages;

    /// <summary>The channels.</summary>
    public IReadOnlyList<ChannelInfo> Channels { get; } = channels;

    /// <summary>What the drive shows in the summary (seconds of drive, suggestions), or null.</summary>
    public Func<string>? Drive { get; set; }

    /// <summary>The event latency figures (ms), or null.</summary>
    public Func<(double P50, double P99, double Max, long Count)>? Latency { get; set; }

    /// <summary>Notes that are not a stage's (e.g. "templates: the model failed to load").</summary>
    public List<string> Notes { get; } = [];

    /// <summary>True once no stage is starting.</summary>
    public bool AllStarted => Stages.All(s => s.State != StageState.Starting);

    /// <summary>True when every stage runs (or its input ended) and has beaten within its deadline; else
    /// <paramref name="reason"/> names the first that has not.</summary>
    public bool IsHealthy(out string? reason)
    {
        foreach (var s in Stages)
        {
            if (s.State == StageState.Faulted) { reason = $"{s.Name} failed: {s.Detail}"; return false; }
            if (s.IsStalled) { reason = string.Create(CultureInfo.InvariantCulture, $"{s.Name} stalled: no progress for {s.SinceBeat.TotalSeconds:0.0} s (deadline {s.Deadline.TotalSeconds:0.#} s)"); return false; }
        }
        reason = null;
        return true;
    }

    /// <summary>One line: health, the drive, drops, stage details.</summary>
    public string Summary()
    {
        var parts = new List<string> { IsHealthy(out var reason) ? "healthy" : "UNHEALTHY: " + reason };
        if (Drive is not null) parts.Add(Drive());
        var drops = Channels.Where(c => c.Dropped() > 0).Select(c => $"{c.Name} {c.Dropped()}").ToList();
        if (drops.Count > 0) parts.Add("dropped: " + string.Join(", ", drops));
        parts.AddRange(Stages.Where(s => s.Detail is not null && s.State != StageState.Faulted).Select(s => $"{s.Name}: {s.Detail}"));
        parts.AddRange(Notes);
        return string.Join("; ", parts);
    }

    /// <summary>The report as one JSON object (docs/host.md); the envelope's writer closes it.</summary>
    public string Json()
    {
        return EventEnvelope.Line(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("v", 1);
            json.WriteNumber("pid", Environment.ProcessId);
            json.WriteNumber("uptime_s", Math.Round(time.GetElapsedTime(_startTs).TotalSeconds, 1));
            json.WriteBoolean("healthy", IsHealthy(out var reason));
            if (reason is not null) json.WriteString("reason", reason);
            json.WriteString("status", Summary());
            if (Latency?.Invoke() is { Count: > 0 } l)
            {
                json.WriteStartObject("event_latency_ms");
                json.WriteNumber("p50", Math.Round(l.P50, 2));
                json.WriteNumber("p99", Math.Round(l.P99, 2));
                json.WriteNumber("max", Math.Round(l.Max, 2));
                json.WriteNumber("events", l.Count);
                json.WriteEndObject();
            }
            json.WriteStartArray("stages");
            foreach (var s in Stages)
            {
                json.WriteStartObject();
                json.WriteString("name", s.Name);
                json.WriteString("state", s.State.ToString().ToLowerInvariant());
                json.WriteNumber("items", s.Items);
                json.WriteNumber("since_beat_ms", Math.Round(s.SinceBeat.TotalMilliseconds));
                json.WriteNumber("deadline_ms", Math.Round(s.Deadline.TotalMilliseconds));
                if (s.Detail is not null) json.WriteString("detail", s.Detail);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("channels");
            foreach (var c in Channels)
            {
                json.WriteStartObject();
                json.WriteString("name", c.Name);
                json.WriteString("policy", c.Policy);
                json.WriteNumber("capacity", c.Capacity);
                json.WriteNumber("depth", c.Count());
                json.WriteNumber("written", c.Written());
                json.WriteNumber("dropped", c.Dropped());
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("notes");
            foreach (var n in Notes) json.WriteStringValue(n);
            json.WriteEndArray();
        });
    }
}
