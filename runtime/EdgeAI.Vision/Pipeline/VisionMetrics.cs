using System.Diagnostics.Metrics;

namespace EdgeAI.Vision.Pipeline;

/// <summary>Per-stage latency of the vision pipeline on meter <c>EdgeAI</c>, plus the in-process samples for summaries.</summary>
public sealed class VisionMetrics : IDisposable
{
    /// <summary>The meter every EdgeAI stage publishes on.</summary>
    public const string MeterName = "EdgeAI";
    private readonly Meter _meter;

    /// <summary>Creates the histograms; <paramref name="keep"/> samples per stage are kept for percentiles.</summary>
    public VisionMetrics(int keep = 1 << 16, IMeterFactory? meters = null)
    {
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        Capture = new LatencyRecorder(_meter, "capture", keep);
        Preprocess = new LatencyRecorder(_meter, "preprocess", keep);
        Inference = new LatencyRecorder(_meter, "inference", keep);
        Decode = new LatencyRecorder(_meter, "decode", keep);
        Monitor = new LatencyRecorder(_meter, "monitor", keep);
        Total = new LatencyRecorder(_meter, "frame", keep);
    }

    /// <summary>Waiting for the source's next frame.</summary>
    public LatencyRecorder Capture { get; }
    /// <summary>Frame to tensor.</summary>
    public LatencyRecorder Preprocess { get; }
    /// <summary>The model run.</summary>
    public LatencyRecorder Inference { get; }
    /// <summary>Outputs to faces, head pose.</summary>
    public LatencyRecorder Decode { get; }
    /// <summary>Driver-monitor update.</summary>
    public LatencyRecorder Monitor { get; }
    /// <summary>Preprocess to monitor, capture excluded.</summary>
    public LatencyRecorder Total { get; }

    /// <summary>All stages in pipeline order.</summary>
    public IReadOnlyList<LatencyRecorder> Stages => [Capture, Preprocess, Inference, Decode, Monitor, Total];

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();
}
