using EdgeAI.TestKit;
using EdgeAI.Voice.Sherpa;

namespace EdgeAI.Voice.Tests.Sherpa;

/// <summary>
/// <see cref="SherpaKeywordSpotter"/> through sherpa-onnx's keyword spotter on a constructed LSTM-transducer-shaped
/// model (<see cref="TinyKeywordModel"/>: a loudness detector with a two-word grammar, not a keyword model).
/// </summary>
public sealed class SherpaKeywordSpotterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    internal string WriteModel()
    {
        string folder = _dir.File("tiny-kws");
        if (!Directory.Exists(folder)) TinyKeywordModel.Write(folder);
        return folder;
    }

    private SherpaKeywordSpotter Open()
    {
        string folder = WriteModel();
        SherpaLibraryTests.LoadOrSkip();
        return new SherpaKeywordSpotter(folder, "hey edge", cache: SharedModels.Cache);
    }

    /// <summary>The 512-sample chunks in which the spotter woke.</summary>
    private static List<int> Wakes(SherpaKeywordSpotter spotter, float[] audio)
    {
        var wakes = new List<int>();
        for (int at = 0, k = 0; at < audio.Length; at += 512, k++)
            if (spotter.Accept(audio.AsSpan(at, Math.Min(512, audio.Length - at)))) wakes.Add(k);
        return wakes;
    }

    private static float[] Burst(double seconds, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, (int)(seconds * 16000)).Select(_ => (float)(random.NextDouble() * 0.6 - 0.3))];
    }

    [Fact]
    public void Accept_SilenceThenBursts_WakesInEachBurstOnly()
    {
        using var spotter = Open();
        Assert.Equal("hey edge", spotter.Phrase);
        Assert.Equal(SherpaModelKind.StreamingTransducer, spotter.Folder.Kind);
        Assert.Empty(Wakes(spotter, new float[3 * 16000]));
        // 1 s silence, 0.2 s burst, 1.5 s silence, 0.2 s burst, 1 s silence (chunks of 32 ms).
        float[] audio = [.. new float[16000], .. Burst(0.2, 1), .. new float[24000], .. Burst(0.2, 2), .. new float[16000]];
        var wakes = Wakes(spotter, audio);
        TestContext.Current.TestOutputHelper?.WriteLine($"woke in chunks {string.Join(", ", wakes)}");
        bool InOrJustAfter(int chunk, double start) => chunk * 0.032 >= start && chunk * 0.032 <= start + 0.2 + 0.5;
        Assert.Contains(wakes, k => InOrJustAfter(k, 1.0));
        Assert.Contains(wakes, k => InOrJustAfter(k, 2.7));
        Assert.All(wakes, k => Assert.True(InOrJustAfter(k, 1.0) || InOrJustAfter(k, 2.7), $"woke in chunk {k} ({k * 0.032:F2} s), outside both bursts"));
    }

    [Fact]
    public void Reset_AfterAWake_TheNextBurstWakesAgain()
    {
        using var spotter = Open();
        float[] turn = [.. Burst(0.2, 3), .. new float[16000]];
        Assert.NotEmpty(Wakes(spotter, turn));
        spotter.Reset();
        Assert.NotEmpty(Wakes(spotter, turn));
        spotter.Reset();
        Assert.Empty(Wakes(spotter, new float[16000]));
    }

    [Fact]
    public void WrongEngineFolder_AVoiceFolder_RefusedAsKeywordModel()
    {
        string folder = _dir.File("voice");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "tokens.txt"), "a 0\n");
        File.Copy(Path.Combine(WriteModel(), "encoder.onnx"), Path.Combine(folder, "model.onnx"));
        var e = Assert.Throws<SherpaModelFolderException>(() => new SherpaKeywordSpotter(folder, "hey edge"));
        Assert.Equal($"{folder}: unknown layout (holds model.onnx, tokens.txt); {SherpaModelFolder.KeywordLayouts}", e.Message);
    }

    public void Dispose() => _dir.Dispose();
}
