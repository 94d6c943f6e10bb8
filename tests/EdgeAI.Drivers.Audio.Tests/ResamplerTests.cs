using EdgeAI.Audio;
using EdgeAI.TestKit;

namespace EdgeAI.Drivers.Audio.Tests;

/// <summary>
/// The polyphase resampler to 16 kHz: tones keep their frequency and level, everything from 8 kHz up (the output's
/// Nyquist frequency) is removed, and its measured passband ripple and stopband attenuation hold what docs/voice.md says.
/// </summary>
public sealed class ResamplerTests
{
    private const int Out = 16000;

    [Theory]
    [InlineData(44100)]
    [InlineData(48000)]
    [InlineData(8000)]
    [InlineData(22050)]
    [InlineData(11025)]
    [InlineData(32000)]
    [InlineData(96000)]
    [InlineData(44101)]
    public void Resample_1kHzToneWrittenBySox_KeepsFrequencyAndAmplitude(int rate)
    {
        SoxTool.Require("sox");
        using var dir = new TempDirectory();
        string wav = dir.File($"tone{rate}.wav");
        ExternalTool.Run("sox", ["-D", "-n", "-r", $"{rate}", "-c", "1", "-e", "floating-point", "-b", "32", wav, "synth", "2", "sine", "1000", "vol", "0.5"]);
        var input = AudioFileSource.ReadAll(wav, sampleRate: rate);
        using var source = AudioFileSource.OpenWav(wav);
        Assert.Equal(rate, source.InputFormat.SampleRate);
        Assert.Equal(rate == 44101, !source.Resampler.ExactPhases);
        var output = source.ReadToEnd();

        Assert.Equal((int)Math.Ceiling(input.Length * (double)Out / rate), output.Length);
        double amplitudeIn = Tone.Amplitude(input.AsSpan(rate / 2, rate), 1000, rate);
        var middle = output.AsSpan(Out / 2, Out);
        Assert.InRange(Tone.Frequency(middle, Out), 999.99, 1000.01);
        Assert.InRange(Tone.Db(Tone.Amplitude(middle, 1000, Out), amplitudeIn), -0.001, 0.001);
        // Nothing else: what is left after the tone is below -90 dB.
        double residual = Residual(middle, 1000);
        Assert.True(Tone.Db(residual * Math.Sqrt(2), amplitudeIn) < -90, $"residual {Tone.Db(residual * Math.Sqrt(2), amplitudeIn):F1} dB");
    }

    [Theory]
    [InlineData(48000, 8000)]
    [InlineData(48000, 8500)]
    [InlineData(48000, 12000)]
    [InlineData(48000, 20000)]
    [InlineData(44100, 8000)]
    [InlineData(44100, 9000)]
    [InlineData(44100, 15000)]
    [InlineData(44100, 22000)]
    public void Resample_ToneAt8kHzOrAbove_IsAttenuatedBeyond90dB(int rate, int hz)
    {
        var output = Run(rate, Tone.Sine(hz, rate, 1.0));
        double db = Tone.Db(Tone.Rms(output.AsSpan(2000, 12000)) * Math.Sqrt(2), 0.5);
        Assert.True(db < -90, $"{hz} Hz from {rate} Hz: {db:F1} dB");
    }

    [Fact]
    public void Resample_8kHzInput_LeavesNoImageAboveItsNyquist()
    {
        var output = Run(8000, Tone.Sine(1000, 8000, 1.0));
        var middle = output.AsSpan(2000, 12000);
        Assert.InRange(Tone.Db(Tone.Amplitude(middle, 1000, Out), 0.5), -0.001, 0.001);
        // Upsampling by 2 without a filter would leave an image of the tone at 8000 - 1000 Hz.
        Assert.True(Tone.Db(Tone.Amplitude(middle, 7000, Out), 0.5) < -90);
    }

    [Fact]
    public void Resample_LinearSineSweepFrom44100_FlatBelow7200HzAndSilentAbove8kHz()
    {
        const int rate = 44100;
        const double seconds = 11, top = 22000;
        // A linear sweep from 0 to 22 kHz: instantaneous frequency k·t, phase π·k·t².
        var sweep = new float[(int)(seconds * rate)];
        double k = top / seconds;
        for (int i = 0; i < sweep.Length; i++)
        {
            double t = (double)i / rate;
            sweep[i] = (float)(0.5 * Math.Sin(Math.PI * k * t * t));
        }
        var output = Run(rate, sweep);
        const int window = 800; // 50 ms: the frequency moves 100 Hz within it
        int flat = 0, silent = 0;
        for (int start = 0; start + window <= output.Length; start += window)
        {
            double f = k * (start + window / 2.0) / Out;
            double db = Tone.Db(Tone.Rms(output.AsSpan(start, window)) * Math.Sqrt(2), 0.5);
            if (f is > 100 and < 7100)
            {
                Assert.True(Math.Abs(db) < 0.05, $"at {f:F0} Hz: {db:F3} dB");
                flat++;
            }
            else if (f is > 8150 and < 21900)
            {
                Assert.True(db < -90, $"at {f:F0} Hz: {db:F1} dB");
                silent++;
            }
        }
        Assert.True(flat > 60 && silent > 130, $"{flat} flat and {silent} silent windows");
    }

    [Theory]
    [InlineData(48000)]
    [InlineData(44100)]
    [InlineData(8000)]
    public void Measure_PassbandRippleAndStopbandAttenuation_HoldTheDocumentedFigures(int rate)
    {
        var resampler = new PolyphaseResampler(rate, Out);
        double low = double.MaxValue, high = double.MinValue, stop = double.MinValue, other = double.MinValue;
        for (int hz = 50; hz <= resampler.PassbandEdgeHz; hz += 50)
        {
            var window = Run(rate, Tone.Sine(hz, rate, 0.25)).AsSpan(400, 3200);
            double db = Tone.Db(Tone.Amplitude(window, hz, Out), 0.5);
            low = Math.Min(low, db);
            high = Math.Max(high, db);
            // Anything but the tone itself: images (upsampling), aliases, distortion.
            other = Math.Max(other, Tone.Db(Residual(window, hz) * Math.Sqrt(2), 0.5));
        }
        for (int hz = (int)resampler.StopbandEdgeHz; hz < rate / 2; hz += 50)
            stop = Math.Max(stop, Tone.Db(Tone.Rms(Run(rate, Tone.Sine(hz, rate, 0.25)).AsSpan(400, 3200)) * Math.Sqrt(2), 0.5));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{rate} -> {Out}: L/M {resampler.Interpolation}/{resampler.Decimation}, {resampler.TapsPerPhase} taps x {resampler.Phases} phases; " +
            $"passband 50-{resampler.PassbandEdgeHz:F0} Hz {low:+0.0000;-0.0000;0.0000} .. {high:+0.0000;-0.0000;0.0000} dB, everything else {other:F1} dB; " +
            (rate > Out ? $"stopband {resampler.StopbandEdgeHz:F0}-{rate / 2} Hz worst {stop:F1} dB" : "no stopband (upsampling)"));
        Assert.True(high - low < 0.002, $"ripple {high - low:F4} dB");
        Assert.True(Math.Abs(low) < 0.001 && Math.Abs(high) < 0.001);
        Assert.True(other < -95, $"images and aliases {other:F1} dB");
        if (rate > Out) Assert.True(stop < -100, $"stopband {stop:F1} dB");
    }

    [Fact]
    public void Process_InPiecesOfAnySize_EqualsOneCall()
    {
        var input = Tone.Sine(1234, 44100, 0.5);
        var whole = Run(44100, input);
        var resampler = new PolyphaseResampler(44100, Out);
        var pieces = new List<float>();
        var buffer = new float[resampler.MaxOutput(5000) + resampler.MaxFlushOutput];
        var random = new Random(7);
        for (int at = 0; at < input.Length;)
        {
            int n = Math.Min(random.Next(1, 5000), input.Length - at);
            pieces.AddRange(buffer.AsSpan(0, resampler.Process(input.AsSpan(at, n), buffer)));
            at += n;
        }
        pieces.AddRange(buffer.AsSpan(0, resampler.Flush(buffer)));
        Assert.Equal(whole, pieces.ToArray());
    }

    [Fact]
    public void Process_SteadyState_AllocatesNothing()
    {
        var resampler = new PolyphaseResampler(48000, Out);
        var input = Tone.Sine(440, 48000, 0.1);
        var output = new float[resampler.MaxOutput(input.Length)];
        resampler.Process(input, output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) resampler.Process(input, output);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Resample_Dc_KeepsItsLevelExactly()
    {
        var input = new float[44100];
        Array.Fill(input, 0.25f);
        var output = Run(44100, input);
        for (int i = 1000; i < output.Length - 1000; i++) Assert.InRange(output[i], 0.25f - 1e-6f, 0.25f + 1e-6f);
    }

    private static float[] Run(int rate, float[] input)
    {
        var resampler = new PolyphaseResampler(rate, Out);
        var output = new float[resampler.MaxOutput(input.Length) + resampler.MaxFlushOutput];
        int n = resampler.Process(input, output);
        n += resampler.Flush(output.AsSpan(n));
        return output[..n];
    }

    /// <summary>RMS of what is left after removing the best-fitting sine at <paramref name="hz"/>.</summary>
    private static double Residual(ReadOnlySpan<float> samples, double hz)
    {
        double s = 0, c = 0;
        for (int i = 0; i < samples.Length; i++)
        {
            double w = 2 * Math.PI * hz * i / Out;
            s += samples[i] * Math.Sin(w);
            c += samples[i] * Math.Cos(w);
        }
        s *= 2.0 / samples.Length;
        c *= 2.0 / samples.Length;
        double sum = 0;
        for (int i = 0; i < samples.Length; i++)
        {
            double w = 2 * Math.PI * hz * i / Out;
            double r = samples[i] - s * Math.Sin(w) - c * Math.Cos(w);
            sum += r * r;
        }
        return Math.Sqrt(sum / samples.Length);
    }
}
