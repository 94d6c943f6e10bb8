using EdgeAI.Audio;
using EdgeAI.Voice.Interop;

namespace EdgeAI.Voice.Echo;

/// <summary>
/// Acoustic echo cancellation with speexdsp (Debian's libspeexdsp1): its MDF adaptive filter subtracts the estimated
/// echo of the reference (what the loudspeaker played) from the microphone, and its preprocessor then suppresses the
/// residual echo the filter leaves (SPEEX_PREPROCESS_SET_ECHO_STATE). Samples are converted to 16-bit in preallocated
/// buffers and processed in frames of <see cref="EchoCancellerOptions.FrameSamples"/>; a chunk that is not a whole
/// number of frames (the last one of a stream) is zero-padded. <see cref="Process"/> allocates nothing.
/// Not thread-safe: one microphone stream per instance.
/// </summary>
public sealed class EchoCanceller : IEchoCanceller
{
    private readonly SafeSpeexEchoState _echo;
    private readonly SafeSpeexPreprocessState? _preprocess;
    private readonly short[] _microphone, _reference, _output;
    private readonly int _frame;

    /// <summary>Creates the speexdsp states for <paramref name="options"/> (null: the defaults).</summary>
    /// <exception cref="EchoCancellerUnavailableException">libspeexdsp.so.1 is not installed.</exception>
    /// <exception cref="ArgumentException">an option is out of range.</exception>
    public EchoCanceller(EchoCancellerOptions? options = null)
    {
        Options = options ?? new EchoCancellerOptions();
        Options.Validate();
        if (!LibSpeexDsp.IsAvailable())
            throw new EchoCancellerUnavailableException($"{LibSpeexDsp.Lib} is not installed: echo cancellation needs Debian's libspeexdsp1 (apt-get install libspeexdsp1)");
        _frame = Options.FrameSamples;
        int tail = Options.SampleRate * Options.TailMs / 1000;
        // speexdsp's filter is a whole number of frames.
        int filterLength = (tail + _frame - 1) / _frame * _frame;
        FilterSamples = filterLength;
        _echo = SafeSpeexEchoState.Create(_frame, filterLength);
        try
        {
            LibSpeexDsp.Set(_echo, LibSpeexDsp.EchoSetSamplingRate, Options.SampleRate);
            if (Options.SuppressResidualEcho || Options.Denoise)
            {
                _preprocess = SafeSpeexPreprocessState.Create(_frame, Options.SampleRate);
                // speexdsp applies the residual echo suppression through its denoiser's spectral gains: with the denoiser off,
                // every gain is 1 and the echo estimate is not used.
                LibSpeexDsp.Set(_preprocess, LibSpeexDsp.PreprocessSetDenoise, 1);
                if (!Options.Denoise) LibSpeexDsp.Set(_preprocess, LibSpeexDsp.PreprocessSetNoiseSuppress, 0);
                LibSpeexDsp.Set(_preprocess, LibSpeexDsp.PreprocessSetAgc, 0);
                LibSpeexDsp.Set(_preprocess, LibSpeexDsp.PreprocessSetDereverb, 0);
                if (Options.SuppressResidualEcho)
                {
                    _preprocess.AttachEcho(_echo);
                    LibSpeexDsp.Set(_preprocess, LibSpeexDsp.PreprocessSetEchoSuppress, Options.EchoSuppressDb);
                    LibSpeexDsp.Set(_preprocess, LibSpeexDsp.PreprocessSetEchoSuppressActive, Options.EchoSuppressActiveDb);
                }
            }
        }
        catch
        {
            _preprocess?.Dispose();
            _echo.Dispose();
            throw;
        }
        _microphone = new short[_frame];
        _reference = new short[_frame];
        _output = new short[_frame];
    }

    /// <summary>The settings in use.</summary>
    public EchoCancellerOptions Options { get; }

    /// <summary>The adaptive filter's length in samples (the tail rounded up to whole frames).</summary>
    public int FilterSamples { get; }

    /// <summary>Frames processed since creation or <see cref="Reset"/>.</summary>
    public long Frames { get; private set; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="reference"/> is longer than <paramref name="microphone"/>, or
    /// <paramref name="output"/> is shorter.</exception>
    public void Process(ReadOnlySpan<float> microphone, ReadOnlySpan<float> reference, Span<float> output)
    {
        if (reference.Length > microphone.Length || output.Length < microphone.Length) ThrowLengths(microphone.Length, reference.Length, output.Length);
        ObjectDisposedException.ThrowIf(_echo.IsClosed, this);
        for (int at = 0; at < microphone.Length; at += _frame)
        {
            int count = Math.Min(_frame, microphone.Length - at);
            ToInt16(microphone.Slice(at, count), _microphone);
            int played = Math.Clamp(reference.Length - at, 0, count);
            ToInt16(reference.Slice(Math.Min(at, reference.Length), played), _reference);
            RunFrame();
            var target = output.Slice(at, count);
            for (int i = 0; i < count; i++) target[i] = _output[i] * (1f / 32768f);
        }
    }

    private unsafe void RunFrame()
    {
        fixed (short* mic = _microphone)
        fixed (short* played = _reference)
        fixed (short* cleaned = _output)
        {
            LibSpeexDsp.speex_echo_cancellation(_echo, mic, played, cleaned);
            if (_preprocess is not null) LibSpeexDsp.speex_preprocess_run(_preprocess, cleaned);
        }
        Frames++;
    }

    // Rounds to nearest and clips; the rest of the frame (a short chunk) is silence.
    private static void ToInt16(ReadOnlySpan<float> source, Span<short> frame)
    {
        Pcm16.FromFloat(source, frame);
        frame[source.Length..].Clear();
    }

    private static void ThrowLengths(int microphone, int reference, int output) =>
        throw new ArgumentException($"echo canceller: microphone {microphone}, reference {reference}, output {output} samples; expected the reference no longer than the microphone and the output at least as long");

    /// <inheritdoc/>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(_echo.IsClosed, this);
        LibSpeexDsp.speex_echo_state_reset(_echo);
        Frames = 0;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _preprocess?.Dispose();
        _echo.Dispose();
    }
}
