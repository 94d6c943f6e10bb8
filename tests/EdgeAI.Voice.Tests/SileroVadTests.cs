using EdgeAI.Audio;
using EdgeAI.Inference.Running;
using EdgeAI.Voice.Vad;

namespace EdgeAI.Voice.Tests;

/// <summary>Silero VAD v5 through the inference core: its tensors, the state and context carried from chunk to chunk,
/// and nothing allocated per chunk.</summary>
public sealed class SileroVadTests
{
    private static float[] Chunks(float[] audio, int index) => audio.AsSpan(index * 512, 512).ToArray();

    [Fact]
    public void Load_BindsThe576SampleInputTheStateAndTheRate()
    {
        using var vad = SharedModels.LoadSilero();
        var runner = vad.Runner;
        Assert.Equal([1L, 576L], runner.Inputs[runner.InputIndex("input")].Shape);
        Assert.Equal([2L, 1L, 128L], runner.Inputs[runner.InputIndex("state")].Shape);
        Assert.Equal(16000L, runner.Input<long>(runner.InputIndex("sr"))[0]);
        Assert.Equal("cpu", runner.Provider.Name);
    }

    [Fact]
    public void Process_SpeechAndSilence_GiveHighAndLowProbabilities()
    {
        SpokenScene.RequireEspeak();
        using var vad = SharedModels.LoadSilero();
        var speech = SpokenScene.Speak("navigate to the nearest charging station");
        var probabilities = new List<float>();
        for (int c = 0; c < speech.Length / 512; c++) probabilities.Add(vad.Process(speech.AsSpan(c * 512, 512)));
        // Most of an utterance is voiced; its chunks are near 1.
        Assert.True(probabilities.Count(p => p > 0.9f) > probabilities.Count * 0.6, string.Join(' ', probabilities.Select(p => p.ToString("F2"))));
        vad.Reset();
        var silence = new float[512];
        for (int c = 0; c < 30; c++) Assert.True(vad.Process(silence) < 0.05f);
    }

    [Fact]
    public void Process_CarriesStateAndContext_AndResetStartsOver()
    {
        SpokenScene.RequireEspeak();
        using var vad = SharedModels.LoadSilero();
        var speech = SpokenScene.Speak("find a parking garage");
        var first = new float[20];
        for (int c = 0; c < first.Length; c++) first[c] = vad.Process(speech.AsSpan(c * 512, 512));
        // The same chunk after another history gives another probability: the model is recurrent.
        float again = vad.Process(Chunks(speech, 0));
        Assert.NotEqual(first[0], again);
        vad.Reset();
        var second = new float[20];
        for (int c = 0; c < second.Length; c++) second[c] = vad.Process(speech.AsSpan(c * 512, 512));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Process_ShortLastChunk_IsPaddedWithSilence()
    {
        SpokenScene.RequireEspeak();
        using var vad = SharedModels.LoadSilero();
        var speech = SpokenScene.Speak("cancel");
        var padded = new float[512];
        speech.AsSpan(0, 300).CopyTo(padded);
        float shortChunk = vad.Process(speech.AsSpan(0, 300));
        vad.Reset();
        Assert.Equal(vad.Process(padded), shortChunk);
        Assert.Throws<ArgumentException>(() => vad.Process(new float[513]));
    }

    [Fact]
    public void Constructor_RunnerBoundWithout64SampleContext_IsRefusedNamingTheTensor()
    {
        string path = Path.Combine(SharedModels.Cache.Root, "silero-vad", "silero_vad_v5.onnx");
        using var check = SharedModels.LoadSilero();
        // The manifest's own binding is [1, 512]: a detector on it would run without the context Silero v5 expects.
        var runner = ModelRunner.Load(SharedModels.Cache, SileroVad.ModelId, prepareWarmUp: r => r.Input<long>(r.InputIndex("sr"))[0] = 16000);
        var e = Assert.Throws<InvalidDataException>(() => new SileroVad(runner));
        Assert.Equal($"{path}: tensor input [1,512] float32, expected [1,576] float32; not Silero VAD v5; run: edgeai models fetch", e.Message);
    }

    [Fact]
    public void Process_SteadyState_AllocatesNothingPerChunk()
    {
        SpokenScene.RequireEspeak();
        using var detector = new VoiceActivityDetector(SharedModels.LoadSilero());
        var audio = SpokenScene.Build(SpokenScene.Silence(0.5), new Speech(SpokenScene.Speak("what is my range")), SpokenScene.Silence(1.0)).Samples;
        int chunks = audio.Length / 512;
        for (int c = 0; c < chunks; c++) detector.Process(audio.AsSpan(c * 512, 512), new AudioChunk(512, c * 512L, TimeSpan.FromMilliseconds(32 * c)));
        detector.Reset();
        int events = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int c = 0; c < chunks; c++)
            if (detector.Process(audio.AsSpan(c * 512, 512), new AudioChunk(512, c * 512L, TimeSpan.FromMilliseconds(32 * c))).Kind != VadEventKind.None) events++;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        // The speech was there: a start and an end within those chunks.
        Assert.Equal(2, events);
    }
}
