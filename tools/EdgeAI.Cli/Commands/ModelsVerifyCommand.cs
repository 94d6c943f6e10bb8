using System.CommandLine;
using System.Globalization;
using EdgeAI.Cli.Input;
using EdgeAI.Inference.Models;
using EdgeAI.Inference.Running;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// <c>edgeai models verify [ID...] [--providers ...] [--runs N]</c>: checks each cached model's hashes, loads each ONNX
/// model through the provider plan, and prints the provider chosen (with the reasons earlier ones were skipped), the
/// bound input/output shapes, whether they match the manifest, and the median of N timed runs. Exit 1 when a cached
/// model fails.
/// </summary>
public sealed class ModelsVerifyCommand : Command
{
    private readonly ModelCacheInput _cache = new();
    private readonly InferenceInput _inference = new();
    private readonly Option<int> _runs = new("--runs") { Description = "timed runs per model; the median is printed (default 10)", DefaultValueFactory = _ => 10 };

    public ModelsVerifyCommand() : base("verify", "Check hashes, load each model through the provider plan, print provider, shapes and a timed run")
    {
        _cache.AddTo(this, ids: true);
        _inference.AddTo(this);
        Options.Add(_runs);
        SetAction(parse => CommandGuard.Run(parse, (stdout, stderr) => Execute(parse, stdout, stderr)));
    }

    private int Execute(ParseResult parse, TextWriter stdout, TextWriter stderr)
    {
        var cache = _cache.Open(parse);
        var models = _cache.Select(parse, cache);
        var options = _inference.Resolve(parse);
        int runs = Math.Clamp(parse.GetValue(_runs), 1, 10_000);
        int failed = 0;
        var inv = CultureInfo.InvariantCulture;
        foreach (var model in models)
        {
            var state = cache.GetState(model);
            if (state != ModelState.Cached)
            {
                stdout.WriteLine($"{model.Id}: {(state == ModelState.Corrupt ? "CORRUPT (sha256 differs)" : "not cached")}; run: edgeai models fetch{(model.RequiresLicenseAcceptance ? " --accept-license" : "")}");
                if (state == ModelState.Corrupt) failed++;
                continue;
            }
            if (!model.IsOnnx)
            {
                stdout.WriteLine($"{model.Id}: ok ({model.Format}, {model.Files.Count} files, sha256 ok)");
                continue;
            }
            try
            {
                using var runner = ModelRunner.Load(cache, model.Id, options, FillSampleRate);
                var times = new double[runs];
                for (int i = 0; i < runs; i++)
                {
                    long start = TimeProvider.System.GetTimestamp();
                    runner.Run();
                    times[i] = TimeProvider.System.GetElapsedTime(start).TotalMilliseconds;
                }
                Array.Sort(times);
                stdout.WriteLine(string.Format(inv, "{0}: ok, provider {1}, median {2:F3} ms over {3} runs", model.Id, runner.Provider, times[runs / 2], runs));
                foreach (var t in runner.Inputs) stdout.WriteLine($"  in  {t}");
                foreach (var t in runner.Outputs) stdout.WriteLine($"  out {t}");
                if (runner.AssumedDimensions.Count > 0) stdout.WriteLine("  assumed " + string.Join(", ", runner.AssumedDimensions));
                foreach (string problem in CompareWithManifest(model, runner))
                {
                    failed++;
                    stdout.WriteLine("  MISMATCH " + problem);
                }
            }
            catch (Exception e) when (CommandGuard.IsBadInput(e))
            {
                failed++;
                stdout.WriteLine($"{model.Id}: FAILED {e.Message.ReplaceLineEndings(" ")}");
            }
        }
        return failed == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    // Silero VAD checks its sample-rate input: warm up with 16 kHz rather than 0.
    private static void FillSampleRate(ModelRunner runner)
    {
        for (int i = 0; i < runner.Inputs.Count; i++)
            if (runner.Inputs[i].Name == "sr" && runner.Inputs[i].ElementType == typeof(long)) runner.Input<long>(i).Fill(16000);
    }

    /// <summary>Names, types and fixed dimensions of the manifest's inputs/outputs against the loaded model's.</summary>
    internal static IEnumerable<string> CompareWithManifest(ModelEntry model, ModelRunner runner)
    {
        foreach (var (specs, actual, kind) in new[] { (model.Inputs, runner.Inputs, "input"), (model.Outputs, runner.Outputs, "output") })
        {
            if (specs.Count != actual.Count)
            {
                yield return $"manifest lists {specs.Count} {kind}s, the model has {actual.Count}";
                continue;
            }
            for (int i = 0; i < specs.Count; i++)
            {
                var s = specs[i];
                var a = actual[i];
                var type = a.ElementTypeName;
                bool shapeOk = s.Shape.Length == a.Shape.Length && s.Shape.Zip(a.Shape).All(p => p.First < 0 || p.First == p.Second);
                if (s.Name != a.Name || s.Type != type || !shapeOk) yield return $"{kind} {i}: manifest {s}, model {a}";
            }
        }
    }
}
