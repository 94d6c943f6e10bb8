namespace EdgeAI.Drivers.Simulated;

/// <summary>
/// Generated cabin noise at 16 kHz, seeded and endless: engine and road rumble made of pink noise (Voss-McCartney,
/// 16 rows) and brown noise (leaky integrated white noise), mixed and passed through a two-pole low-pass. Levels are set
/// by RMS, so speech can be mixed in at a chosen signal-to-noise ratio (<see cref="MixAt"/>).
/// </summary>
public sealed class CarNoise
{
    /// <summary>The rate every sample is at.</summary>
    public const int SampleRate = 16000;

    private const int PinkRows = 16;
    private readonly Random _random;
    private readonly double[] _rows = new double[PinkRows];
    private readonly double _a1, _a2, _b0, _pinkWeight;
    private double _pinkSum, _brown, _x1, _x2, _y1, _y2, _scale = 1;
    private long _n;

    /// <summary>Noise with <paramref name="seed"/>, low-passed at <paramref name="cutoffHz"/>, scaled to <paramref name="rms"/>.</summary>
    /// <param name="seed">The same seed gives the same samples.</param>
    /// <param name="rms">Level, RMS of full scale 1 (measured over the first 4 s the generator makes).</param>
    /// <param name="cutoffHz">Low-pass corner (default 500 Hz: rumble).</param>
    /// <param name="pinkWeight">Pink noise's share against brown (0..1, default 0.5).</param>
    public CarNoise(int seed, double rms = 0.05, double cutoffHz = 500, double pinkWeight = 0.5)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rms);
        if (cutoffHz is <= 0 or >= SampleRate / 2.0) throw new ArgumentOutOfRangeException(nameof(cutoffHz), cutoffHz, "expected 0 < cutoff < 8000 Hz");
        if (pinkWeight is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(pinkWeight), pinkWeight, "expected 0..1");
        _pinkWeight = pinkWeight;
        // Butterworth low-pass by the bilinear transform (Q = 1/sqrt 2)
        double k = Math.Tan(Math.PI * cutoffHz / SampleRate), norm = 1 / (1 + Math.Sqrt(2) * k + k * k);
        _b0 = k * k * norm;
        _a1 = 2 * (k * k - 1) * norm;
        _a2 = (1 - Math.Sqrt(2) * k + k * k) * norm;
        Seed = seed;
        // calibrate the level on a copy of the same sequence, then start over so the first sample is the same
        _random = new Random(seed);
        var probe = new float[4 * SampleRate];
        Fill(probe);
        double sum = 0;
        foreach (var v in probe) sum += (double)v * v;
        double measured = Math.Sqrt(sum / probe.Length);
        _random = new Random(seed);
        Array.Clear(_rows);
        _pinkSum = _brown = _x1 = _x2 = _y1 = _y2 = 0;
        _n = 0;
        _scale = measured > 0 ? rms / measured : 0;
        Rms = rms;
    }

    /// <summary>The seed.</summary>
    public int Seed { get; }

    /// <summary>The RMS level asked for.</summary>
    public double Rms { get; }

    /// <summary>Writes the next samples.</summary>
    public void Fill(Span<float> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            // Voss-McCartney: row r changes every 2^r samples (the row of the lowest set bit of the counter)
            _n++;
            int row = System.Numerics.BitOperations.TrailingZeroCount(_n);
            if (row < PinkRows)
            {
                double fresh = _random.NextDouble() * 2 - 1;
                _pinkSum += fresh - _rows[row];
                _rows[row] = fresh;
            }
            double white = _random.NextDouble() * 2 - 1;
            double pink = (_pinkSum + white) / (PinkRows + 1);
            _brown = 0.998 * _brown + white * 0.05;
            double x = _pinkWeight * pink * 4 + (1 - _pinkWeight) * _brown;
            double y = _b0 * (x + 2 * _x1 + _x2) - _a1 * _y1 - _a2 * _y2;
            _x2 = _x1; _x1 = x; _y2 = _y1; _y1 = y;
            destination[i] = (float)(y * _scale);
        }
    }

    /// <summary><paramref name="seconds"/> of noise.</summary>
    public float[] Next(double seconds)
    {
        var samples = new float[(int)Math.Round(seconds * SampleRate)];
        Fill(samples);
        return samples;
    }

    /// <summary>The RMS of <paramref name="samples"/> over the part above -60 dBFS (the spoken part of an utterance).</summary>
    public static double ActiveRms(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        int n = 0;
        foreach (var v in samples)
        {
            if (Math.Abs(v) < 1e-3f) continue;
            sum += (double)v * v;
            n++;
        }
        return n == 0 ? 0 : Math.Sqrt(sum / n);
    }

    /// <summary>
    /// Adds this noise under <paramref name="speech"/> in place, scaled so the speech's active RMS
    /// (<see cref="ActiveRms"/>) is <paramref name="snrDb"/> above the noise's RMS.
    /// </summary>
    public void MixAt(Span<float> speech, double snrDb)
    {
        double target = ActiveRms(speech) / Math.Pow(10, snrDb / 20);
        double gain = Rms > 0 ? target / Rms : 0;
        Span<float> block = stackalloc float[512];
        for (int at = 0; at < speech.Length; at += block.Length)
        {
            var part = block[..Math.Min(block.Length, speech.Length - at)];
            Fill(part);
            for (int i = 0; i < part.Length; i++) speech[at + i] += (float)(part[i] * gain);
        }
    }
}
