using EdgeAI.Audio;
using System.Runtime.InteropServices;
using EdgeAI.Drivers.Audio;
using EdgeAI.Drivers.Audio.Alsa;
using EdgeAI.Drivers.Audio.Wav;
using EdgeAI.TestKit;
using EdgeAI.Voice.Echo;
using EdgeAI.Voice.Speech;
using EdgeAI.Voice.Vad;

namespace EdgeAI.Voice.Tests;

/// <summary>
/// Barge-in with real components: espeak-ng's answer played through a simulated cabin into the microphone, speexdsp's
/// echo canceller and Silero's VAD. The echo alone never barges in (without the canceller it does: that is what the
/// canceller is for); the user saying "stop, cancel that" over the echo barges in within a few chunks, and the speech
/// sink writes nothing more after it is stopped.
/// </summary>
public sealed class BargeInTests : IDisposable
{
    private const int Chunk = 512;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static AudioChunk At(int c, int n) => new(n, (long)c * Chunk, TimeSpan.FromTicks((long)c * Chunk * TimeSpan.TicksPerSecond / 16000));

    /// <summary>Every chunk of <paramref name="microphone"/> through the detector with <paramref name="played"/> as the
    /// reference; the chunks that reported a barge-in.</summary>
    private static List<int> Run(BargeInDetector detector, float[] microphone, float[] played)
    {
        var reported = new List<int>();
        var reference = new float[Chunk];
        for (int c = 0; c * Chunk < microphone.Length; c++)
        {
            int n = Math.Min(Chunk, microphone.Length - c * Chunk);
            reference.AsSpan().Clear();
            if (c * Chunk < played.Length) played.AsSpan(c * Chunk, Math.Min(n, played.Length - c * Chunk)).CopyTo(reference);
            if (detector.Process(microphone.AsSpan(c * Chunk, n), reference.AsSpan(0, n), At(c, n))) reported.Add(c);
        }
        return reported;
    }

    [Fact]
    public async Task EchoAlone_WithoutCanceller_TheVadTakesTheAssistantForTheUser()
    {
        SpokenScene.RequireEspeak();
        var played = await EchoCancellerTests.Answer();
        var mic = EchoScene.Microphone(played, new EchoPath());
        using var detector = new BargeInDetector(new VoiceActivityDetector(SharedModels.LoadSilero()), canceller: null);
        var reported = Run(detector, mic, played);
        TestContext.Current.TestOutputHelper!.WriteLine($"no canceller: barge-in reported at chunks {string.Join(", ", reported)}");
        Assert.NotEmpty(reported);
        Assert.InRange(reported[0], 0, 10);
    }

    [Theory]
    [InlineData(20)]  // the cabin alone
    [InlineData(120)] // behind AlsaPlayback's 100 ms buffer
    public async Task EchoAlone_WithCanceller_NoBargeInOverWholeAnswers(int delayMs)
    {
        SpokenScene.RequireEspeak();
        EchoCancellerTests.RequireSpeexDsp();
        var output = TestContext.Current.TestOutputHelper!;
        var played = await EchoCancellerTests.Answer();
        var path = new EchoPath(delayMs: delayMs);
        var mic = EchoScene.Microphone(played, path);
        using var detector = new BargeInDetector(new VoiceActivityDetector(SharedModels.LoadSilero()), new EchoCanceller());

        // The first answer since start-up: the canceller learns the path; the VAD's early start is held off.
        Assert.Empty(Run(detector, mic, played));
        output.WriteLine($"echo delay {delayMs} ms; first answer ({played.Length / Chunk} chunks): no barge-in; {detector.HeldOff} start(s) held off while learning; learning {detector.Learning}");
        Assert.False(detector.Learning);

        // The next answers, English and Mandarin, on the learned path: the canceller alone keeps the VAD quiet.
        var zh = await EchoCancellerTests.Answer("前方两公里有一个充电站，有两个快充桩空闲。要把它加入路线吗？", "zh-CN");
        int held = detector.HeldOff;
        foreach (var answer in new[] { played, zh })
        {
            detector.Reset();
            var answerMic = new float[answer.Length];
            path.Add(answer, answerMic);
            var noise = SpokenScene.CabinNoise(answer.Length / 16000.0 + 1, 0.002, 11);
            for (int i = 0; i < answerMic.Length; i++) answerMic[i] += noise[i];
            var reported = Run(detector, answerMic, answer);
            Assert.Empty(reported);
            output.WriteLine($"next answer ({answer.Length / Chunk} chunks): no barge-in, no start held off");
        }
        Assert.Equal(held, detector.HeldOff);
    }

    [Theory]
    [InlineData(94)]  // 3.0 s into the answer
    [InlineData(200)] // 6.4 s
    public async Task UserSpeechOverEcho_BargesInWithinAFewChunks_AndTheSinkStopsWithinOne(int userChunk)
    {
        SpokenScene.RequireEspeak();
        EchoCancellerTests.RequireSpeexDsp();
        var ct = TestContext.Current.CancellationToken;
        var user = SpokenScene.Speak("stop, cancel that", "en-us+f3");
        for (int i = 0; i < user.Length; i++) user[i] *= 0.5f;
        int onset = userChunk * Chunk + SpokenScene.Extent(user).First; // the first sample of the user's voice
        var noise = SpokenScene.CabinNoise(30, 0.002, 5);

        string wav = _dir.File("answer.wav");
        var reference = new EchoReference();
        var synthesizer = new EspeakSynthesizer();
        var speaker = new LockstepSpeaker(new WavFileSink(wav));
        using var sink = new AudioSpeechSink(synthesizer, speaker) { Reference = reference };
        using var detector = new BargeInDetector(new VoiceActivityDetector(SharedModels.LoadSilero()), new EchoCanceller(), reference);
        var path = new EchoPath();

        var speaking = sink.SpeakAsync(EchoScene.Answer, "en", ct);
        var played = new float[Chunk];
        var mic = new float[Chunk];
        int c = 0, bargeIn = -1;
        for (; ; c++)
        {
            int n = await speaker.NextAsync(speaking, played);
            if (n < 0) break;
            mic.AsSpan().Clear();
            path.Add(played, mic);
            for (int i = 0; i < Chunk; i++)
            {
                int t = c * Chunk + i;
                mic[i] += noise[t] + (t >= userChunk * Chunk && t - userChunk * Chunk < user.Length ? user[t - userChunk * Chunk] : 0);
            }
            bool barged = detector.Process(mic, At(c, Chunk));
            if (barged)
            {
                bargeIn = c;
                sink.Stop();
            }
            speaker.Heard();
            if (barged) break;
        }
        await speaking; // ends without an exception after Stop
        Assert.True(bargeIn >= 0, "no barge-in");
        int onsetChunk = onset / Chunk;
        int latency = bargeIn - onsetChunk;
        TestContext.Current.TestOutputHelper!.WriteLine(
            $"user speech from chunk {onsetChunk} (sample {onset}); barge-in at chunk {bargeIn}: {latency} chunks ({latency * 32} ms) after the onset; VAD start {detector.BargeInSpeechStart.TotalMilliseconds - onset / 16.0:F0} ms from the onset; chunks written after Stop: {speaker.ChunksAfterStop}");
        Assert.InRange(latency, 1, 6);
        Assert.InRange(detector.HeldOff, 0, 1); // at most the assistant's first words, while the canceller learned
        Assert.Equal(0, speaker.ChunksAfterStop);
        Assert.Equal(1, sink.Stops);
        Assert.Equal(bargeIn + 1, sink.ChunksWritten);

        // The file holds exactly the chunks played up to the barge-in; espeak-ng's process is gone.
        sink.Complete();
        Assert.Equal((bargeIn + 1) * Chunk, AudioFileSource.ReadAll(wav).Length);
        for (int i = 0; i < 100 && Directory.Exists($"/proc/{synthesizer.LastProcessId}"); i++) await Task.Delay(10, ct);
        Assert.False(Directory.Exists($"/proc/{synthesizer.LastProcessId}"), "espeak-ng still runs after the barge-in");
    }

    /// <summary>
    /// Live capture without a sound card (issue 20): the cabin microphone (echo, noise, the user from chunk 94) is the
    /// infile of an asoundrc <c>type file</c> device, captured by <see cref="AlsaCapture"/> through alsa-lib; the
    /// reference is what was played at each captured chunk's index. The barge-in comes at the same chunk as on the same
    /// 16-bit signal in memory.
    /// </summary>
    [Fact]
    public async Task LiveCapture_ThroughAnAlsaFileDevice_BargesInWhereTheRecordingSays()
    {
        SpokenScene.RequireEspeak();
        EchoCancellerTests.RequireSpeexDsp();
        if (!NativeLibrary.TryLoad("libasound.so.2", out var lib))
            throw Xunit.Sdk.SkipException.ForSkip("libasound.so.2 is not installed (apt-get install libasound2; ./test.sh does this)");
        NativeLibrary.Free(lib);
        var ct = TestContext.Current.CancellationToken;
        var played = await EchoCancellerTests.Answer();
        var mic = EchoScene.Microphone(played, new EchoPath());
        var user = SpokenScene.Speak("stop, cancel that", "en-us+f3");
        const int userChunk = 94;
        for (int i = 0; i < user.Length && userChunk * Chunk + i < mic.Length; i++) mic[userChunk * Chunk + i] += 0.5f * user[i];
        int onsetChunk = (userChunk * Chunk + SpokenScene.Extent(user).First) / Chunk;

        // The device's infile holds 16-bit samples: the in-memory run hears the same quantised signal.
        var bytes = new byte[mic.Length * 2];
        for (int i = 0; i < mic.Length; i++)
        {
            short s16 = (short)Math.Clamp(MathF.Round(mic[i] * 32768f), short.MinValue, short.MaxValue);
            BitConverter.TryWriteBytes(bytes.AsSpan(2 * i), s16);
            mic[i] = s16 / 32768f;
        }
        string infile = _dir.File("cabin.s16");
        File.WriteAllBytes(infile, bytes);
        using (var memory = new BargeInDetector(new VoiceActivityDetector(SharedModels.LoadSilero()), new EchoCanceller()))
        {
            var expected = Run(memory, mic, played);
            Assert.NotEmpty(expected);
            Assert.InRange(expected[0] - onsetChunk, 1, 6);

            string config = _dir.File("asoundrc");
            File.WriteAllText(config, $$"""
                pcm.edgeai_cabin {
                    type file
                    slave.pcm "null"
                    file "/dev/null"
                    infile "{{infile}}"
                    format "raw"
                }
                """);
            // The null PCM does not pace: a ring longer than the recording keeps every chunk of it.
            using var capture = new AlsaCapture(new AlsaCaptureOptions { Device = "edgeai_cabin", ConfigFile = config, RingChunks = 1024 });
            using var live = new BargeInDetector(new VoiceActivityDetector(SharedModels.LoadSilero()), new EchoCanceller());
            var buffer = new float[Chunk];
            var reference = new float[Chunk];
            var reported = new List<int>();
            for (int c = 0; c * Chunk < mic.Length; c++)
            {
                var chunk = await capture.ReadAsync(buffer, ct);
                Assert.Equal((long)c * Chunk, chunk.FirstSample);
                int n = Math.Min(chunk.Count, mic.Length - c * Chunk);
                reference.AsSpan().Clear();
                if (c * Chunk < played.Length) played.AsSpan(c * Chunk, Math.Min(n, played.Length - c * Chunk)).CopyTo(reference);
                if (live.Process(buffer.AsSpan(0, n), reference.AsSpan(0, n), At(c, n))) reported.Add(c);
            }
            TestContext.Current.TestOutputHelper!.WriteLine($"live capture through alsa-lib: barge-in at chunks {string.Join(", ", reported)} (in memory: {string.Join(", ", expected)}); user onset chunk {onsetChunk}");
            Assert.Equal(expected, reported);
            Assert.Equal(0, capture.DeviceOverruns);
        }
    }
}
