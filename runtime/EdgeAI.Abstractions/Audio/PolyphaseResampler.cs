using System.Numerics;

namespace EdgeAI.Audio;

/// <summary>
/// Streaming sample-rate conversion by a rational factor L/M with a polyphase windowed-sinc low-pass (a Kaiser window).
/// <para>
/// Design: the passband runs to <see cref="PassbandFraction"/> (90 %) of the lower of the two Nyquist frequencies, the
/// stopband starts at that Nyquist frequency (8 kHz for 16 kHz output), so nothing above the output's Nyquist frequency
/// folds back into the passband; the Kaiser window is sized for <see cref="DesignAttenuationDb"/> (100 dB) of stopband
/// attenuation over that transition (kaiserord's formulas). Each phase's taps are normalised to sum to 1, so DC and low
/// frequencies keep their level exactly. Measured on sine sweeps (tests/EdgeAI.Drivers.Audio.Tests,
/// ResamplerTests; figures in docs/voice.md): 44.1/48 kHz to 16 kHz keep 50 Hz-7.2 kHz within ±0.0001 dB and
/// attenuate every tone from 8 kHz up by at least 102 dB; 8 kHz to 16 kHz leaves no image above -100 dB.
/// </para>
/// <para>
/// The ratio is reduced by the greatest common divisor (48000→16000 is 1/3, 44100→16000 is 160/441). Up to
/// <see cref="MaxExactPhases"/> phases every output sample uses its exact phase; a rate with a larger L (44101 Hz)
/// uses a table of <see cref="MaxExactPhases"/> phases and interpolates linearly between neighbouring phases.
/// The filter is linear-phase and centred, so output sample j is input time j·M/L: the conversion adds no delay.
/// </para>
/// Not thread-safe; allocates nothing after construction.
/// </summary>
public sealed class PolyphaseResampler
{
    /// <summary>Passband edge as a fraction of the lower Nyquist frequency.</summary>
    public const double PassbandFraction = 0.9;
    /// <summary>Stopband attenuation the Kaiser window is designed for, in dB.</summary>
    public const double DesignAttenuationDb = 100;
    /// <summary>Largest interpolation factor L given one exact phase per output position.</summary>
    public const int MaxExactPhases = 1024;
    private const int BlockInput = 4096;

    private readonly float[] _table;
    private readonly float[] _buffer;
    private readonly int _taps, _half, _phases;
    private readonly bool _exact;
    private long _bufferStart;
    private int _count;
    private long _next;
    private long _inputTotal;

    /// <summary>A converter from <paramref name="inputRate"/> to <paramref name="outputRate"/> Hz.</summary>
    public PolyphaseResampler(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        InputRate = inputRate;
        OutputRate = outputRate;
        int gcd = Gcd(inputRate, outputRate);
        Interpolation = outputRate / gcd;
        Decimation = inputRate / gcd;
        double nyquist = Math.Min(inputRate, outputRate) / 2.0;
        PassbandEdgeHz = PassbandFraction * nyquist;
        StopbandEdgeHz = nyquist;
        if (Interpolation == 1 && Decimation == 1)
        {
            _table = [];
            _buffer = [];
            return;
        }
        double cutoff = (PassbandEdgeHz + StopbandEdgeHz) / 2 / inputRate;
        double transition = (StopbandEdgeHz - PassbandEdgeHz) / inputRate;
        double beta = 0.1102 * (DesignAttenuationDb - 8.7);
        int taps = (int)Math.Ceiling((DesignAttenuationDb - 7.95) / (2.285 * 2 * Math.PI * transition)) + 1;
        _taps = Math.Max(8, taps + (taps & 1));
        _half = _taps / 2;
        _exact = Interpolation <= MaxExactPhases;
        _phases = _exact ? Interpolation : MaxExactPhases;
        _table = new float[(_phases + 1) * _taps];
        double i0Beta = BesselI0(beta);
        var row = new double[_taps];
        for (int p = 0; p <= _phases; p++)
        {
            double phase = (double)p / _phases, sum = 0;
            for (int k = 0; k < _taps; k++)
            {
                // Tap k multiplies input sample n + k - (half - 1); the output sits at n + phase.
                double t = phase - (k - _half + 1);
                double x = t / _half;
                double window = Math.Abs(x) >= 1 ? 0 : BesselI0(beta * Math.Sqrt(1 - x * x)) / i0Beta;
                row[k] = 2 * cutoff * Sinc(2 * cutoff * t) * window;
                sum += row[k];
            }
            for (int k = 0; k < _taps; k++) _table[p * _taps + k] = (float)(row[k] / sum);
        }
        _buffer = new float[_taps + BlockInput];
        Reset();
    }

    /// <summary>Input samples per second.</summary>
    public int InputRate { get; }
    /// <summary>Output samples per second.</summary>
    public int OutputRate { get; }
    /// <summary>L: the output rate divided by the rates' greatest common divisor.</summary>
    public int Interpolation { get; }
    /// <summary>M: the input rate divided by the rates' greatest common divisor.</summary>
    public int Decimation { get; }
    /// <summary>Taps per phase (0 when the rates are equal and samples pass through).</summary>
    public int TapsPerPhase => _taps;
    /// <summary>Phases in the coefficient table (L, or <see cref="MaxExactPhases"/> interpolated).</summary>
    public int Phases => _phases;
    /// <summary>True when every output uses its exact phase (L ≤ <see cref="MaxExactPhases"/>).</summary>
    public bool ExactPhases => _exact;
    /// <summary>Where the passband ends, Hz.</summary>
    public double PassbandEdgeHz { get; }
    /// <summary>Where the stopband starts, Hz (the lower Nyquist frequency).</summary>
    public double StopbandEdgeHz { get; }
    /// <summary>True when input and output rates are equal: samples are copied.</summary>
    public bool IsPassThrough => _taps == 0;

    /// <summary>Output capacity <see cref="Process"/> needs for <paramref name="inputSamples"/> more input.</summary>
    public int MaxOutput(int inputSamples) => IsPassThrough ? inputSamples
        : (int)(((long)inputSamples + _taps) * Interpolation / Decimation) + 2;

    /// <summary>Output capacity <see cref="Flush"/> needs.</summary>
    public int MaxFlushOutput => IsPassThrough ? 0 : (int)((long)_taps * Interpolation / Decimation) + 2;

    /// <summary>Starts a new stream: history cleared, positions back to 0.</summary>
    public void Reset()
    {
        if (IsPassThrough) return;
        // Input before the first sample is silence: prefill the history so output 0 is centred on input 0.
        _count = _half - 1;
        Array.Clear(_buffer);
        _bufferStart = -_count;
        _next = 0;
        _inputTotal = 0;
    }

    /// <summary>Converts <paramref name="input"/>, writing every output sample that its history now allows.</summary>
    /// <returns>Output samples written.</returns>
    /// <exception cref="ArgumentException"><paramref name="output"/> is shorter than <see cref="MaxOutput"/>.</exception>
    public int Process(ReadOnlySpan<float> input, Span<float> output)
    {
        if (IsPassThrough)
        {
            input.CopyTo(output);
            return input.Length;
        }
        if (output.Length < MaxOutput(input.Length))
            throw new ArgumentException($"{input.Length} input samples may give {MaxOutput(input.Length)} outputs; the buffer holds {output.Length}", nameof(output));
        int written = 0;
        while (!input.IsEmpty)
        {
            int take = Math.Min(input.Length, _buffer.Length - _count);
            input[..take].CopyTo(_buffer.AsSpan(_count));
            _count += take;
            _inputTotal += take;
            input = input[take..];
            written += Drain(output[written..], long.MaxValue);
            Compact();
        }
        return written;
    }

    /// <summary>Ends the stream: writes the outputs that still wait for input after the last sample (taken as silence),
    /// so the output holds ceil(inputs · L / M) samples in all. Call <see cref="Reset"/> before reusing.</summary>
    /// <returns>Output samples written.</returns>
    public int Flush(Span<float> output)
    {
        if (IsPassThrough) return 0;
        if (output.Length < MaxFlushOutput)
            throw new ArgumentException($"flushing may give {MaxFlushOutput} outputs; the buffer holds {output.Length}", nameof(output));
        long total = (_inputTotal * Interpolation + Decimation - 1) / Decimation;
        int written = 0;
        while (_next < total)
        {
            int pad = Math.Min(_taps, _buffer.Length - _count);
            _buffer.AsSpan(_count, pad).Clear();
            _count += pad;
            written += Drain(output[written..], total);
            Compact();
        }
        return written;
    }

    private int Drain(Span<float> output, long limit)
    {
        int written = 0;
        long end = _bufferStart + _count;
        while (_next < limit && written < output.Length)
        {
            long position = _next * Decimation;
            long n = position / Interpolation;
            long start = n - _half + 1;
            if (start + _taps > end) break;
            var window = _buffer.AsSpan((int)(start - _bufferStart), _taps);
            int phase = (int)(position % Interpolation);
            float y;
            if (_exact)
            {
                y = Dot(window, _table.AsSpan(phase * _taps, _taps));
            }
            else
            {
                double at = (double)phase * _phases / Interpolation;
                int row = (int)at;
                float f = (float)(at - row);
                y = (1 - f) * Dot(window, _table.AsSpan(row * _taps, _taps)) + f * Dot(window, _table.AsSpan((row + 1) * _taps, _taps));
            }
            output[written++] = y;
            _next++;
        }
        return written;
    }

    private void Compact()
    {
        long start = _next * Decimation / Interpolation - _half + 1;
        int drop = (int)Math.Clamp(start - _bufferStart, 0, _count);
        if (drop == 0) return;
        _buffer.AsSpan(drop, _count - drop).CopyTo(_buffer);
        _count -= drop;
        _bufferStart += drop;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        int i = 0, width = Vector<float>.Count;
        for (; i <= a.Length - width; i += width) sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        float result = Vector.Sum(sum);
        for (; i < a.Length; i++) result += a[i] * b[i];
        return result;
    }

    private static double Sinc(double x) => x == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);

    /// <summary>The modified Bessel function of the first kind, order 0, by its power series.</summary>
    private static double BesselI0(double x)
    {
        double sum = 1, term = 1, half = x / 2;
        for (int k = 1; k < 200; k++)
        {
            term *= half / k;
            double square = term * term;
            sum += square;
            if (square < sum * 1e-17) break;
        }
        return sum;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
