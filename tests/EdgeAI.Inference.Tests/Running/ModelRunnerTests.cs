using System.Diagnostics.Metrics;
using EdgeAI.Inference.Models;
using EdgeAI.Inference.Running;
using EdgeAI.TestKit;

namespace EdgeAI.Inference.Tests.Running;

public sealed class ModelRunnerTests
{
    private static ModelRunner LoadFaceModel()
    {
        SharedModels.Require("blazeface-front");
        return ModelRunner.Load(SharedModels.Cache, "blazeface-front");
    }

    // A deterministic, face-free but non-trivial input in [-1, 1].
    private static void FillPattern(Span<float> input)
    {
        for (int i = 0; i < input.Length; i++) input[i] = MathF.Sin(i * 0.013f) * 0.9f;
    }

    [Fact]
    public void Run_RepeatedOnTheSameInput_GivesIdenticalOutputs()
    {
        using var runner = LoadFaceModel();
        FillPattern(runner.Input(0));
        runner.Run();
        var first = Enumerable.Range(0, runner.Outputs.Count).Select(i => runner.Output(i).ToArray()).ToArray();
        Assert.Contains(first[0], v => v != 0); // the outputs were really written
        for (int run = 0; run < 50; run++)
        {
            runner.Run();
            for (int i = 0; i < first.Length; i++) Assert.True(first[i].AsSpan().SequenceEqual(runner.Output(i)), $"output {i} differs on run {run}");
        }
    }

    [Fact]
    public void Run_DifferentInput_ChangesOutputs()
    {
        using var runner = LoadFaceModel();
        runner.Run();
        var zeros = runner.Output(0).ToArray();
        FillPattern(runner.Input(0));
        runner.Run();
        Assert.False(zeros.AsSpan().SequenceEqual(runner.Output(0)));
    }

    [Fact]
    public void Run_ManyTimes_AllocatesNothing()
    {
        using var runner = LoadFaceModel();
        FillPattern(runner.Input(0));
        for (int i = 0; i < 20; i++) runner.Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 500; i++)
        {
            runner.Input(0)[i] += 0.001f;
            runner.Run();
            _ = runner.Output(2)[0];
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Run_EachRun_IsRecordedInTheModelsHistogram()
    {
        using var runner = LoadFaceModel();
        int count = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == InferenceMeter.Name && instrument.Name == InferenceMeter.HistogramName("blazeface-front")) l.EnableMeasurementEvents(instrument);
            },
        };
        // Callbacks run on the recording thread: other tests running the same model in parallel are not counted.
        int thread = Environment.CurrentManagedThreadId;
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => { if (value >= 0 && Environment.CurrentManagedThreadId == thread) Interlocked.Increment(ref count); });
        listener.Start();
        for (int i = 0; i < 7; i++) runner.Run();
        Assert.Equal(7, count);
    }

    [Fact]
    public void Load_SileroVad_BindsInt64AndCarriesState()
    {
        SharedModels.Require("silero-vad");
        using var vad = ModelRunner.Load(SharedModels.Cache, "silero-vad", prepareWarmUp: r => r.Input<long>(r.InputIndex("sr"))[0] = 16000);
        Assert.Equal([1L, 512L], vad.Inputs[vad.InputIndex("input")].Shape);
        Assert.Equal(typeof(long), vad.Inputs[vad.InputIndex("sr")].ElementType);
        var samples = vad.Input(vad.InputIndex("input"));
        for (int i = 0; i < samples.Length; i++) samples[i] = 0.5f * MathF.Sin(2 * MathF.PI * 220 * i / 16000f);
        vad.Run();
        // The next state differs from the zero state it started from: the recurrent state is really produced.
        Assert.Contains(vad.Output(vad.OutputIndex("stateN")).ToArray(), v => v != 0);
        Assert.Throws<InvalidOperationException>(() => vad.Input<float>(vad.InputIndex("sr")).Length);
    }

    [Fact]
    public void GetPath_MissingModel_NamesModelPathAndFetch()
    {
        using var dir = new TempDirectory();
        var cache = new ModelCache(dir.Path);
        var e = Assert.Throws<ModelNotAvailableException>(() => cache.GetPath("blazeface-front"));
        string expected = Path.Combine(dir.Path, "blazeface-front", "face_detection_front_128x128_barracuda.onnx");
        Assert.Equal($"{expected}: model blazeface-front is not in the model cache; run: edgeai models fetch", e.Message);
        Assert.Equal(ModelState.Missing, e.State);
    }

    [Fact]
    public void GetPath_CorruptModel_NamesModelPathAndFetch()
    {
        using var dir = new TempDirectory();
        var cache = new ModelCache(dir.Path);
        var entry = cache.Manifest.Get("blazeface-front");
        string path = cache.FilePath(entry, entry.Files[0]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = File.ReadAllBytes(SharedModels.Require("blazeface-front"));
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<ModelNotAvailableException>(() => ModelRunner.Load(cache, "blazeface-front"));
        Assert.Equal(ModelState.Corrupt, e.State);
        Assert.StartsWith(path + ": model blazeface-front is corrupt", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("run: edgeai models fetch", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TruncatedOnnxFile_IsInvalidDataNamingModelAndPath()
    {
        using var dir = new TempDirectory();
        string path = dir.File("half.onnx");
        var bytes = File.ReadAllBytes(SharedModels.Require("blazeface-front"));
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => ModelRunner.Load("blazeface-front", path));
        Assert.StartsWith(path + ": model blazeface-front is not a loadable ONNX model", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("run: edgeai models fetch", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_NamesModelPathAndFetch()
    {
        var e = Assert.Throws<FileNotFoundException>(() => ModelRunner.Load("silero-vad", "/nonexistent/silero.onnx"));
        Assert.Equal("/nonexistent/silero.onnx: model silero-vad not found; run: edgeai models fetch", e.Message);
    }

    [Fact]
    public void Load_WithoutShapes_SaysWhichSymbolicDimensionsItBoundAsOne()
    {
        string path = SharedModels.Require("silero-vad");
        // The file alone (no manifest shapes): Silero leaves batch and samples symbolic. Bound as 1 the model cannot
        // even run (its STFT pads need 2+ samples), which is why the binding must be said: no warm-up here.
        using var runner = ModelRunner.Load("silero-vad", path, new EdgeAI.Inference.Configuration.InferenceOptions { WarmUpRuns = 0 }, new RunnerOptions { BindSymbolicDimensionsAsOne = true });
        Assert.NotEmpty(runner.AssumedDimensions);
        Assert.Contains(runner.AssumedDimensions, d => d.StartsWith("input[", StringComparison.Ordinal) && d.EndsWith(" = 1", StringComparison.Ordinal));

        using var shaped = ModelRunner.Load(SharedModels.Cache, "silero-vad", prepareWarmUp: r => r.Input<long>(r.InputIndex("sr"))[0] = 16000);
        Assert.DoesNotContain(shaped.AssumedDimensions, d => d.StartsWith("input[", StringComparison.Ordinal));
    }
}
