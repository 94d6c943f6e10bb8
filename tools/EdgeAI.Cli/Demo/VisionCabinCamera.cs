using EdgeAI.Assistant.Drive;
using EdgeAI.Fusion.Context;
using EdgeAI.Host.Stages;
using EdgeAI.Vision;
using EdgeAI.Vision.Pipeline;

namespace EdgeAI.Cli.Demo;

/// <summary>
/// The scenario's cabin clip through the vision pipeline (face detection, head pose, driver monitor), in step with the
/// drive: frame i is taken at the drive's first frame plus its timestamp in the clip, the monitor gets the car's speed
/// from the context, and each frame's attention goes into the context with the frame's time. The host's camera stage
/// reads it frame by frame instead (<see cref="IAttentionSource"/>).
/// </summary>
internal sealed class VisionCabinCamera(IVideoSource source, VisionPipeline pipeline, long startNs, IDisposable model) : ICabinCamera, IAttentionSource
{
    private VideoFrame? _next;
    private bool _ended;

    public long Frames { get; private set; }

    /// <summary>The execution provider the face model runs on.</summary>
    public string Provider { get; init; } = "";

    public async ValueTask AdvanceToAsync(long nowNs, VehicleContext context, CancellationToken cancellation)
    {
        while (await TakenByAsync(nowNs, cancellation) is { } frameNs)
        {
            var speed = context.IndexOf(ContextKeys.Speed) is >= 0 and var i && context.Read(i, frameNs) is { IsValid: true } s ? (float?)s.Value : null;
            var sample = Judge(_next!, speed);
            context.ApplyAttention(sample.TimeNs, sample.Attention, sample.Awareness);
            _next!.Dispose();
            _next = null;
        }
    }

    public async ValueTask<long> SkipToAsync(long nowNs, CancellationToken cancellation)
    {
        long skipped = 0;
        while (await TakenByAsync(nowNs, cancellation) is not null)
        {
            _next!.Dispose();
            _next = null;
            skipped++;
        }
        return skipped;
    }

    /// <summary>The time of the next frame when it was taken by <paramref name="nowNs"/> (held in <c>_next</c>), else null.</summary>
    private async ValueTask<long?> TakenByAsync(long nowNs, CancellationToken cancellation)
    {
        if (_ended) return null;
        _next ??= await source.ReadAsync(cancellation);
        if (_next is null) { _ended = true; return null; }
        long frameNs = TimeOf(_next);
        return frameNs > nowNs ? null : frameNs;
    }

    /// <summary>When <paramref name="frame"/> was taken on the drive's clock.</summary>
    private long TimeOf(VideoFrame frame) => startNs + frame.Timestamp.Ticks * 100;

    /// <summary>The driver monitor's verdict on <paramref name="frame"/>, the car going at <paramref name="speedKmh"/>.</summary>
    private AttentionSample Judge(VideoFrame frame, float? speedKmh)
    {
        pipeline.VehicleSpeedKmh = speedKmh;
        var result = pipeline.Process(frame);
        Frames++;
        return new AttentionSample(TimeOf(frame), (DriverAttention)(int)result.Attention.State, result.Attention.Awareness);
    }

    public bool IsLive => source.IsLive;

    public async ValueTask<AttentionSample?> NextAsync(float? speedKmh, CancellationToken cancellation)
    {
        using var frame = await source.ReadAsync(cancellation);
        return frame is null ? null : Judge(frame, speedKmh);
    }

    public void Dispose()
    {
        _next?.Dispose();
        source.Dispose();
        pipeline.Metrics.Dispose();
        model.Dispose();
    }
}
