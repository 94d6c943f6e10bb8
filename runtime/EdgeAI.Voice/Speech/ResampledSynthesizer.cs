using System.Runtime.CompilerServices;
using EdgeAI.Audio;

namespace EdgeAI.Voice.Speech;

/// <summary>
/// A synthesizer whose speech is converted to another rate (<see cref="PolyphaseResampler"/>): a piper or kokoro voice
/// speaks at 22.05 or 24 kHz, and the dialog plays one answer chunk per 16 kHz microphone chunk, so the echo canceller's
/// reference and the loudspeaker run on the microphone's clock. Same voice, same cancellation; one resampler per answer,
/// so answers never share filter state.
/// </summary>
public sealed class ResampledSynthesizer : ISpeechSynthesizer
{
    private readonly ISpeechSynthesizer _inner;

    /// <summary><paramref name="inner"/>'s speech at <paramref name="sampleRate"/>; the wrapper owns it.</summary>
    public ResampledSynthesizer(ISpeechSynthesizer inner, int sampleRate)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        SampleRate = sampleRate;
    }

    /// <summary>A synthesizer at <paramref name="sampleRate"/>: <paramref name="inner"/> itself when it already speaks at it.</summary>
    public static ISpeechSynthesizer At(ISpeechSynthesizer inner, int sampleRate) =>
        inner.SampleRate == sampleRate ? inner : new ResampledSynthesizer(inner, sampleRate);

    /// <inheritdoc/>
    public string Voice => _inner.Voice;

    /// <inheritdoc/>
    public int SampleRate { get; }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ReadOnlyMemory<float>> SynthesizeAsync(string text, string language, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var resampler = new PolyphaseResampler(_inner.SampleRate, SampleRate);
        float[] output = [];
        await foreach (var piece in _inner.SynthesizeAsync(text, language, cancellation).ConfigureAwait(false))
        {
            int room = resampler.MaxOutput(piece.Length);
            if (output.Length < room) output = new float[room];
            int count = resampler.Process(piece.Span, output);
            if (count > 0) yield return output.AsMemory(0, count);
        }
        var tail = new float[resampler.MaxFlushOutput];
        int flushed = resampler.Flush(tail);
        if (flushed > 0) yield return tail.AsMemory(0, flushed);
    }

    /// <inheritdoc/>
    public void Dispose() => _inner.Dispose();
}
