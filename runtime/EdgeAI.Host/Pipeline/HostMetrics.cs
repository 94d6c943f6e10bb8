using System.Diagnostics.Metrics;

namespace EdgeAI.Host.Pipeline;

/// <summary>
/// The host's instruments on meter <c>EdgeAI</c> (dotnet-counters, OpenTelemetry and <c>edgeai status</c> see the same):
/// items per stage, drops and depth per channel, and the latency from a moment of the drive (a CAN frame's time on the
/// bus) to the event about it going out.
/// </summary>
public sealed class HostMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "EdgeAI";

    private readonly Meter _meter;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _events;
    private readonly double[] _recent = new double[4096];
    private readonly Lock _gate = new();
    private long _count;

    /// <summary>Instruments over <paramref name="stages"/> and <paramref name="channels"/>.</summary>
    public HostMetrics(IReadOnlyList<StageHealth> stages, IReadOnlyList<ChannelInfo> channels, IMeterFactory? meters = null)
    {
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _latency = _meter.CreateHistogram<double>("edgeai.host.event_latency", "ms", "from the drive moment an event is about to the event written");
        _events = _meter.CreateCounter<long>("edgeai.host.events", "{event}", "events written, by type");
        _meter.CreateObservableCounter("edgeai.host.stage.items", () => stages.Select(s => new Measurement<long>(s.Items, new KeyValuePair<string, object?>("stage", s.Name))), "{item}", "items each stage handled");
        _meter.CreateObservableCounter("edgeai.host.channel.dropped", () => channels.Select(c => new Measurement<long>(c.Dropped(), new KeyValuePair<string, object?>("channel", c.Name))), "{item}", "items a latest-wins channel dropped");
        _meter.CreateObservableGauge("edgeai.host.channel.depth", () => channels.Select(c => new Measurement<int>(c.Count(), new KeyValuePair<string, object?>("channel", c.Name))), "{item}", "items waiting in each channel");
    }

    /// <summary>An event of <paramref name="type"/> went out <paramref name="lag"/> after its drive moment.</summary>
    public void EventOut(string type, TimeSpan lag)
    {
        _events.Add(1, new KeyValuePair<string, object?>("type", type));
        _latency.Record(lag.TotalMilliseconds);
        lock (_gate) _recent[_count++ % _recent.Length] = lag.TotalMilliseconds;
    }

    /// <summary>The latency of the last 4096 events (ms): median, 99th percentile, largest, and how many events in all.</summary>
    public (double P50, double P99, double Max, long Count) Latency()
    {
        double[] sorted;
        long count;
        lock (_gate)
        {
            count = _count;
            sorted = _recent[..(int)Math.Min(count, _recent.Length)];
        }
        if (sorted.Length == 0) return (double.NaN, double.NaN, double.NaN, 0);
        Array.Sort(sorted);
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return (At(0.50), At(0.99), sorted[^1], count);
    }

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();
}
