using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeAI.Cli.Bench;
using EdgeAI.Cli.Demo;
using EdgeAI.Cli.Input;
using EdgeAI.Fusion.Scenarios;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// <c>edgeai bench can|replay|vision|llm|fusion|assistant|wake|voice|host [--json]</c>: the project's measured figures, each next to a peer measured in the
/// same run where there is one (python-can, can-utils, canmatrix; for replay python-can's can.player loop; for vision a bare ONNX Runtime
/// <c>InferenceSession.Run</c>; for llm a bare ORT GenAI generator loop; assistant has goals instead: the bundled drive through the demo's pipeline).
/// </summary>
public sealed class BenchCommand : Command
{
    private readonly Argument<string> _area = new("AREA") { Description = "what to measure: can (logs, decode), replay (real-clock replay onto the simulated bus), vision, llm, fusion (the vehicle context) assistant (the bundled drive through the proactive engine) wake (the wake phrase's false rejects and false alarms per hour across thresholds, against pocketsphinx_continuous) or voice (real-time factors, end of speech to intent, bytes per chunk; recognition against pocketsphinx_continuous) or host (edgeai run as whole processes: the drive at max speed against the demo's lock step, event latency, CPU at real time, memory over an hour of drive)" };
    private readonly Option<bool> _json = new("--json") { Description = "results as JSON" };
    private readonly Option<string> _log = new("--log") { Description = "log to measure with (default: the bundled city drive)" };
    private readonly Option<string> _dbc = new("--dbc") { Description = "DBC for the decode figures (default: models/dbc/edgeai_demo.dbc)" };
    private readonly Option<int> _repeat = new("--repeat") { Description = "runs per figure; the best counts (default 5)", DefaultValueFactory = _ => 5 };
    private readonly Option<string?> _video = new("--video") { Description = "vision: the video to measure with" };
    private readonly Option<int> _frames = new("--frames") { Description = "vision: frames to measure (default 300)", DefaultValueFactory = _ => 300 };
    private readonly InferenceInput _inference = new();
    private readonly Option<string?> _model = new("--model") { Description = "vision: BlazeFace front .onnx; llm: ORT GenAI model folder (default: the model cache)" };
    private readonly Option<int> _tokens = new("--tokens") { Description = "llm: new tokens per answer (default 128)", DefaultValueFactory = _ => 128 };
    private readonly Option<string> _phrase = new("--phrase") { Description = "wake: the phrase (default \"hey edge\")", DefaultValueFactory = _ => EdgeAI.Voice.Wake.PocketsphinxWakeDetector.DefaultPhrase };
    private readonly Option<double> _seconds = new("--seconds") { Description = "host: seconds each timed phase runs (default 60; at 60x, 60 s is an hour of drive)", DefaultValueFactory = _ => 60 };
    private readonly Option<double> _minutes = new("--minutes") { Description = "wake: minutes of mixed speech and noise for false alarms (default 60)", DefaultValueFactory = _ => 60 };
    private readonly Option<double[]> _thresholds = new("--threshold") { Description = "wake: measure only these keyword-spotting thresholds (repeatable; default: the sweep from 1e-50 to 1e-10)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<bool> _noPeer = new("--no-peer") { Description = "wake: leave out pocketsphinx_continuous" };
    private readonly Option<bool> _peerAll = new("--peer-all") { Description = "wake: run pocketsphinx_continuous at every threshold (default: at the default threshold)" };
    private readonly Option<bool> _spotterOnly = new("--spotter-only") { Description = "wake: keyword spotting alone, without the Silero speech gate that edgeai voice puts after it" };
    private readonly Option<string?> _keep = new("--keep") { Description = "wake: build the test set's WAV files in this folder and keep them" };

    public BenchCommand() : base("bench", "Measured figures against peers (python-can, can-utils, canmatrix) in the same run: can, replay, vision, llm, fusion, assistant, wake, voice, host")
    {
        _area.AcceptOnlyFromAmong("can", "replay", "vision", "llm", "fusion", "assistant", "wake", "voice", "host");
        Arguments.Add(_area);
        Options.Add(_json);
        Options.Add(_log);
        Options.Add(_dbc);
        Options.Add(_repeat);
        Options.Add(_video);
        Options.Add(_frames);
        _inference.AddTo(this);
        Options.Add(_model);
        Options.Add(_tokens);
        Options.Add(_phrase);
        Options.Add(_minutes);
        Options.Add(_thresholds);
        Options.Add(_seconds);
        Options.Add(_noPeer);
        Options.Add(_peerAll);
        Options.Add(_keep);
        Options.Add(_spotterOnly);
        SetAction((parse, cancellation) => parse.GetValue(_area) switch
        {
            "vision" => CommandGuard.RunAsync(parse, (stdout, stderr) => ExecuteVisionAsync(parse, stdout, stderr, cancellation)),
            "llm" => Task.FromResult(CommandGuard.Run(parse, (stdout, stderr) => ExecuteLlm(parse, stdout, stderr))),
            "wake" => Task.FromResult(CommandGuard.Run(parse, (stdout, stderr) => ExecuteWake(parse, stdout, stderr, cancellation))),
            "voice" => Task.FromResult(CommandGuard.Run(parse, (stdout, stderr) => ExecuteVoice(parse, stdout, stderr))),
            "assistant" => CommandGuard.RunAsync(parse, (stdout, stderr) => ExecuteAssistantAsync(parse, stdout, stderr, cancellation)),
            "host" => Task.FromResult(CommandGuard.Run(parse, (stdout, stderr) => ExecuteHost(parse, stdout, stderr, cancellation))),
            _ => Task.FromResult(CommandGuard.Run(parse, (stdout, stderr) => Execute(parse, stdout, stderr))),
        });
    }

    private int Execute(ParseResult parse, TextWriter stdout, TextWriter stderr)
    {
        string log = Assets.Require(parse.GetValue(_log) ?? Assets.CityDriveLog, "the log to measure with");
        string? dbc = parse.GetValue(_dbc) ?? (File.Exists(Assets.DemoDbc) ? Assets.DemoDbc : null);
        int repeat = Math.Clamp(parse.GetValue(_repeat), 1, 100);
        List<BenchResult> results;
        if (parse.GetValue(_area) == "replay") results = new ReplayBench(log, repeat, stderr).Run();
        else if (parse.GetValue(_area) == "fusion") results = new FusionBench(log, Assets.Require(Assets.DemoSignals, "the demo signal map"), repeat, stderr).Run();
        else results = [.. new CanBench(log, dbc, repeat, stderr).Run(), .. new ProcessBench(repeat, stderr).Run()];
        if (parse.GetValue(_json)) WriteJson(stdout, results);
        else WriteTable(stdout, results);
        return ExitCodes.Ok;
    }

    private int ExecuteHost(ParseResult parse, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        double seconds = parse.GetValue(_seconds);
        if (!(seconds >= 3)) throw new UsageException($"--seconds: expected 3 or more, found {seconds.ToString(CultureInfo.InvariantCulture)}");
        var results = new HostBench(Math.Clamp(parse.GetValue(_repeat), 1, 100), seconds, stderr).Run(cancellation);
        if (parse.GetValue(_json)) WriteJson(stdout, results);
        else WriteGoalTable(stdout, results, footer: "whole edgeai processes started cold; the peer is measured in the same run");
        return ExitCodes.Ok;
    }

    private int ExecuteWake(ParseResult parse, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        double minutes = parse.GetValue(_minutes);
        if (!(minutes > 0 && minutes <= 600)) throw new UsageException($"bench wake: --minutes {minutes}: expected 0 < minutes <= 600");
        bool gated = !parse.GetValue(_spotterOnly);
        var settings = new WakeBench.Settings
        {
            Phrase = parse.GetValue(_phrase)!, HourSeconds = minutes * 60,
            Thresholds = parse.GetValue(_thresholds) is { Length: > 0 } chosen ? chosen : new WakeBench.Settings().Thresholds, Peer = !parse.GetValue(_noPeer), PeerEveryThreshold = parse.GetValue(_peerAll), KeepDirectory = parse.GetValue(_keep),
        };
        // the verifier's commands: the intents over the bundled scenario's region, as `edgeai voice --wake` has them
        var vocabulary = gated ? BundledVocabulary() : null;
        Func<string, double, EdgeAI.Voice.Wake.IWakeDetector> detector = gated
            ? (phrase, threshold) => Voice.VoiceEngines.Wake(phrase, threshold, vocabulary!)
            : (phrase, threshold) => new EdgeAI.Voice.Wake.PocketsphinxWakeDetector(phrase, threshold);
        var result = new WakeBench(settings, detector, stderr).Run(cancellation);
        WakeBench.WriteTable(stdout, result);
        return ExitCodes.Ok;
    }

    private int ExecuteVoice(ParseResult parse, TextWriter stdout, TextWriter stderr)
    {
        var vocabulary = BundledVocabulary();
        int runs = Math.Clamp(parse.GetValue(_repeat), 1, 100);
        var result = new VoiceBench(vocabulary, runs, stderr).Run();
        if (parse.GetValue(_json)) WriteJson(stdout, result.Figures);
        else VoiceBench.WriteTable(stdout, result);
        return ExitCodes.Ok;
    }

    // The grammar of `edgeai voice`: the intents over the bundled scenario's region.
    private static EdgeAI.Voice.Intents.CommandVocabulary BundledVocabulary()
    {
        var scenario = Scenario.Load(Assets.Require(Path.Combine(DemoCommand.BundledScenario, Scenario.FileName), "the bundled scenario"));
        var services = LlmInput.RegionServicesOf(scenario, scenario.Services ?? throw new InvalidOperationException("bench: the bundled scenario has no services section"));
        return EdgeAI.Assistant.Voice.RegionVocabulary.Of(services.Map.Pois);
    }

    private async Task<int> ExecuteAssistantAsync(ParseResult parse, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        var scenario = Scenario.Load(Assets.Require(Path.Combine(DemoCommand.BundledScenario, Scenario.FileName), "the bundled scenario"));
        var map = SignalMapInput.Load(scenario.SignalMap, scenario.Dbc, stderr);
        var zone = TimeZones.Parse(scenario.TimeZone) ?? TimeZoneInfo.Utc;
        var pipeline = ScenarioPipeline.Load(scenario, scenario.CanLog, map, zone, stderr);
        var results = await new AssistantBench(pipeline, Math.Clamp(parse.GetValue(_repeat), 1, 100), stderr).RunAsync(cancellation);
        if (parse.GetValue(_json)) WriteJson(stdout, results);
        else WriteGoalTable(stdout, results);
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
            var stages = new JsonArray();
            foreach (var st in figures.Stages)
                stages.Add((JsonNode)new JsonObject { ["stage"] = st.Stage, ["p50_ms"] = Math.Round(st.P50, 4), ["p99_ms"] = Math.Round(st.P99, 4), ["mean_ms"] = Math.Round(st.Mean, 4) });
            var doc = new JsonObject
            {
                ["machine"] = Machine(),
                ["source"] = figures.Source, ["provider"] = provider, ["frames"] = figures.Frames,
                ["stages"] = stages,
                ["pipeline_ms_per_frame"] = Math.Round(figures.PipelineMsPerFrame, 4), ["inference_ms_per_frame"] = Math.Round(figures.InferenceMsPerFrame, 4),
                ["bare_run_ms_per_frame"] = Math.Round(figures.BareRunMsPerFrame, 4), ["inference_overhead_percent"] = Math.Round(figures.InferenceOverheadPercent, 2),
                ["pipeline_overhead_percent"] = Math.Round(figures.PipelineOverheadPercent, 2), ["bytes_per_frame"] = figures.BytesPerFrame,
            };
            stdout.WriteLine(doc.ToJsonString(Indented));
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

    private int ExecuteLlm(ParseResult parse, TextWriter stdout, TextWriter stderr)
    {
        var inference = _inference.Resolve(parse);
        string directory = parse.GetValue(_model) ?? EdgeAI.TestModels.TestLlmWriter.DefaultDirectory(new EdgeAI.Inference.Models.ModelCache().Root);
        using var model = EdgeAI.Llm.Loading.LlmModel.Open(directory, inference);
        InferenceInput.Report(model.Provider, stderr);
        var context = new EdgeAI.Fusion.Context.FixedContextView(EdgeAI.Fusion.Context.ContextReplay.At(Assets.CityDriveLog, Assets.DemoSignals, TimeSpan.FromSeconds(300)));
        var tools = new EdgeAI.Llm.Tools.ToolRegistry(EdgeAI.Llm.Tools.VehicleTools.Create(context));
        int tokens = Math.Clamp(parse.GetValue(_tokens), 2, 4096);
        var f = new LlmBench(model, tools, tokens, Math.Clamp(parse.GetValue(_repeat), 1, 100), stderr).Run();
        var inv = CultureInfo.InvariantCulture;
        if (parse.GetValue(_json))
        {
            JsonObject Turn(LlmBench.Sample s) => new()
            {
                ["total_ms"] = Math.Round(s.TotalMs, 2), ["ttft_ms"] = Math.Round(s.FirstTokenMs, 2), ["prefill_ms"] = Math.Round(s.PrefillMs, 2),
                ["prompt_tokens"] = s.PromptTokens, ["new_tokens"] = s.NewTokens, ["prefill_tokens_per_s"] = Math.Round(s.PrefillTokensPerSecond, 1),
                ["decode_tokens_per_s"] = Math.Round(s.DecodeTokensPerSecond, 1), ["bytes_per_token"] = Math.Round(s.BytesPerToken, 1),
            };
            var doc = new JsonObject
            {
                ["machine"] = Machine(),
                ["model"] = directory, ["provider"] = model.Provider.Name, ["genai"] = EdgeAI.Llm.Loading.GenAIRuntime.Version,
                ["edgeai"] = Turn(f.Edge), ["bare_genai"] = Turn(f.Bare), ["overhead_percent"] = Math.Round(f.OverheadPercent, 2),
                ["second_turn"] = new JsonObject { ["prefill_tokens"] = f.SecondTurnPrefillTokens, ["prefill_ms"] = Math.Round(f.SecondTurnPrefillMs, 2), ["full_reprefill_tokens"] = f.FullPrefillTokens, ["full_reprefill_ms"] = Math.Round(f.FullPrefillMs, 2) },
                ["memory"] = new JsonObject { ["kv_bytes"] = f.KvBytes, ["kv_budget_bytes"] = f.KvBudgetBytes, ["max_length"] = f.MaxLength, ["kv_bytes_per_token"] = f.KvBytesPerToken, ["peak_rss_bytes"] = f.PeakResidentBytes },
            };
            stdout.WriteLine(doc.ToJsonString(Indented));
            return ExitCodes.Ok;
        }

        stdout.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        stdout.WriteLine($"model: {directory} ({model.Info.Type}, {model.Info.Layers} layers), provider {model.Provider.Name}, ORT GenAI {EdgeAI.Llm.Loading.GenAIRuntime.Version}");
        stdout.WriteLine($"one turn: {f.Edge.PromptTokens} prompt tokens (system prompt with 4 tool declarations + question), {f.Edge.NewTokens} new tokens, greedy; medians");
        stdout.WriteLine("                      EdgeAI   bare GenAI loop");
        void Row(string name, double edge, double bare, string format) => stdout.WriteLine(string.Format(inv, "{0,-18} {1,10:" + format + "} {2,14:" + format + "}", name, edge, bare));
        Row("turn ms", f.Edge.TotalMs, f.Bare.TotalMs, "F1");
        Row("first token ms", f.Edge.FirstTokenMs, f.Bare.FirstTokenMs, "F1");
        Row("prefill tok/s", f.Edge.PrefillTokensPerSecond, f.Bare.PrefillTokensPerSecond, "F0");
        Row("decode tok/s", f.Edge.DecodeTokensPerSecond, f.Bare.DecodeTokensPerSecond, "F0");
        Row("B/token (decode)", f.Edge.BytesPerToken, f.Bare.BytesPerToken, "F0");
        stdout.WriteLine(string.Format(inv, "EdgeAI overhead over the bare loop: {0:+0.0;-0.0} % of the turn (goal <= 2 %)", f.OverheadPercent));
        stdout.WriteLine(string.Format(inv, "second turn: EdgeAI prefills {0} tokens in {1:F1} ms; re-prefilling the conversation is {2} tokens, {3:F1} ms ({4:F1}x)",
            f.SecondTurnPrefillTokens, f.SecondTurnPrefillMs, f.FullPrefillTokens, f.FullPrefillMs, f.FullPrefillMs / f.SecondTurnPrefillMs));
        stdout.WriteLine(string.Format(inv, "memory: KV {0:F2} MiB of a {1:F0} MiB budget (max_length {2}, {3} B/token); peak RSS {4:F0} MiB",
            f.KvBytes / 1048576.0, f.KvBudgetBytes / 1048576.0, f.MaxLength, f.KvBytesPerToken, f.PeakResidentBytes / 1048576.0));
        return ExitCodes.Ok;
    }

    private static void WriteTable(TextWriter o, List<BenchResult> results)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        o.WriteLine(string.Format(inv, "{0,-24} {1,14} {2,9} {3,10}  {4,-22} {5,14} {6,8}", "figure", "EdgeAI", "MB/s", "B/frame", "peer", "peer", "ratio"));
        foreach (var r in results)
            o.WriteLine(string.Format(inv, "{0,-24} {1,14} {2,9} {3,10}  {4,-22} {5,14} {6,8}", r.Name, Number(r.Value, r.Unit, r.Decimals),
                r.MegabytesPerSecond is { } mb ? mb.ToString("F1", inv) : "-", r.BytesPerItem is { } b ? b.ToString("F2", inv) : "-",
                r.Peer ?? "-", r.PeerValue is { } pv ? Number(pv, r.Unit, r.Decimals) : "(" + r.PeerProblem + ")", r.Ratio is { } x ? x.ToString("F1", inv) + "x" : "-"));
        o.WriteLine("rates in frames/s" + (results.Any(r => r.Unit == "us") ? ", errors in us" : "") + (results.Any(r => r.Unit == "ms") ? ", start in ms" : "")
            + (results.Any(r => r.Name.StartsWith("process:", StringComparison.Ordinal)) ? "; process: whole processes started cold, median of the runs" : "") + "; ratio = how many times better EdgeAI is (EdgeAI / peer for rates, peer / EdgeAI for errors), both measured in this run");
    }

    /// <summary>Figures measured against goals rather than peers: value, unit, bytes allocated, and what each means below.</summary>
    private static void WriteGoalTable(TextWriter o, List<BenchResult> results,
        string? footer = "B/item: bytes allocated per frame; per tick on the frame+tick and worst-tick rows; per suggestion on the template and grounding rows")
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        int width = results.Max(r => r.Name.Length);
        o.WriteLine(string.Format(inv, "{0} {1,14} {2,-9} {3,12}", "figure".PadRight(width), "value", "unit", "B/item"));
        foreach (var r in results)
            o.WriteLine(string.Format(inv, "{0} {1,14} {2,-9} {3,12}", r.Name.PadRight(width), Number(r.Value, r.Unit, r.Decimals), r.Unit,
                r.BytesPerItem is { } b ? b.ToString("N0", inv) : "-"));
        if (footer is not null) o.WriteLine(footer);
        foreach (var r in results)
            if (r.Note is { } note) o.WriteLine($"- {r.Name}: {note}");
    }

    private static string Number(double value, string unit, int? decimals) =>
        value.ToString(decimals is { } d ? "N" + d.ToString(CultureInfo.InvariantCulture) : unit is "us" or "ms" ? "N1" : "N0", CultureInfo.InvariantCulture);

    // Relaxed escaping: names and notes keep their '+', '<' and quotes readable; the output is not embedded in HTML.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonObject Machine() => new()
    {
        ["cores"] = Environment.ProcessorCount, ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription, ["dotnet"] = Environment.Version.ToString(),
    };

    private static void WriteJson(TextWriter o, List<BenchResult> results)
    {
        var list = new JsonArray();
        foreach (var r in results)
        {
            // Absent figures are left out rather than written as null.
            var item = new JsonObject { ["name"] = r.Name, ["unit"] = r.Unit, ["value"] = Math.Round(r.Value, r.Decimals ?? 1) };
            if (r.BytesPerItem is { } b) item["bytes_per_item"] = b;
            if (r.MegabytesPerSecond is { } mb) item["megabytes_per_s"] = mb;
            if (r.Peer is { } peer) item["peer"] = peer;
            if (r.PeerValue is { } pv) item["peer_value"] = pv;
            if (r.PeerProblem is { } problem) item["peer_problem"] = problem;
            if (r.Ratio is { } ratio) item["ratio"] = ratio;
            item["lower_is_better"] = r.LowerIsBetter;
            if (r.Note is { } note) item["note"] = note;
            list.Add((JsonNode)item);
        }
        o.WriteLine(new JsonObject { ["machine"] = Machine(), ["results"] = list }.ToJsonString(Indented));
    }
}
