namespace EdgeAI.Vision.Pipeline;

/// <summary>How a pipeline run went: frames, throughput, drops and per-stage latency percentiles.</summary>
/// <param name="Source">The source's name.</param>
/// <param name="Frames">Frames processed.</param>
/// <param name="WallSeconds">Wall-clock time of the run.</param>
/// <param name="Dropped">Frames the source dropped (live sources only; files never drop).</param>
/// <param name="Stages">Latency per stage.</param>
public sealed record VisionSummary(string Source, long Frames, double WallSeconds, long Dropped, IReadOnlyList<StageLatency> Stages)
{
    /// <summary>Frames processed per wall-clock second.</summary>
    public double FramesPerSecond => WallSeconds > 0 ? Frames / WallSeconds : 0;
}

/// <summary>One stage's latency over a run, in milliseconds.</summary>
public sealed record StageLatency(string Stage, double P50, double P99, double Mean);
