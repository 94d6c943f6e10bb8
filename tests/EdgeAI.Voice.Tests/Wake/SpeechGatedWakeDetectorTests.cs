using EdgeAI.Drivers.Simulated;
using EdgeAI.Voice.Tests.Recognition;
using EdgeAI.Voice.Wake;

namespace EdgeAI.Voice.Tests.Wake;

/// <summary>
/// The wake phrase as <c>edgeai voice --wake</c> listens for it: pocketsphinx keyword spotting at the default threshold,
/// each candidate gated on speech by Silero VAD (<see cref="SpeechGatedWakeDetector"/>), on real espeak-ng speech,
/// generated car noise and music: the phrase still wakes it, music and noise, which wake the spotter alone, never do.
/// </summary>
public sealed class SpeechGatedWakeDetectorTests(PocketsphinxWakeDetectorTests.Set set) : IClassFixture<PocketsphinxWakeDetectorTests.Set>
{
    private const int Rate = CarNoise.SampleRate;

    private static SpeechGatedWakeDetector Open()
    {
        Sphinx.RequireModel();
        if (Talker.MissingReason() is { } missing) throw Xunit.Sdk.SkipException.ForSkip(missing);
        return new SpeechGatedWakeDetector(new PocketsphinxWakeDetector(), SharedModels.LoadSilero());
    }

    [Fact]
    public void GeneratedWakes_CleanAndAt10DbCarNoise_AreEachHeardOnce()
    {
        using var wake = Open();
        var (samples, spans) = set.Wakes;
        var hits = PocketsphinxWakeDetectorTests.Detections(wake, samples);
        foreach (var span in spans)
        {
            double from = span.Start / (double)Rate, to = span.End / (double)Rate + 1.0;
            Assert.True(hits.Count(t => t >= from && t <= to) == 1,
                $"'{span.Text}' by {span.Voice}, {(span.SnrDb is { } db ? $"{db} dB SNR" : "clean")} ({from:F2}-{to:F2} s): detections at {string.Join(", ", hits.Select(h => h.ToString("F2")))}");
        }
        Assert.Equal(spans.Count, hits.Count);
        Assert.Equal((spans.Count, 0L), (wake.Detections, wake.GateRejected));
    }

    [Fact]
    public void Music_WakesTheSpotterAlone_ButNeverTheGatedDetector()
    {
        using var wake = Open();
        var music = PocketsphinxWakeDetectorTests.Music(20);
        Assert.Empty(PocketsphinxWakeDetectorTests.Detections(wake, music));
        // the gate did the work: the spotter's candidates were there and were refused
        Assert.True(wake.Candidates > 0, "the spotter alone no longer wakes on the music; the gate is untested here");
        Assert.Equal(wake.Candidates, wake.GateRejected);
    }

    [Fact]
    public void CarNoise_AtTheDefault_NeverWakes_AndAllocatesNothingPerChunk()
    {
        using var wake = Open();
        var noise = new CarNoise(seed: 7, rms: 0.05).Next(20);
        PocketsphinxWakeDetectorTests.Detections(wake, noise); // warm-up: JIT and the spotter's restarts
        wake.Reset();
        long candidates = wake.Candidates;
        long before = GC.GetAllocatedBytesForCurrentThread();
        int woke = 0;
        for (int at = 0; at + 512 <= noise.Length; at += 512)
            if (wake.Accept(noise.AsSpan(at, 512))) woke++;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, woke);
        Assert.Equal(0, allocated);
        Assert.Equal(wake.Candidates, wake.GateRejected);
        Assert.True(wake.Candidates >= candidates);
    }

    [Fact]
    public void PhraseInsideASentence_IsRefusedByTheIsolationGate_TheSamePhraseSaidAloneWakes()
    {
        using var wake = Open();
        SpokenScene.RequireEspeak();
        float[] pause = SpokenScene.Silence(1.0);
        // The phrase's words inside running speech, where the spotter hears them too.
        float[] sentence = [.. pause, .. SpokenScene.Speak("then i said hey edge to the driver behind us"), .. pause];
        using (var spotter = new PocketsphinxWakeDetector())
            Assert.True(PocketsphinxWakeDetectorTests.Detections(spotter, sentence).Count > 0, "the spotter alone no longer hears the phrase in the sentence; the gate is untested here");
        Assert.Empty(PocketsphinxWakeDetectorTests.Detections(wake, sentence));
        Assert.True(wake.IsolationRejected > 0, $"candidates {wake.Candidates}, speech gate refused {wake.GateRejected}, isolation refused {wake.IsolationRejected}");

        // The phrase alone, with pauses around it, wakes it once, when the pause after it has lasted 192 ms.
        wake.Reset();
        float[] alone = [.. pause, .. SpokenScene.Speak("hey edge"), .. pause];
        var hits = PocketsphinxWakeDetectorTests.Detections(wake, alone);
        var phraseEnd = (1.0 * 16000 + SpokenScene.Extent(alone.AsSpan(16000, alone.Length - 32000)).Last) / 16000.0;
        double hit = Assert.Single(hits);
        Assert.InRange(hit, phraseEnd, phraseEnd + 0.5);
    }

    [Fact]
    public void CommandsSaidAlone_WakeTheGatesAlone_NotWithTheVerifier_WhileThePhraseStillWakes()
    {
        var (commands, _) = set.Commands;
        using (var gated = Open())
        {
            var gatedHits = PocketsphinxWakeDetectorTests.Detections(gated, commands);
            Assert.True(gatedHits.Count > 0, "no command said alone wakes the gated detector any more; the verifier is untested here");
        }
        using var verified = OpenVerified();
        Assert.Empty(PocketsphinxWakeDetectorTests.Detections(verified, commands));
        Assert.True(verified.VerifierRejected > 0);
        Assert.Equal(verified.Candidates - verified.GateRejected - verified.IsolationRejected, verified.VerifierRejected);

        var (wakes, spans) = set.Wakes;
        verified.Reset();
        var hits = PocketsphinxWakeDetectorTests.Detections(verified, wakes);
        foreach (var span in spans)
        {
            double from = span.Start / (double)Rate, to = span.End / (double)Rate + 1.0;
            Assert.True(hits.Count(t => t >= from && t <= to) == 1,
                $"'{span.Text}' by {span.Voice}, {(span.SnrDb is { } db ? $"{db} dB SNR" : "clean")} ({from:F2}-{to:F2} s): detections at {string.Join(", ", hits.Select(h => h.ToString("F2")))}");
        }
    }

    [Fact]
    public void Verifier_SeesTheStretchWithItsPauses_AndAllocatesNothingPerChunkWhileNoCandidateComes()
    {
        SpokenScene.RequireEspeak();
        using var recorder = new RecordingVerifier();
        using var wake = new SpeechGatedWakeDetector(new PocketsphinxWakeDetector(), SharedModels.LoadSilero(), verifier: recorder);
        float[] pause = SpokenScene.Silence(1.0), phrase = SpokenScene.Speak("hey edge");
        float[] alone = [.. pause, .. phrase, .. pause];
        Assert.Single(PocketsphinxWakeDetectorTests.Detections(wake, alone));
        // what it was given: the phrase whole, from the 192 ms pause before its speech to the 192 ms pause after it
        float[] seen = Assert.Single(recorder.Stretches);
        var extent = SpokenScene.Extent(phrase);
        Assert.InRange(seen.Length, extent.Last - extent.First, (extent.Last - extent.First) + 2 * 6 * 512 + 4 * 512 + 1024);
        int offset = SpokenScene.Extent(seen).First - extent.First;
        for (int i = extent.First; i <= extent.Last; i += 97) Assert.Equal(phrase[i], seen[i + offset]);

        var noise = new CarNoise(seed: 8, rms: 0.02).Next(10);
        PocketsphinxWakeDetectorTests.Detections(wake, noise);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int at = 0; at + 512 <= noise.Length; at += 512) wake.Accept(noise.AsSpan(at, 512));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Single(recorder.Stretches);
    }

    private static SpeechGatedWakeDetector OpenVerified()
    {
        Sphinx.RequireModel();
        if (Talker.MissingReason() is { } missing) throw Xunit.Sdk.SkipException.ForSkip(missing);
        var verifier = new WakeVerifier(PocketsphinxWakeDetector.DefaultPhrase, DemoRegionNames.BestVocabulary);
        return new SpeechGatedWakeDetector(new PocketsphinxWakeDetector(), SharedModels.LoadSilero(), verifier: verifier);
    }

    // keeps what the detector asks about and confirms it: the test reads the audio a verifier gets
    private sealed class RecordingVerifier : IWakeVerifier
    {
        public List<float[]> Stretches { get; } = [];

        public bool Confirms(ReadOnlySpan<float> stretch)
        {
            Stretches.Add(stretch.ToArray());
            return true;
        }

        public void Dispose()
        {
        }
    }

    [Fact]
    public void Options_OutOfRange_AreRefusedNamingThem()
    {
        var error = Assert.Throws<ArgumentException>(() => new SpeechGateOptions { MinSpeechChunks = 100 }.Validate());
        Assert.StartsWith("speech gate: MinSpeechChunks 100: expected 0..50", error.Message);
        Assert.Throws<ArgumentException>(() => new SpeechGateOptions { WindowMs = 10 }.Validate());
        Assert.Throws<ArgumentException>(() => new SpeechGateOptions { SpeechProbability = 2 }.Validate());
        Assert.StartsWith("speech gate: PauseMs -1: expected 0..2000", Assert.Throws<ArgumentException>(() => new SpeechGateOptions { PauseMs = -1 }.Validate()).Message);
        Assert.StartsWith("speech gate: MaxPhraseMs 100: expected 320..10000", Assert.Throws<ArgumentException>(() => new SpeechGateOptions { MaxPhraseMs = 100 }.Validate()).Message);
    }
}
