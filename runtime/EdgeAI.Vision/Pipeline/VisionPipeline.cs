using EdgeAI.Vision.Faces;
using EdgeAI.Vision.Monitoring;
using EdgeAI.Vision.Pose;
using EdgeAI.Vision.Preprocessing;

namespace EdgeAI.Vision.Pipeline;

/// <summary>
/// Source → preprocess → face model → decode (+ head pose) → driver monitor, each stage timed on
/// <see cref="VisionMetrics"/>. Files are processed frame by frame (the source never drops, results are
/// reproducible); live sources are latest-frame-wins inside the source, whose drops the summary reports.
/// The monitor runs on each frame's own timestamp (video time for files). A frame allocates nothing.
/// </summary>
public sealed class VisionPipeline
{
    private readonly IFaceModel _model;
    private readonly FramePreprocessor _preprocessor;
    private readonly BlazeFaceDecoder _decoder;
    private readonly HeadPoseProxy _pose;
    private readonly DriverMonitor _monitor;
    private readonly VisionMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly VisionResult _result;

    /// <summary>Creates a pipeline around a loaded face model and a monitor.</summary>
    public VisionPipeline(IFaceModel model, DriverMonitor monitor, VisionMetrics metrics, HeadPoseProxy? pose = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _monitor = monitor ?? throw new ArgumentNullException(nameof(monitor));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _preprocessor = new FramePreprocessor(PreprocessOptions.BlazeFace(model.Variant.InputSize));
        _decoder = new BlazeFaceDecoder(model.Variant);
        _pose = pose ?? HeadPoseProxy.Default;
        _time = time ?? TimeProvider.System;
        _result = new VisionResult(model.Variant.MaxFaces);
    }

    /// <summary>Vehicle speed for the monitor's gating, from fusion; null when unknown.</summary>
    public float? VehicleSpeedKmh { get; set; }

    /// <summary>The stage timings.</summary>
    public VisionMetrics Metrics => _metrics;

    /// <summary>Runs every stage but capture on one frame; the result is valid until the next call.</summary>
    public VisionResult Process(VideoFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        long start = _time.GetTimestamp();
        var transform = _preprocessor.Process(frame, _model.Input);
        long preprocessed = _time.GetTimestamp();
        _model.Run();
        long inferred = _time.GetTimestamp();
        _decoder.Decode(_model.Scores1, _model.Regressors1, _model.Scores2, _model.Regressors2, transform);
        _result.Fill(frame.Index, frame.Timestamp, _decoder.Faces, _pose);
        long decoded = _time.GetTimestamp();
        var observation = _result.DriverFace < 0
            ? DriverObservation.NoFace(VehicleSpeedKmh)
            : new DriverObservation(true, _result.Poses[_result.DriverFace], VehicleSpeedKmh);
        _result.Attention = _monitor.Update(observation, frame.Timestamp);
        long monitored = _time.GetTimestamp();

        _metrics.Preprocess.Record(Milliseconds(start, preprocessed));
        _metrics.Inference.Record(Milliseconds(preprocessed, inferred));
        _metrics.Decode.Record(Milliseconds(inferred, decoded));
        _metrics.Monitor.Record(Milliseconds(decoded, monitored));
        _metrics.Total.Record(Milliseconds(start, monitored));
        return _result;
    }

    /// <summary>
    /// Reads <paramref name="source"/> to its end (or until cancelled), processing every frame it delivers and
    /// handing each with its result to <paramref name="onFrame"/> before the frame goes back to its pool.
    /// </summary>
    public async Task<VisionSummary> RunAsync(IVideoSource source, Action<VideoFrame, VisionResult>? onFrame = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        long runStart = _time.GetTimestamp();
        long frames = 0;
        while (!cancellation.IsCancellationRequested)
        {
            long waitStart = _time.GetTimestamp();
            VideoFrame? frame;
            try
            {
                frame = await source.ReadAsync(cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                break;
            }
            if (frame is null) break;
            using (frame)
            {
                _metrics.Capture.Record(Milliseconds(waitStart, _time.GetTimestamp()));
                var result = Process(frame);
                onFrame?.Invoke(frame, result);
                frames++;
            }
        }
        double wall = _time.GetElapsedTime(runStart).TotalSeconds;
        return Summarize(source.Name, frames, wall, source.DroppedFrames);
    }

    /// <summary>The run so far as a summary.</summary>
    public VisionSummary Summarize(string source, long frames, double wallSeconds, long dropped)
    {
        var stages = new List<StageLatency>();
        foreach (var s in _metrics.Stages) stages.Add(new StageLatency(s.Stage, s.Percentile(50), s.Percentile(99), s.Mean));
        return new VisionSummary(source, frames, wallSeconds, dropped, stages);
    }

    private double Milliseconds(long from, long to) => _time.GetElapsedTime(from, to).TotalMilliseconds;
}
