using EdgeAI.Drivers.Audio;
using EdgeAI.Drivers.Audio.Wav;
using EdgeAI.TestKit;
using EdgeAI.Voice.Vad;

namespace EdgeAI.Voice.Tests;

/// <summary>
/// The VAD on a constructed recording whose speech spans are known to the sample: 12 in-car commands spoken by
/// espeak-ng (6 voices, 130-190 words per minute), separated by digital silence, cabin noise and white noise, written as
/// a 16-bit WAV and read back through the real reader. Every segment starts and ends within 100 ms of its utterance;
/// over continuous cabin noise 20 dB below the speech, within 150 ms (at 10 dB the ends come up to 0.3 s late); silence
/// and noise alone give no segment.
/// </summary>
public sealed class VadBoundaryTests(VadBoundaryTests.Scene scene) : IClassFixture<VadBoundaryTests.Scene>
{
    /// <summary>The constructed recordings, built once for the class.</summary>
    public sealed class Scene : IDisposable
    {
        private static readonly string[] Texts = ["navigate to the nearest charging station", "set the temperature to twenty one degrees",
            "find a parking garage near the station", "what is my range", "call home", "how long until the light turns green",
            "find an italian restaurant", "cancel", "yes", "turn on the seat heating", "what can you do", "navigate to alexanderplatz"];
        private static readonly string[] Voices = ["en-us", "en-gb", "en-us+f3", "en-us+m3", "en-gb+f2", "en-us+f4"];
        private static readonly int[] Rates = [130, 150, 160, 175, 190];
        private readonly Lazy<float[][]> _utterances;
        private readonly Lazy<(SpokenScene Audio, string Wav)> _built;
        private readonly Dictionary<int, SpokenScene> _noisy = [];
        private readonly TempDirectory _dir = new();

        public Scene()
        {
            _utterances = new(() =>
            {
                SpokenScene.RequireEspeak();
                return [.. Texts.Select((t, i) => SpokenScene.Speak(t, Voices[i % Voices.Length], Rates[i % Rates.Length]))];
            });
            _built = new(Build);
        }

        internal SpokenScene Audio => _built.Value.Audio;
        public string Wav => _built.Value.Wav;
        /// <summary>The same utterances over one continuous cabin noise, <paramref name="snrDb"/> below the speech's level.</summary>
        internal SpokenScene Noisy(int snrDb)
        {
            lock (_noisy)
            {
                if (!_noisy.TryGetValue(snrDb, out var scene)) _noisy[snrDb] = scene = BuildNoisy(snrDb);
                return scene;
            }
        }

        private (SpokenScene, string) Build()
        {
            var utterances = _utterances.Value;
            var parts = new List<object> { SpokenScene.Silence(1.0) };
            for (int i = 0; i < utterances.Length; i++)
            {
                parts.Add(new Speech(utterances[i]));
                parts.Add((i % 3) switch
                {
                    0 => SpokenScene.Silence(1.0 + 0.1 * i),
                    1 => SpokenScene.CabinNoise(1.2, 0.01 + 0.01 * (i % 4), i),
                    _ => SpokenScene.WhiteNoise(1.0, 0.005 + 0.005 * (i % 4), i),
                });
            }
            parts.Add(SpokenScene.Silence(1.0));
            var audio = SpokenScene.Build([.. parts]);
            string wav = _dir.File("scene.wav");
            WavFileSink.WriteAll(wav, audio.Samples);
            return (audio, wav);
        }

        private SpokenScene BuildNoisy(double snrDb)
        {
            var utterances = _utterances.Value;
            double sum = 0;
            long count = 0;
            foreach (var u in utterances)
            {
                var (first, last) = SpokenScene.Extent(u);
                for (int i = first; i <= last; i++) sum += u[i] * u[i];
                count += last - first + 1;
            }
            var noise = SpokenScene.CabinNoise(80, Math.Sqrt(sum / count) / Math.Pow(10, snrDb / 20), 9);
            var parts = new List<object> { noise[..16000] };
            int at = 16000;
            foreach (var u in utterances)
            {
                parts.Add(new Speech(u, noise[at..(at + u.Length)]));
                at += u.Length;
                parts.Add(noise[at..(at + 16000)]);
                at += 16000;
            }
            return SpokenScene.Build([.. parts]);
        }

        public void Dispose() => _dir.Dispose();
    }

    [Fact]
    public async Task Detect_ConstructedRecording_EverySegmentWithin100msOfItsUtterance()
    {
        var spans = scene.Audio.Spans;
        using var detector = new VoiceActivityDetector(SharedModels.LoadSilero());
        using var source = AudioFileSource.OpenWav(scene.Wav);
        var segments = await detector.DetectAsync(source, TestContext.Current.CancellationToken);

        var report = string.Join("; ", segments.Zip(spans, (s, k) => $"{(s.Start.TotalSeconds - k.Start) * 1000:F0}/{(s.End.TotalSeconds - k.End) * 1000:F0} ms"));
        TestContext.Current.TestOutputHelper?.WriteLine($"start/end error per utterance: {report}");
        Assert.Equal(spans.Count, segments.Count);
        for (int i = 0; i < spans.Count; i++)
        {
            Assert.True(Math.Abs(segments[i].Start.TotalSeconds - spans[i].Start) <= 0.100, $"utterance {i}: starts {segments[i].Start.TotalSeconds:F3} s, spoken from {spans[i].Start:F3} s ({report})");
            Assert.True(Math.Abs(segments[i].End.TotalSeconds - spans[i].End) <= 0.100, $"utterance {i}: ends {segments[i].End.TotalSeconds:F3} s, spoken to {spans[i].End:F3} s ({report})");
        }
    }

    [Fact]
    public void Process_EndOfSpeech_IsKnownMinSilenceAfterIt()
    {
        var options = new VadOptions();
        using var detector = new VoiceActivityDetector(SharedModels.LoadSilero(), options);
        var samples = scene.Audio.Samples;
        int ends = 0;
        for (int c = 0; c * 512 < samples.Length; c++)
        {
            int count = Math.Min(512, samples.Length - c * 512);
            var e = detector.Process(samples.AsSpan(c * 512, count), new EdgeAI.Audio.AudioChunk(count, c * 512L, TimeSpan.FromTicks(c * 512L * TimeSpan.TicksPerSecond / 16000)));
            if (e.Kind != VadEventKind.SpeechEnd) continue;
            ends++;
            // Decided at the end of the chunk that completed MinSilenceMs of silence (whole 32 ms chunks).
            var latency = e.DecidedAt - e.End;
            Assert.InRange(latency.TotalMilliseconds, options.MinSilenceMs - options.EndPaddingMs, options.MinSilenceMs - options.EndPaddingMs + 32);
        }
        Assert.Equal(scene.Audio.Spans.Count, ends);
    }

    [Theory]
    [InlineData(20, 150, 150)]
    [InlineData(10, 100, 300)]
    public void Detect_SpeechOverCabinNoise_FindsEveryUtteranceOnceWithinBounds(int snrDb, int startBoundMs, int endBoundMs)
    {
        var noisy = scene.Noisy(snrDb);
        using var detector = new VoiceActivityDetector(SharedModels.LoadSilero());
        var segments = new List<SpeechSegment>();
        var samples = noisy.Samples;
        for (int c = 0; c * 512 < samples.Length; c++)
        {
            int count = Math.Min(512, samples.Length - c * 512);
            var e = detector.Process(samples.AsSpan(c * 512, count), new EdgeAI.Audio.AudioChunk(count, c * 512L, TimeSpan.FromTicks(c * 512L * TimeSpan.TicksPerSecond / 16000)));
            if (e.Kind == VadEventKind.SpeechEnd) segments.Add(e.Segment);
        }
        var report = string.Join("; ", segments.Zip(noisy.Spans, (s, k) => $"{(s.Start.TotalSeconds - k.Start) * 1000:F0}/{(s.End.TotalSeconds - k.End) * 1000:F0} ms"));
        TestContext.Current.TestOutputHelper?.WriteLine($"{snrDb} dB SNR, start/end error per utterance: {report}");
        // No utterance lost, none split in two, no noise taken for speech.
        Assert.Equal(noisy.Spans.Count, segments.Count);
        for (int i = 0; i < segments.Count; i++)
        {
            Assert.True(Math.Abs(segments[i].Start.TotalSeconds - noisy.Spans[i].Start) * 1000 <= startBoundMs, report);
            Assert.True(Math.Abs(segments[i].End.TotalSeconds - noisy.Spans[i].End) * 1000 <= endBoundMs, report);
        }
    }

    public static TheoryData<string> Quiet => new() { "silence", "dither", "cabin noise 0.01", "cabin noise 0.05", "cabin noise 0.2", "white noise 0.01", "white noise 0.05" };

    [Theory]
    [MemberData(nameof(Quiet))]
    public async Task Detect_SilenceOrNoiseOnly_GivesNoSegment(string kind)
    {
        float[] audio = kind switch
        {
            "silence" => SpokenScene.Silence(20),
            "dither" => SpokenScene.WhiteNoise(20, 1.0 / 32768, 1),
            "cabin noise 0.01" => SpokenScene.CabinNoise(20, 0.01, 2),
            "cabin noise 0.05" => SpokenScene.CabinNoise(20, 0.05, 3),
            "cabin noise 0.2" => SpokenScene.CabinNoise(20, 0.2, 4),
            "white noise 0.01" => SpokenScene.WhiteNoise(20, 0.01, 5),
            "white noise 0.05" => SpokenScene.WhiteNoise(20, 0.05, 6),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        using var dir = new TempDirectory();
        string wav = dir.File("quiet.wav");
        WavFileSink.WriteAll(wav, audio);
        using var detector = new VoiceActivityDetector(SharedModels.LoadSilero());
        using var source = AudioFileSource.OpenWav(wav);
        Assert.Empty(await detector.DetectAsync(source, TestContext.Current.CancellationToken));
    }
}
