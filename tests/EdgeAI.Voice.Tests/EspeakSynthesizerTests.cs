using System.Diagnostics;
using EdgeAI.Drivers.Audio;
using EdgeAI.TestKit;
using EdgeAI.Voice.Speech;

namespace EdgeAI.Voice.Tests;

/// <summary>
/// espeak-ng as a process spoken to: en and zh-CN speech at 16 kHz equal to what espeak-ng writes to a file (read and
/// resampled by the real WAV reader), cancellation that kills the process at once and leaves nothing behind, one clear
/// line when espeak-ng or a voice is missing, and the time to first audio with and without a spare process.
/// </summary>
public sealed class EspeakSynthesizerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static async Task<float[]> SpeakAll(EspeakSynthesizer synthesizer, string text, string language)
    {
        var all = new List<float>();
        await foreach (var piece in synthesizer.SynthesizeAsync(text, language, TestContext.Current.CancellationToken))
            all.AddRange(piece.Span);
        return [.. all];
    }

    private static double Rms(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        foreach (float x in samples) sum += x * x;
        return Math.Sqrt(sum / Math.Max(1, samples.Length));
    }

    /// <summary>espeak-ng writing the same text to a file (<c>-w</c>), read by AudioFileSource at 16 kHz.</summary>
    private float[] Reference(string text, string voice)
    {
        string wav = _dir.File($"ref-{voice}.wav");
        ExternalTool.Run("espeak-ng", ["-b", "1", "-v", voice, "-s", "175", "-w", wav, text]);
        return AudioFileSource.ReadAll(wav);
    }

    [Theory]
    [InlineData("en", "en-us", "Turn left in two hundred meters, then keep right.", 2.0, 4.5)]
    [InlineData("zh-CN", "cmn", "前方两百米左转，然后靠右行驶。", 2.5, 8.0)]
    public async Task Synthesize_Language_GivesItsVoiceAt16kHzEqualToEspeaksOwnFile(string language, string voice, string text, double minSeconds, double maxSeconds)
    {
        SpokenScene.RequireEspeak();
        using var synthesizer = new EspeakSynthesizer();
        Assert.Equal(16000, synthesizer.SampleRate);
        Assert.Equal(voice, synthesizer.VoiceFor(language));

        var speech = await SpeakAll(synthesizer, text, language);
        double seconds = speech.Length / 16000.0;
        Assert.InRange(seconds, minSeconds, maxSeconds);
        Assert.True(Rms(speech) > 0.02, $"RMS {Rms(speech):F4}: silent");

        // The same samples as espeak-ng's own file through our reader and resampler: nothing lost, reordered or doubled.
        var expected = Reference(text, voice);
        Assert.Equal(expected.Length, speech.Length);
        double worst = 0;
        for (int i = 0; i < speech.Length; i++) worst = Math.Max(worst, Math.Abs(speech[i] - expected[i]));
        Assert.True(worst < 1e-5, $"largest difference from espeak-ng's file {worst}");
    }

    [Fact]
    public async Task Synthesize_EnglishAndMandarin_AreDifferentVoices()
    {
        SpokenScene.RequireEspeak();
        using var synthesizer = new EspeakSynthesizer();
        // Latin letters in the Mandarin voice are read as English: the same text must still differ (other phonemes/voice).
        var en = await SpeakAll(synthesizer, "hello", "en");
        var zh = await SpeakAll(synthesizer, "你好", "zh-CN");
        Assert.NotEqual(en.Length, zh.Length);
        Assert.Equal("espeak-ng:en-us", synthesizer.Voice);
    }

    [Fact]
    public async Task Synthesize_EmptyText_GivesNoAudio()
    {
        SpokenScene.RequireEspeak();
        using var synthesizer = new EspeakSynthesizer();
        Assert.Empty(await SpeakAll(synthesizer, "   ", "en"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancel_MidAnswer_KillsTheProcessPromptlyAndLeavesNothingBehind(bool spare)
    {
        SpokenScene.RequireEspeak();
        string work = Directory.CreateDirectory(_dir.File("espeak-cwd")).FullName;
        var synthesizer = new EspeakSynthesizer(new EspeakOptions { KeepSpareProcess = spare, WorkingDirectory = work });
        string answer = string.Concat(Enumerable.Repeat("The charger ahead has two free places and takes card payment. ", 30));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        int chunks = 0, pid = 0;
        var watch = new Stopwatch();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var piece in synthesizer.SynthesizeAsync(answer, "en", cancel.Token))
            {
                Assert.False(watch.IsRunning, "a chunk came after the cancellation");
                if (++chunks < 3) continue;
                pid = synthesizer.LastProcessId;
                // espeak-ng is still speaking (blocked on the full pipe): most of 30 sentences are to come.
                Assert.True(Directory.Exists($"/proc/{pid}"), "espeak-ng ended before the cancellation");
                watch.Start();
                cancel.Cancel();
            }
        });
        watch.Stop();
        Assert.True(watch.ElapsedMilliseconds < 500, $"cancellation took {watch.ElapsedMilliseconds} ms");
        Assert.False(ProcessAlive(pid), $"espeak-ng {pid} is still there after the cancellation");

        int sparePid = await WaitForSpare(synthesizer, spare);
        synthesizer.Dispose();
        if (spare) Assert.True(WaitGone(sparePid), $"the spare espeak-ng {sparePid} is still there after Dispose");
        Assert.Empty(Directory.EnumerateFileSystemEntries(work));
    }

    private static async Task<int> WaitForSpare(EspeakSynthesizer synthesizer, bool expected)
    {
        if (!expected) return 0;
        for (int i = 0; i < 200 && synthesizer.SpareProcessId == 0; i++) await Task.Delay(10, TestContext.Current.CancellationToken);
        Assert.NotEqual(0, synthesizer.SpareProcessId);
        return synthesizer.SpareProcessId;
    }

    // Gone or a zombie not yet reaped counts as alive: /proc/PID stays until the parent reaps it.
    private static bool ProcessAlive(int pid) => Directory.Exists($"/proc/{pid}");

    private static bool WaitGone(int pid)
    {
        for (int i = 0; i < 100 && ProcessAlive(pid); i++) Thread.Sleep(10);
        return !ProcessAlive(pid);
    }

    [Fact]
    public async Task Synthesize_WithoutEspeak_OneLineNamingTheDebianPackage()
    {
        using var synthesizer = new EspeakSynthesizer(new EspeakOptions { Executable = _dir.File("no-such-espeak-ng"), KeepSpareProcess = false });
        var e = await Assert.ThrowsAsync<SpeechSynthesisException>(() => SpeakAll(synthesizer, "hello", "en"));
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("no-such-espeak-ng: cannot start", e.Message);
        Assert.Contains("apt-get install espeak-ng", e.Message);
    }

    [Fact]
    public async Task Synthesize_UnknownVoice_OneLineWithEspeaksReason()
    {
        SpokenScene.RequireEspeak();
        using var synthesizer = new EspeakSynthesizer(new EspeakOptions { KeepSpareProcess = false });
        var e = await Assert.ThrowsAsync<SpeechSynthesisException>(() => SpeakAll(synthesizer, "hello", "xx-nope"));
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith("espeak-ng -v xx-nope: ", e.Message);
        Assert.Contains("voice does not exist", e.Message);
    }

    [Fact]
    public void VoiceFor_TagsAndOddInput()
    {
        using var synthesizer = new EspeakSynthesizer();
        Assert.Equal("en-us", synthesizer.VoiceFor("EN"));
        Assert.Equal("en-us", synthesizer.VoiceFor("en-AU"));
        Assert.Equal("en-gb", synthesizer.VoiceFor("en-GB"));
        Assert.Equal("cmn", synthesizer.VoiceFor("zh"));
        Assert.Equal("cmn", synthesizer.VoiceFor("zh-TW"));
        Assert.Equal("de", synthesizer.VoiceFor("de"));
        Assert.Throws<ArgumentException>(() => synthesizer.VoiceFor("en us; rm"));
    }

    /// <summary>Time from asking to the first audio chunk: a fresh process per answer against a spare one waiting with
    /// its voice loaded (docs/voice.md quotes the output).</summary>
    [Theory]
    [InlineData("en", "Turn left in two hundred meters.")]
    [InlineData("zh-CN", "前方两百米左转。")]
    public async Task Measure_TimeToFirstAudio_FreshProcessAgainstSpare(string language, string text)
    {
        SpokenScene.RequireEspeak();
        var ct = TestContext.Current.CancellationToken;
        var fresh = new List<double>();
        var spared = new List<double>();
        using (var cold = new EspeakSynthesizer(new EspeakOptions { KeepSpareProcess = false }))
            for (int i = 0; i < 7; i++) fresh.Add(await FirstAudioMs(cold, text, language, ct));
        using (var warm = new EspeakSynthesizer())
        {
            warm.Prepare(language);
            for (int i = 0; i < 7; i++)
            {
                await Task.Delay(150, ct); // the spare has started and loaded its voice, as while an answer plays
                spared.Add(await FirstAudioMs(warm, text, language, ct));
            }
        }
        fresh.Sort();
        spared.Sort();
        TestContext.Current.TestOutputHelper!.WriteLine(
            $"{language}: time to first audio, fresh process median {fresh[3]:F1} ms (min {fresh[0]:F1}, max {fresh[^1]:F1}); spare process median {spared[3]:F1} ms (min {spared[0]:F1}, max {spared[^1]:F1})");
        Assert.True(spared[3] < fresh[3], $"a spare process ({spared[3]:F1} ms) should be quicker than a fresh one ({fresh[3]:F1} ms)");
    }

    private static async Task<double> FirstAudioMs(EspeakSynthesizer synthesizer, string text, string language, CancellationToken ct)
    {
        long start = Stopwatch.GetTimestamp();
        double first = -1;
        await foreach (var piece in synthesizer.SynthesizeAsync(text, language, ct))
            if (first < 0) first = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return first;
    }
}
