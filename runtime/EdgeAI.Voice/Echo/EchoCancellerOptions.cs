namespace EdgeAI.Voice.Echo;

/// <summary>How <see cref="EchoCanceller"/> sets up speexdsp (the defaults were chosen by measurement: docs/voice.md).</summary>
public sealed class EchoCancellerOptions
{
    /// <summary>Samples per second of the microphone and the reference (default 16000, the voice path's rate).</summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>
    /// speexdsp's frame in samples (default 128, 8 ms at 16 kHz). A 512-sample chunk is processed as four frames; the
    /// canceller adapts once per frame, so a shorter frame learns the echo path sooner (measured: docs/voice.md).
    /// </summary>
    public int FrameSamples { get; init; } = 128;

    /// <summary>
    /// The longest echo path the adaptive filter models, in milliseconds (default 200): the loudspeaker-to-microphone delay
    /// (device buffers, distance) plus the cabin's reverberation tail.
    /// </summary>
    public int TailMs { get; init; } = 200;

    /// <summary>Whether speexdsp's preprocessor suppresses the echo the filter leaves (default true).</summary>
    public bool SuppressResidualEcho { get; init; } = true;

    /// <summary>Residual echo attenuation in dB while only the loudspeaker plays (speexdsp's default: -40).</summary>
    public int EchoSuppressDb { get; init; } = -40;

    /// <summary>Residual echo attenuation in dB while the user talks too (speexdsp's default: -15).</summary>
    public int EchoSuppressActiveDb { get; init; } = -15;

    /// <summary>Whether the preprocessor also removes stationary noise (default false: the VAD copes with cabin noise). The
    /// residual echo suppression runs through speexdsp's denoiser either way; without this its noise attenuation is 0 dB.</summary>
    public bool Denoise { get; init; }

    /// <exception cref="ArgumentException">a value is out of range.</exception>
    internal void Validate()
    {
        if (SampleRate is < 8000 or > 48000) throw new ArgumentException($"echo canceller sample rate {SampleRate} Hz: expected 8000..48000");
        if (FrameSamples is < 32 or > 2048 || (FrameSamples & (FrameSamples - 1)) != 0)
            throw new ArgumentException($"echo canceller frame {FrameSamples} samples: expected a power of two from 32 to 2048");
        if (TailMs is < 10 or > 2000) throw new ArgumentException($"echo tail {TailMs} ms: expected 10..2000");
        if (EchoSuppressDb > 0 || EchoSuppressActiveDb > 0) throw new ArgumentException($"echo suppression {EchoSuppressDb}/{EchoSuppressActiveDb} dB: expected 0 or below");
    }
}
