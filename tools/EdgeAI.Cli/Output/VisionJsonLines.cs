using System.Text.Json;
using EdgeAI.Vision.Faces;
using EdgeAI.Vision.Monitoring;
using EdgeAI.Vision.Pipeline;

namespace EdgeAI.Cli.Output;

/// <summary>
/// <c>edgeai vision --json</c>: one object per frame
/// <c>{"frame", "t", "faces": [{"score", "box", "keypoints", "yaw", "pitch"}], "attention": {"state", "awareness", "cause", "rule"}}</c>
/// in source pixels, then one <c>{"summary": ...}</c> line.
/// </summary>
internal sealed class VisionJsonLines(Stream output) : IDisposable
{
    private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { SkipValidation = true });

    public static string StateName(AttentionState state) => state switch
    {
        AttentionState.Attentive => "attentive",
        AttentionState.PreAlert => "pre-alert",
        AttentionState.Alert => "alert",
        AttentionState.Unknown => "unknown",
        _ => "critical",
    };

    public static string CauseName(DistractionCause cause) => cause switch
    {
        DistractionCause.None => "none",
        DistractionCause.HeadPose => "head-pose",
        _ => "no-face",
    };

    public static string RuleName(AttentionRule rule) => rule switch
    {
        AttentionRule.None => "none",
        AttentionRule.Awareness => "awareness",
        AttentionRule.LongDistraction => "long-distraction",
        AttentionRule.VisualTimeSharing => "visual-time-sharing",
        _ => "addw-low-speed",
    };

    public void WriteFrame(VisionResult result)
    {
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteNumber("frame", result.Frame);
        _json.WriteNumber("t", Math.Round(result.Timestamp.TotalSeconds, 4));
        _json.WriteStartArray("faces");
        var faces = result.Faces;
        var poses = result.Poses;
        for (int i = 0; i < faces.Length; i++)
        {
            ref readonly var face = ref faces[i];
            _json.WriteStartObject();
            _json.WriteNumber("score", Math.Round(face.Score, 4));
            _json.WriteStartArray("box");
            _json.WriteNumberValue(Math.Round(face.Box.X, 1));
            _json.WriteNumberValue(Math.Round(face.Box.Y, 1));
            _json.WriteNumberValue(Math.Round(face.Box.Width, 1));
            _json.WriteNumberValue(Math.Round(face.Box.Height, 1));
            _json.WriteEndArray();
            _json.WriteStartArray("keypoints");
            for (int k = 0; k < FaceKeypoints.Count; k++)
            {
                _json.WriteStartArray();
                _json.WriteNumberValue(Math.Round(face.Keypoints[k].X, 1));
                _json.WriteNumberValue(Math.Round(face.Keypoints[k].Y, 1));
                _json.WriteEndArray();
            }
            _json.WriteEndArray();
            _json.WriteNumber("yaw", Math.Round(poses[i].Yaw, 3));
            _json.WriteNumber("pitch", Math.Round(poses[i].Pitch, 3));
            _json.WriteEndObject();
        }
        _json.WriteEndArray();
        _json.WriteStartObject("attention");
        _json.WriteString("state", StateName(result.Attention.State));
        _json.WriteNumber("awareness", Math.Round(result.Attention.Awareness, 3));
        _json.WriteString("cause", CauseName(result.Attention.Cause));
        _json.WriteString("rule", RuleName(result.Attention.Rule));
        if (result.Attention.Suppressed) _json.WriteBoolean("suppressed", true);
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.Flush();
        output.WriteByte((byte)'\n');
    }

    public void WriteSummary(VisionSummary summary, string provider)
    {
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteStartObject("summary");
        _json.WriteString("source", summary.Source);
        _json.WriteString("provider", provider);
        _json.WriteNumber("frames", summary.Frames);
        _json.WriteNumber("seconds", Math.Round(summary.WallSeconds, 3));
        _json.WriteNumber("fps", Math.Round(summary.FramesPerSecond, 1));
        _json.WriteNumber("dropped", summary.Dropped);
        _json.WriteStartObject("latency_ms");
        foreach (var s in summary.Stages)
        {
            _json.WriteStartObject(s.Stage);
            WriteMs("p50", s.P50);
            WriteMs("p99", s.P99);
            _json.WriteEndObject();
        }
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.Flush();
        output.WriteByte((byte)'\n');
        output.Flush();
    }

    private void WriteMs(string name, double ms)
    {
        if (double.IsNaN(ms)) _json.WriteNull(name);
        else _json.WriteNumber(name, Math.Round(ms, 3));
    }

    public void Dispose() => _json.Dispose();
}
