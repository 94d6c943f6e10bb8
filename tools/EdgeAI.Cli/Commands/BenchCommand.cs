using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeAI.Cli.Bench;
using EdgeAI.Cli.Input;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// <c>edgeai bench can|replay|vision [--json]</c>: the project's measured figures, each next to a peer measured in the same run
/// (python-can, can-utils, canmatrix; for replay python-can's can.player loop; for vision a bare ONNX Runtime <c>InferenceSession.Run</c>).
/// </summary>
public sealed class BenchCommand : Command
{
    private readonly Argument<string> _area = new("AREA") { Description = "what to measure: can (logs, decode), replay (real-clock replay onto the simulated bus) or vision" };
    private readonly Option<bool> _json = new("--json") { Description = "results as JSON" };
    private readonly Option<string> _log = new("--log") { Description = "log to measure with (default: the bundled city drive)" };
    private readonly Option<string> _dbc = new("--dbc") { Description = "DBC for the decode figures (default: models/dbc/edgeai_demo.dbc)" };
    private readonly Option<int> _repeat = new("--repeat") { Description = "runs per figure; the best counts (default 5)", DefaultValueFactory = _ => 5 };
    private readonly Option<string?> _video = new("--video") { Description = "vision: the video to measure with" };
    private readonly Option<int> _frames = new("--frames") { Description = "vision: frames to measure (default 300)", DefaultValueFactory = _ => 300 };
    private readonly InferenceInput _inference = new();
    private readonly Option<string?> _model = new("--model") { Description = "vision: BlazeFace front .onnx (default: the model cache)" };

    public BenchCommand() : base("bench", "Measured figures against peers (python-can, can-utils, canmatrix) in the same run: can, replay, vision")
    {
        _area.AcceptOnlyFromAmong("can", "replay", "vision");
        Arguments.Add(_area);
        Options.Add(_json);
        Options.Add(_log);
        Options.Add(_dbc);
        Options.Add(_repeat);
        Options.Add(_video);
        Options.Add(_frames);
        _inference.AddTo(this);
        Options.Add(_model);
        SetAction((parse, cancellation) => parse.GetValue(_area) == "vision"
            ? CommandGuard.RunAsync(parse, (stdout, stderr) => ExecuteVisionAsync(parse, stdout, stderr, cancellation))
            : Task.FromResult(CommandGuard.Run(parse, (stdout, stderr) => Execute(parse, stdout, stderr))));
    }

    private int Execute(ParseResult parse, TextWriter stdout, TextWriter stderr)
    {
        string log = Assets.Require(parse.GetValue(_log) ?? Assets.CityDriveLog, "the log to measure with");
        string? dbc = parse.GetValue(_dbc) ?? (File.Exists(Assets.DemoDbc) ? Assets.DemoDbc : null);
        int repeat = Math.Clamp(parse.GetValue(_repeat), 1, 100);
        var results = parse.GetValue(_area) == "replay" ? new ReplayBench(log, repeat, stderr).Run() : new CanBench(log, dbc, repeat, stderr).Run();
        if (parse.GetValue(_json)) WriteJson(stdout, results);
        else WriteTable(stdout, results);
        return ExitCodes.Ok;
    }

    private async Task<int> ExecuteVisionAsync(ParseResult parse, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        var inference = _inference.Resolve(parse);
        string modelPath = InferenceInput.ModelPath(parse.GetValue(_model), "blazeface-front");
        string video = parse.GetValue(_video) ?? throw new UsageException("bench vision: --video FILE is required");
        if (!File.Exists(video)) throw new FileNotFoundException($"{video}: no such video file", video);
        using var model = new EdgeAI.Vision.Faces.OnnxFaceModel(modelPath, EdgeAI.Vision.Faces.BlazeFaceModel.Front, inference);
        InferenceInput.Report(model.Provider, stderr);
        string provider = model.Provider.Name;
        using var source = VideoInput.Open(video, null, null);
        var figures = await new VisionBench(model, Math.Clamp(parse.GetValue(_repeat), 1, 100), stderr)
            .RunAsync(source, Math.Max(1, parse.GetValue(_frames)), cancellation);
        var inv = CultureInfo.InvariantCulture;
        if (parse.GetValue(_json))
        {
            var doc = new
            {
                machine = new { cores = Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, dotnet = Environment.Version.ToString() },
                source = figures.Source, provider, frames = figures.Frames,
                stages = figures.Stages.Select(s => new { stage = s.Stage, p50_ms = Math.Round(s.P50, 4), p99_ms = Math.Round(s.P99, 4), mean_ms = Math.Round(s.Mean, 4) }),
                pipeline_ms_per_frame = Math.Round(figures.PipelineMsPerFrame, 4), inference_ms_per_frame = Math.Round(figures.InferenceMsPerFrame, 4),
                bare_run_ms_per_frame = Math.Round(figures.BareRunMsPerFrame, 4), inference_overhead_percent = Math.Round(figures.InferenceOverheadPercent, 2),
                pipeline_overhead_percent = Math.Round(figures.PipelineOverheadPercent, 2), bytes_per_frame = figures.BytesPerFrame,
            };
            stdout.WriteLine(JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }));
            return ExitCodes.Ok;
        }
        stdout.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        stdout.WriteLine($"{figures.Source}: {figures.Frames} frames, provider {provider}");
        stdout.WriteLine("stage          p50 ms    p99 ms   mean ms");
        foreach (var s in figures.Stages)
            stdout.WriteLine(string.Format(inv, "{0,-10} {1,10:F3} {2,9:F3} {3,9:F3}", s.Stage, s.P50, s.P99, s.Mean));
        stdout.WriteLine(string.Format(inv, "inference stage {0:F3} ms/frame vs bare InferenceSession.Run {1:F3} ms: overhead {2:+0.0;-0.0} % (goal <= 2 %)",
            figures.InferenceMsPerFrame, figures.BareRunMsPerFrame, figures.InferenceOverheadPercent));
        stdout.WriteLine(string.Format(inv, "whole pipeline (preprocess to monitor) {0:F3} ms/frame: {1:+0.0;-0.0} % over bare Run", figures.PipelineMsPerFrame, figures.PipelineOverheadPercent));
        stdout.WriteLine(string.Format(inv, "allocated {0:F1} B/frame (preprocess to monitor, steady state)", figures.BytesPerFrame));
        return ExitCodes.Ok;
    }

    private static void WriteTable(TextWriter o, List<BenchResult> results)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        o.WriteLine(string.Format(inv, "{0,-24} {1,14} {2,9} {3,10}  {4,-22} {5,14} {6,8}", "figure", "EdgeAI", "MB/s", "B/frame", "peer", "peer", "ratio"));
        foreach (var r in results)
            o.WriteLine(string.Format(inv, "{0,-24} {1,14} {2,9} {3,10}  {4,-22} {5,14} {6,8}", r.Name, Number(r.Value, r.Unit),
                r.MegabytesPerSecond is { } mb ? mb.ToString("F1", inv) : "-", r.BytesPerItem is { } b ? b.ToString("F2", inv) : "-",
                r.Peer ?? "-", r.PeerValue is { } pv ? Number(pv, r.Unit) : "(" + r.PeerProblem + ")", r.Ratio is { } x ? x.ToString("F1", inv) + "x" : "-"));
        o.WriteLine("rates in frames/s" + (results.Any(r => r.LowerIsBetter) ? ", errors in us" : "") + "; ratio = how many times better EdgeAI is (EdgeAI / peer for rates, peer / EdgeAI for errors), both measured in this run");
    }

    private static string Number(double value, string unit) => value.ToString(unit == "us" ? "N1" : "N0", CultureInfo.InvariantCulture);

    private static void WriteJson(TextWriter o, List<BenchResult> results)
    {
        var doc = new
        {
            machine = new { cores = Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, dotnet = Environment.Version.ToString() },
            results = results.Select(r => new
            {
                name = r.Name, unit = r.Unit, value = Math.Round(r.Value, 1), bytes_per_item = r.BytesPerItem, megabytes_per_s = r.MegabytesPerSecond,
                peer = r.Peer, peer_value = r.PeerValue, peer_problem = r.PeerProblem, ratio = r.Ratio, lower_is_better = r.LowerIsBetter,
            }),
        };
        o.WriteLine(JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }));
    }
}
