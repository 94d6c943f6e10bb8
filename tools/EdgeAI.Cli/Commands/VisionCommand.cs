using System.CommandLine;
using System.Globalization;
using EdgeAI.Cli.Input;
using EdgeAI.Cli.Output;
using EdgeAI.Vision;
using EdgeAI.Vision.Faces;
using EdgeAI.Vision.Monitoring;
using EdgeAI.Vision.Pipeline;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// <c>edgeai vision VIDEO|--camera DEV|--gst PIPELINE [--json] [--out annotated.mp4] [--providers ...] [--profile default|regulation]</c>:
/// face detection and driver monitoring. With <c>--json</c> one object per frame on stdout and a final
/// <c>{"summary": ...}</c> line; otherwise one line per attention change and a summary table.
/// </summary>
public sealed class VisionCommand : Command
{
    private readonly Argument<string?> _video = new("VIDEO") { Description = "video file", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string?> _camera = new("--camera") { Description = "V4L2 camera device, e.g. /dev/video0" };
    private readonly Option<string?> _gst = new("--gst") { Description = "GStreamer pipeline ending in appsink" };
    private readonly Option<bool> _json = new("--json") { Description = "one JSON object per frame, then a summary line" };
    private readonly Option<string?> _out = new("--out") { Description = "write an annotated video (mp4v) here" };
    private readonly InferenceInput _inference = new();
    private readonly Option<string> _profile = new("--profile") { Description = "driver-monitoring rules: default or regulation", DefaultValueFactory = _ => "default" };
    private readonly Option<string?> _model = new("--model") { Description = "BlazeFace front .onnx (default: the model cache)" };
    private readonly Option<float?> _speed = new("--speed") { Description = "vehicle speed in km/h for speed gating (default unknown: never gated)" };

    public VisionCommand() : base("vision", "Face detection and driver monitoring on a video file, camera or GStreamer pipeline")
    {
        Arguments.Add(_video);
        Options.Add(_camera);
        Options.Add(_gst);
        Options.Add(_json);
        Options.Add(_out);
        _inference.AddTo(this);
        Options.Add(_profile);
        Options.Add(_model);
        Options.Add(_speed);
        SetAction((parse, cancellation) => CommandGuard.RunAsync(parse, (stdout, stderr) => ExecuteAsync(parse, stdout, stderr, cancellation)));
    }

    private async Task<int> ExecuteAsync(ParseResult parse, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        string? video = parse.GetValue(_video), camera = parse.GetValue(_camera), gst = parse.GetValue(_gst);
        if ((video is null ? 0 : 1) + (camera is null ? 0 : 1) + (gst is null ? 0 : 1) != 1)
            throw new UsageException("vision: give exactly one of VIDEO, --camera DEV or --gst PIPELINE");
        if (video is not null && parse.GetValue(_out) is { } output && EdgeAI.IO.FileIdentity.SameFile(video, output))
            throw new UsageException($"--out {output}: the annotated video must not replace the source video {video}");
        var profile = DriverMonitorProfile.Parse(parse.GetValue(_profile)!);
        var inference = _inference.Resolve(parse);
        string modelPath = InferenceInput.ModelPath(parse.GetValue(_model), "blazeface-front");
        if (video is not null && !File.Exists(video)) throw new FileNotFoundException($"{video}: no such video file", video);

        using var model = new OnnxFaceModel(modelPath, BlazeFaceModel.Front, inference);
        InferenceInput.Report(model.Provider, stderr);
        string provider = model.Provider.Name;
        using var source = VideoInput.Open(video, camera, gst);
        using var metrics = new VisionMetrics();
        var pipeline = new VisionPipeline(model, new DriverMonitor(profile), metrics) { VehicleSpeedKmh = parse.GetValue(_speed) };
        using var annotated = parse.GetValue(_out) is { } outPath ? VideoInput.CreateAnnotatedWriter(outPath, source) : null;

        bool json = parse.GetValue(_json);
        await using var stream = json ? OutputStream.For(stdout) : null;
        using var lines = stream is null ? null : new VisionJsonLines(stream);
        var last = AttentionState.Attentive;
        var summary = await pipeline.RunAsync(source, (frame, result) =>
        {
            annotated?.Write(frame, result);
            if (lines is not null) lines.WriteFrame(result);
            else if (result.Attention.State != last)
                stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,9:F2} s  frame {1,6}  {2,-10} {3} ({4}), awareness {5:F2}",
                    result.Timestamp.TotalSeconds, result.Frame, VisionJsonLines.StateName(result.Attention.State),
                    VisionJsonLines.RuleName(result.Attention.Rule), VisionJsonLines.CauseName(result.Attention.Cause), result.Attention.Awareness));
            last = result.Attention.State;
        }, cancellation);

        annotated?.Complete();
        if (lines is not null) lines.WriteSummary(summary, provider);
        else WriteSummary(stdout, summary, provider, profile);
        return ExitCodes.Ok;
    }

    private static void WriteSummary(TextWriter o, VisionSummary s, string provider, DriverMonitorProfile profile)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine(string.Format(inv, "{0}: {1} frames in {2:F2} s ({3:F1} frames/s), {4} dropped; provider {5}, profile {6}",
            s.Source, s.Frames, s.WallSeconds, s.FramesPerSecond, s.Dropped, provider, profile.Name));
        o.WriteLine("stage          p50 ms    p99 ms");
        foreach (var stage in s.Stages)
            o.WriteLine(string.Format(inv, "{0,-10} {1,10:F3} {2,9:F3}", stage.Stage, stage.P50, stage.P99));
    }
}
