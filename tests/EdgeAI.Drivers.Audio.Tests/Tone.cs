namespace EdgeAI.Drivers.Audio.Tests;

/// <summary>Test signals and the measurements the resampler and format tests make on them.</summary>
internal static class Tone
{
    /// <summary><paramref name="seconds"/> of a sine of <paramref name="hz"/> at <paramref name="rate"/>.</summary>
    public static float[] Sine(double hz, int rate, double seconds, double amplitude = 0.5, double phase = 0)
    {
        var samples = new float[(int)Math.Round(seconds * rate)];
        for (int i = 0; i < samples.Length; i++) samples[i] = (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / rate + phase));
        return samples;
    }

    /// <summary>The amplitude of the <paramref name="hz"/> component of <paramref name="samples"/> (a least-squares fit
    /// of sine and cosine; exact when the span holds whole cycles).</summary>
    public static double Amplitude(ReadOnlySpan<float> samples, double hz, int rate)
    {
        double s = 0, c = 0;
        for (int i = 0; i < samples.Length; i++)
        {
            double w = 2 * Math.PI * hz * i / rate;
            s += samples[i] * Math.Sin(w);
            c += samples[i] * Math.Cos(w);
        }
        return 2 * Math.Sqrt(s * s + c * c) / samples.Length;
    }

    /// <summary>Root mean square.</summary>
    public static double Rms(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        foreach (float v in samples) sum += (double)v * v;
        return Math.Sqrt(sum / Math.Max(1, samples.Length));
    }

    /// <summary>Frequency from upward zero crossings, each placed by linear interpolation.</summary>
    public static double Frequency(ReadOnlySpan<float> samples, int rate)
    {
        double first = -1, last = -1;
        int crossings = 0;
        for (int i = 1; i < samples.Length; i++)
        {
            if (samples[i - 1] < 0 && samples[i] >= 0)
            {
                double t = i - 1 + samples[i - 1] / (samples[i - 1] - samples[i]);
                if (first < 0) first = t;
                last = t;
                crossings++;
            }
        }
        return crossings < 2 ? 0 : (crossings - 1) * rate / (last - first);
    }

    /// <summary>20·log10(a / b).</summary>
    public static double Db(double a, double b) => 20 * Math.Log10(a / b);
}
