using EdgeAI.TestKit;
using EdgeAI.Voice.Sherpa;
using EdgeAI.Voice.Speech;

namespace EdgeAI.Voice.Tests.Sherpa;

/// <summary>
/// <see cref="SherpaSynthesizer"/> through sherpa-onnx's piper path on a constructed voice (<see cref="TinyPiper"/>:
/// phoneme ids held as levels, not speech; no real voice ships).
/// </summary>
public sealed class SherpaSynthesizerTests : IDisposable
{
    private const string First = "Turn left.", Second = "Then stop at the charging station!";
    private readonly TempDirectory _dir = new();

    internal string WriteVoice()
    {
        string folder = _dir.File("tiny-piper");
        if (!Directory.Exists(TinyPiper.EspeakData)) Assert.Skip($"{TinyPiper.EspeakData} is missing (apt-get install espeak-ng-data)");
        if (!Directory.Exists(folder)) TinyPiper.Write(folder, First, Second);
        return folder;
    }

    private SherpaSynthesizer Open()
    {
        string folder = WriteVoice();
        SherpaLibraryTests.LoadOrSkip();
        return new SherpaSynthesizer(folder, cache: SharedModels.Cache);
    }

    private static int Id(string folder, string symbol) =>
        File.ReadLines(Path.Combine(folder, "tokens.txt")).Select(l => l.Split(' ')).First(p => p[0] == symbol) is var parts ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : -1;

    private static HashSet<int> Ids(ReadOnlyMemory<float> chunk)
    {
        var ids = new HashSet<int>();
        foreach (var x in chunk.Span) ids.Add((int)MathF.Round(x * 1000));
        return ids;
    }

    [Fact]
    public async Task Synthesize_TwoSentences_OneChunkEachWithTheirPhonemesThroughEspeakNg()
    {
        using var tts = Open();
        Assert.Equal(SherpaModelKind.Vits, tts.Folder.Kind);
        Assert.Equal(TinyPiper.SampleRate, tts.SampleRate);
        Assert.Equal("sherpa:" + _dir.File("tiny-piper"), tts.Voice);
        var chunks = new List<ReadOnlyMemory<float>>();
        await foreach (var chunk in tts.SynthesizeAsync($"{First} {Second}", "en", TestContext.Current.CancellationToken)) chunks.Add(chunk);

        AssertTwoSentences(tts.Folder.Path, chunks);
    }

    /// <summary>One chunk per sentence, with the phonemes espeak-ng gives each.</summary>
    private static void AssertTwoSentences(string folder, List<ReadOnlyMemory<float>> chunks)
    {
        Assert.Equal(2, chunks.Count);
        Assert.All(chunks, c => Assert.Equal(0, c.Length % TinyPiper.SamplesPerPhoneme));
        var first = Ids(chunks[0]);
        var second = Ids(chunks[1]);
        // piper's framing (^ first, $ last, _ between phonemes) and the phonemes espeak-ng gives each sentence.
        foreach (var symbol in new[] { "^", "$", "_", "t", "ɜ", "l", "ɛ", "f" }) Assert.Contains(Id(folder, symbol), first);
        foreach (var symbol in new[] { "^", "$", "ð", "ʃ", "ɑ", "ŋ" }) Assert.Contains(Id(folder, symbol), second);
        Assert.DoesNotContain(Id(folder, "ʃ"), first);
        Assert.True(chunks[1].Length > chunks[0].Length, $"{chunks[0].Length} then {chunks[1].Length} samples");
    }

    [Fact]
    public async Task Synthesize_AfterAnEarlierVoiceFolderWasDeleted_StillPhonemizes()
    {
        // sherpa-onnx sets espeak-ng up once per process, with the first voice's data folder. A voice whose
        // espeak-ng-data is a link (here, to the system's) must not leave espeak-ng reading through a folder that is
        // gone once that voice is deleted.
        string first = WriteVoice();
        SherpaLibraryTests.LoadOrSkip();
        using (var earlier = new TempDirectory())
        {
            string copy = earlier.File("voice");
            TinyPiper.Write(copy, First, Second);
            using var tts = new SherpaSynthesizer(copy, cache: SharedModels.Cache);
            await foreach (var _ in tts.SynthesizeAsync(First, "en", TestContext.Current.CancellationToken)) { }
        }
        using var later = new SherpaSynthesizer(first, cache: SharedModels.Cache);
        var chunks = new List<ReadOnlyMemory<float>>();
        await foreach (var chunk in later.SynthesizeAsync($"{First} {Second}", "en", TestContext.Current.CancellationToken)) chunks.Add(chunk);
        AssertTwoSentences(first, chunks);
    }

    [Fact]
    public async Task Resampled_A22kVoice_SpeaksTheSamePhonemesAt16k()
    {
        SherpaLibraryTests.LoadOrSkip();
        string folder = _dir.File("piper-22k");
        if (!Directory.Exists(TinyPiper.EspeakData)) Assert.Skip($"{TinyPiper.EspeakData} is missing (apt-get install espeak-ng-data)");
        TinyPiper.Write(folder, 22050, First, Second);
        var native = new List<float>();
        using (var voice = new SherpaSynthesizer(folder, cache: SharedModels.Cache))
        {
            Assert.Same(voice, ResampledSynthesizer.At(voice, 22050));
            await foreach (var chunk in voice.SynthesizeAsync(First, "en", TestContext.Current.CancellationToken)) native.AddRange(chunk.ToArray());
        }
        var resampled = new List<float>();
        using (var tts = ResampledSynthesizer.At(new SherpaSynthesizer(folder, cache: SharedModels.Cache), 16000))
        {
            Assert.Equal(16000, tts.SampleRate);
            Assert.Equal("sherpa:" + folder, tts.Voice);
            await foreach (var chunk in tts.SynthesizeAsync(First, "en", TestContext.Current.CancellationToken)) resampled.AddRange(chunk.ToArray());
        }

        // The same duration at the new rate, to within the filter's edges.
        Assert.InRange(resampled.Count, native.Count * 16000 / 22050 - 2, native.Count * 16000 / 22050 + 2);
        // Each phoneme is a level held for 256 samples at 22.05 kHz: the middle of each held stretch keeps its level.
        for (int p = 0; p + 1 < native.Count / TinyPiper.SamplesPerPhoneme; p++)
        {
            float level = native[p * TinyPiper.SamplesPerPhoneme + 128];
            int middle = (int)((p * TinyPiper.SamplesPerPhoneme + 128) * 16000L / 22050);
            Assert.Equal(level, resampled[middle], 3);
        }
    }

    [Fact]
    public async Task Synthesize_Cancelled_StopsBeforeTheFirstSentence()
    {
        using var tts = Open();
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in tts.SynthesizeAsync(First, "en", cancel.Token)) { }
        });
    }

    [Fact]
    public void Sentences_SplitAfterPunctuationIncludingCjk() =>
        Assert.Equal(["Turn left.", "Then stop!", "好的。", "ok"], SherpaSynthesizer.Sentences("Turn left. Then stop!\n好的。 ok "));

    public void Dispose() => _dir.Dispose();
}
