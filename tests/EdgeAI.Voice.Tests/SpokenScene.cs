using EdgeAI.Drivers.Audio;
using EdgeAI.TestKit;

namespace EdgeAI.Voice.Tests;

/// <summary>
/// A constructed recording with known speech spans: espeak-ng utterances (read and resampled from its 22.05 kHz WAV by
/// the real reader) placed between stretches of digital silence and of generated cabin noise. A span runs from the
/// first to the last sample of the clean utterance above -60 dBFS, so it is known to the sample.
/// </summary>
internal sealed class SpokenScene
{
    public const int Rate = 16000;

    public SpokenScene(float[] samples, IReadOnlyList<(double Start, double End)> spans)
    {
        Samples = samples;
        Spans = spans;
    }

    /// <summary>16 kHz mono.</summary>
    public float[] Samples { get; }
    /// <summary>Where the speech is, in seconds.</summary>
    public IReadOnlyList<(double Start, double End)> Spans { get; }

    /// <summary>Skips the test when espeak-ng is missing.</summary>
    public static void RequireEspeak()
    {
        string? missing = ExternalTool.MissingProgramReason("espeak-ng", "espeak-ng");
        if (missing is not null) throw Xunit.Sdk.SkipException.ForSkip(missing);
    }

    /// <summary>espeak-ng speaking <paramref name="text"/> with <paramref name="voice"/> at <paramref name="wordsPerMinute"/>, at 16 kHz.</summary>
    public static float[] Speak(string text, string voice = "en-us", int wordsPerMinute = 160)
    {
        using var dir = new TempDirectory();
        string wav = dir.File("say.wav");
        ExternalTool.Run("espeak-ng", ["-v", voice, "-s", $"{wordsPerMinute}", "-w", wav, text]);
        return AudioFileSource.ReadAll(wav);
    }

    /// <summary>The first and last sample above -60 dBFS.</summary>
    public static (int First, int Last) Extent(ReadOnlySpan<float> speech)
    {
        int first = 0, last = speech.Length - 1;
        while (first < speech.Length && Math.Abs(speech[first]) < 1e-3f) first++;
        while (last > first && Math.Abs(speech[last]) < 1e-3f) last--;
        return (first, last);
    }

    /// <summary>Cabin-like noise: brown noise (integrated white, leaky) low-passed, scaled to <paramref name="rms"/>; seeded.</summary>
    public static float[] CabinNoise(double seconds, double rms, int seed)
    {
        var random = new Random(seed);
        var noise = new float[(int)(seconds * Rate)];
        double brown = 0, low = 0, sum = 0;
        for (int i = 0; i < noise.Length; i++)
        {
            brown = 0.995 * brown + (random.NextDouble() * 2 - 1) * 0.1;
            low += 0.2 * (brown - low);
            noise[i] = (float)low;
            sum += low * low;
        }
        float scale = (float)(rms / Math.Sqrt(sum / noise.Length));
        for (int i = 0; i < noise.Length; i++) noise[i] *= scale;
        return noise;
    }

    /// <summary>White noise of <paramref name="rms"/> (uniform), seeded.</summary>
    public static float[] WhiteNoise(double seconds, double rms, int seed)
    {
        var random = new Random(seed);
        var noise = new float[(int)(seconds * Rate)];
        float peak = (float)(rms * Math.Sqrt(3));
        for (int i = 0; i < noise.Length; i++) noise[i] = (float)(random.NextDouble() * 2 - 1) * peak;
        return noise;
    }

    /// <summary>Builds a scene from parts: a float[] is placed as is (silence, noise); a <see cref="Speech"/> is an
    /// utterance whose span is recorded, optionally over a noise bed.</summary>
    public static SpokenScene Build(params object[] parts)
    {
        var samples = new List<float>();
        var spans = new List<(double, double)>();
        foreach (var part in parts)
        {
            switch (part)
            {
                case float[] audio:
                    samples.AddRange(audio);
                    break;
                case Speech speech:
                    var (first, last) = Extent(speech.Samples);
                    int at = samples.Count;
                    var mixed = (float[])speech.Samples.Clone();
                    if (speech.Bed is not null)
                        for (int i = 0; i < mixed.Length; i++) mixed[i] += speech.Bed[i % speech.Bed.Length];
                    samples.AddRange(mixed);
                    spans.Add(((at + first) / (double)Rate, (at + last + 1) / (double)Rate));
                    break;
                default:
                    throw new ArgumentException($"unknown part {part}");
            }
        }
        return new SpokenScene([.. samples], spans);
    }

    /// <summary>Digital silence.</summary>
    public static float[] Silence(double seconds) => new float[(int)(seconds * Rate)];
}

/// <summary>An utterance for <see cref="SpokenScene.Build"/>, with an optional noise bed mixed under it.</summary>
internal sealed record Speech(float[] Samples, float[]? Bed = null);
