using BenchmarkDotNet.Attributes;
using EdgeAI.Inference.Models;
using EdgeAI.Inference.Running;
using Microsoft.ML.OnnxRuntime;

namespace EdgeAI.Benchmarks;

/// <summary>
/// EdgeAI's <see cref="ModelRunner.Run"/> (pinned buffers bound once through IOBinding) against a bare
/// <c>InferenceSession.Run</c> with names and ORT-allocated outputs, on the same session and the same input: BlazeFace
/// front and Silero VAD from the model cache (<c>edgeai models fetch</c>). The runner must allocate 0 B per run.
/// </summary>
[MemoryDiagnoser]
public class InferenceRunBenchmarks
{
    private ModelRunner _runner = null!;
    private RunOptions _runOptions = null!;
    private string[] _inputNames = [], _outputNames = [];
    private OrtValue[] _inputs = [];

    [Params("blazeface-front", "silero-vad")]
    public string Model { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var cache = new ModelCache();
        _runner = ModelRunner.Load(cache, Model, prepareWarmUp: r =>
        {
            for (int i = 0; i < r.Inputs.Count; i++)
                if (r.Inputs[i].Name == "sr") r.Input<long>(i)[0] = 16000;
        });
        var first = _runner.Input(0);
        for (int i = 0; i < first.Length; i++) first[i] = MathF.Sin(i * 0.013f) * 0.5f;
        _runOptions = new RunOptions();
        _inputNames = [.. _runner.Inputs.Select(t => t.Name)];
        _outputNames = [.. _runner.Outputs.Select(t => t.Name)];
        // The bare peer reads the same input values, as its own OrtValues.
        _inputs = [.. _runner.Inputs.Select((t, i) => t.ElementType == typeof(long)
            ? OrtValue.CreateTensorValueFromMemory(_runner.Input<long>(i).ToArray(), t.Shape)
            : OrtValue.CreateTensorValueFromMemory(_runner.Input(i).ToArray(), t.Shape))];
    }

    [Benchmark(Baseline = true)]
    public void BareSessionRun()
    {
        using var outputs = _runner.Session.Run(_runOptions, _inputNames, _inputs, _outputNames);
    }

    [Benchmark]
    public void ModelRunnerRun() => _runner.Run();

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var v in _inputs) v.Dispose();
        _runOptions.Dispose();
        _runner.Dispose();
    }
}
