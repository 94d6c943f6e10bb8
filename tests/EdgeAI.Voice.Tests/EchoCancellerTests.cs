using System.Diagnostics;
using EdgeAI.Voice.Echo;
using EdgeAI.Voice.Speech;

namespace EdgeAI.Voice.Tests;

/// <summary>
/// speexdsp's echo canceller on espeak-ng's speech played through a simulated cabin (20 ms delay, a 60 ms decaying
/// tail, the echo at half the played level, cabin noise at -54 dBFS): how much echo it removes (ERLE) while it learns and
/// once it has learned, that the user's own speech passes, and 0 B per chunk.
/// </summary>
public sealed class EchoCancellerTests
{
    internal static void RequireSpeexDsp()
    {
        if (!Interop.LibSpeexDsp.IsAvailable())
            throw Xunit.Sdk.SkipException.ForSkip("libspeexdsp.so.1 is not installed (apt-get install libspeexdsp1; ./test.sh does this)");
    }

    internal static async Task<float[]> Answer(string text = EchoScene.Answer, string language = "en")
    {
        using var synthesizer = new EspeakSynthesizer(new EspeakOptions { KeepSpareProcess = false });
        var all = new List<float>();
        await foreach (var piece in synthesizer.SynthesizeAsync(text, language, TestContext.Current.CancellationToken)) all.AddRange(piece.Span);
        return [.. all];
    }

    [Fact]
    public async Task Measure_EchoReturnLossEnhancement_WhileLearningAndLearned()
    {
        SpokenScene.RequireEspeak();
        RequireSpeexDsp();
        var played = await Answer();
        var mic = EchoScene.Microphone(played, new EchoPath());
        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine($"answer {played.Length / 16000.0:F1} s; ERLE = 10 log10(microphone energy / output energy), echo and noise alone");
        double defaultFirst = 0, defaultSecond = 0, defaultLate = 0;
        foreach (int frame in new[] { 128, 256, 512 })
        foreach (int tail in new[] { 100, 200 })
        foreach (bool residual in new[] { false, true })
        {
            using var aec = new EchoCanceller(new EchoCancellerOptions { FrameSamples = frame, TailMs = tail, SuppressResidualEcho = residual });
            var first = EchoScene.Cancel(aec, mic, played);
            var second = EchoScene.Cancel(aec, mic, played); // the same answer again: the echo path is learned
            var perSecond = new List<string>();
            for (int w = 0; w + 16000 <= mic.Length && perSecond.Count < 4; w += 16000) perSecond.Add($"{EchoScene.ReductionDb(mic, first, w, w + 16000):F0}");
            double whole = EchoScene.ReductionDb(mic, first, 0, mic.Length);
            double late = EchoScene.ReductionDb(mic, first, 3 * 16000, mic.Length);
            double learned = EchoScene.ReductionDb(mic, second, 0, mic.Length);
            output.WriteLine($"frame {frame,3}, tail {tail} ms, residual suppression {(residual ? "on " : "off")}: first answer {whole:F1} dB (seconds 1-4: {string.Join("/", perSecond)} dB; from 3 s: {late:F1} dB), learned {learned:F1} dB");
            if (frame == 128 && tail == 200 && residual) (defaultFirst, defaultSecond, defaultLate) = (whole, learned, late);
        }
        // The defaults (frame 128, tail 200 ms, residual suppression).
        Assert.True(defaultFirst > 12, $"first answer ERLE {defaultFirst:F1} dB");
        Assert.True(defaultLate > 25, $"ERLE from 3 s {defaultLate:F1} dB");
        Assert.True(defaultSecond > 30, $"learned ERLE {defaultSecond:F1} dB");
    }

    [Fact]
    public async Task Process_UserSpeechWithoutEcho_PassesNearlyUnchanged()
    {
        SpokenScene.RequireEspeak();
        RequireSpeexDsp();
        var played = await Answer();
        var mic = EchoScene.Microphone(played, new EchoPath());
        using var aec = new EchoCanceller();
        EchoScene.Cancel(aec, mic, played); // learn the path
        // Now the loudspeaker is silent and the user speaks: nothing of it may be taken for echo.
        var user = SpokenScene.Speak("cancel that, and find a restaurant", "en-us+f3");
        for (int i = 0; i < user.Length; i++) user[i] *= 0.5f;
        var cleaned = EchoScene.Cancel(aec, user, []);
        double loss = EchoScene.ReductionDb(user, cleaned, 0, user.Length);
        TestContext.Current.TestOutputHelper!.WriteLine($"user speech alone through the learned canceller: {loss:F2} dB lower");
        Assert.InRange(loss, -1, 1);
    }

    [Fact]
    public async Task Process_SteadyState_AllocatesNothingPerChunk()
    {
        SpokenScene.RequireEspeak();
        RequireSpeexDsp();
        var played = await Answer("Turn left in two hundred meters.");
        var mic = EchoScene.Microphone(played, new EchoPath());
        using var aec = new EchoCanceller();
        var output = new float[mic.Length];
        aec.Process(mic.AsSpan(0, 512), played.AsSpan(0, 512), output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        int chunks = 0;
        for (int at = 512; at + 512 <= mic.Length; at += 512, chunks++)
            aec.Process(mic.AsSpan(at, 512), played.AsSpan(at, 512), output.AsSpan(at, 512));
        double us = Stopwatch.GetElapsedTime(start).TotalMicroseconds / chunks;
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        TestContext.Current.TestOutputHelper!.WriteLine($"{chunks} chunks, {us:F0} us per 512-sample chunk, 0 B");
    }

    [Fact]
    public void Process_ShortChunkAndShortReference_AreZeroPadded()
    {
        RequireSpeexDsp();
        using var aec = new EchoCanceller();
        var mic = new float[300];
        for (int i = 0; i < mic.Length; i++) mic[i] = 0.1f * MathF.Sin(i * 0.3f);
        var output = new float[300];
        aec.Process(mic, mic.AsSpan(0, 100), output);
        Assert.Equal(3, aec.Frames); // 300 samples in frames of 128
        Assert.Throws<ArgumentException>(() => aec.Process(mic.AsSpan(0, 10), mic.AsSpan(0, 20), output));
        Assert.Throws<ArgumentException>(() => aec.Process(mic, mic, output.AsSpan(0, 10)));
    }

    [Theory]
    [InlineData(100, 200, 16000)]
    [InlineData(128, 5, 16000)]
    [InlineData(128, 200, 4000)]
    public void Options_OutOfRange_AreRefused(int frame, int tail, int rate)
    {
        var e = Assert.Throws<ArgumentException>(() => new EchoCanceller(new EchoCancellerOptions { FrameSamples = frame, TailMs = tail, SampleRate = rate }));
        Assert.DoesNotContain('\n', e.Message);
    }
}
