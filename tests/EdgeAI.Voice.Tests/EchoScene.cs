using EdgeAI.Voice.Echo;

namespace EdgeAI.Voice.Tests;

/// <summary>Helpers for the echo tests: the assistant's answer, its echo in the cabin, and measures of what is left.</summary>
internal static class EchoScene
{
    public const int Chunk = 512;

    /// <summary>A long in-car answer, spoken by espeak-ng through EspeakSynthesizer.</summary>
    public const string Answer = "The nearest charger is four kilometers ahead, on the right, at the Adlershof science park. " +
        "It has two fast chargers free, and your battery will be at thirty one percent when you get there. " +
        "Shall I add it to the route?";

    /// <summary>The microphone: the echo of <paramref name="played"/> through <paramref name="path"/>, plus cabin noise.</summary>
    public static float[] Microphone(float[] played, EchoPath path, double noiseRms = 0.002, int seed = 3)
    {
        var mic = EchoPath.Of(played, path);
        var noise = SpokenScene.CabinNoise(mic.Length / (double)SpokenScene.Rate + 1, noiseRms, seed);
        for (int i = 0; i < mic.Length; i++) mic[i] += noise[i];
        return mic;
    }

    /// <summary>Runs <paramref name="canceller"/> over whole chunks; returns the cleaned signal.</summary>
    public static float[] Cancel(IEchoCanceller canceller, float[] microphone, float[] played)
    {
        var output = new float[microphone.Length];
        for (int at = 0; at < microphone.Length; at += Chunk)
        {
            int n = Math.Min(Chunk, microphone.Length - at);
            var reference = at < played.Length ? played.AsSpan(at, Math.Min(n, played.Length - at)) : [];
            canceller.Process(microphone.AsSpan(at, n), reference, output.AsSpan(at, n));
        }
        return output;
    }

    /// <summary>Energy ratio in dB of <paramref name="before"/> to <paramref name="after"/> over [from, to).</summary>
    public static double ReductionDb(ReadOnlySpan<float> before, ReadOnlySpan<float> after, int from, int to)
    {
        double a = 0, b = 0;
        for (int i = from; i < to; i++)
        {
            a += (double)before[i] * before[i];
            b += (double)after[i] * after[i];
        }
        return 10 * Math.Log10(a / Math.Max(b, 1e-20));
    }
}
