using EdgeAI.Audio;
using EdgeAI.Voice.Echo;

namespace EdgeAI.Voice.Speech;

/// <summary>
/// Speaks answers: the synthesizer's speech goes to an <see cref="IAudioSink"/> (<c>AlsaPlayback</c> for the
/// loudspeaker, <c>WavFileSink</c> for <c>--tts-out F.wav</c>) in chunks of <see cref="ChunkSamples"/> (512, 32 ms,
/// the microphone's chunk), as they are synthesized. Each chunk is also written to <see cref="Reference"/>, the far-end
/// signal the echo canceller subtracts from the microphone. <see cref="Stop"/> (barge-in, from any thread) drops the rest:
/// the chunk being written is the last one (a device's <see cref="IAudioSink.Stop"/> drops what it has queued), and the
/// synthesis is cancelled (espeak-ng's process is killed).
/// </summary>
public sealed class AudioSpeechSink : ISpeechSink
{
    /// <summary>Samples per chunk written (512: 32 ms at 16 kHz, as the microphone's chunks).</summary>
    public const int DefaultChunkSamples = 512;

    private readonly ISpeechSynthesizer _synthesizer;
    private readonly IAudioSink _speaker;
    private readonly bool _shouldDispose;
    private readonly float[] _chunk;
    private readonly object _gate = new();
    private CancellationTokenSource? _speaking;
    private volatile bool _stopped;
    private long _chunks, _stops;

    /// <summary>Speaks with <paramref name="synthesizer"/> into <paramref name="speaker"/>.</summary>
    /// <param name="synthesizer">Makes the speech; its rate must be the speaker's.</param>
    /// <param name="speaker">Plays or records it.</param>
    /// <param name="chunkSamples">Samples per write (default 512): <see cref="Stop"/> acts within one of them.</param>
    /// <param name="shouldDispose">Dispose the synthesizer and the speaker with the sink.</param>
    /// <exception cref="ArgumentException">the rates differ, or the chunk size is out of range.</exception>
    public AudioSpeechSink(ISpeechSynthesizer synthesizer, IAudioSink speaker, int chunkSamples = DefaultChunkSamples, bool shouldDispose = true)
    {
        _synthesizer = synthesizer ?? throw new ArgumentNullException(nameof(synthesizer));
        _speaker = speaker ?? throw new ArgumentNullException(nameof(speaker));
        if (synthesizer.SampleRate != speaker.SampleRate)
            throw new ArgumentException($"{synthesizer.Voice} speaks at {synthesizer.SampleRate} Hz but {speaker.Name} plays {speaker.SampleRate} Hz; expected the same rate", nameof(speaker));
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSamples, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkSamples, 1 << 16);
        _chunk = new float[chunkSamples];
        _shouldDispose = shouldDispose;
    }

    /// <inheritdoc/>
    public string Name => _speaker.Name;

    /// <summary>Samples per write.</summary>
    public int ChunkSamples => _chunk.Length;

    /// <summary>Where every chunk written is copied for the echo canceller (null: nowhere).</summary>
    public EchoReference? Reference { get; init; }

    /// <summary>Chunks handed to the speaker since the sink was made.</summary>
    public long ChunksWritten => Interlocked.Read(ref _chunks);

    /// <summary>Times <see cref="Stop"/> interrupted an answer.</summary>
    public long Stops => Interlocked.Read(ref _stops);

    /// <summary>True while an answer is being spoken.</summary>
    public bool IsSpeaking
    {
        get { lock (_gate) return _speaking is not null; }
    }

    /// <inheritdoc/>
    /// <remarks>Completes when the last chunk has been handed to the speaker (a device still holds its buffer, about
    /// 100 ms, to play), or at once after <see cref="Stop"/>; cancelling <paramref name="cancellation"/> stops the same
    /// way and then throws. One answer at a time.</remarks>
    /// <exception cref="InvalidOperationException">another answer is being spoken.</exception>
    /// <exception cref="SpeechSynthesisException">the synthesizer failed.</exception>
    /// <exception cref="IOException">the speaker failed.</exception>
    public async Task SpeakAsync(string text, string language, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var speaking = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        lock (_gate)
        {
            if (_speaking is not null)
            {
                speaking.Dispose();
                throw new InvalidOperationException($"{Name}: already speaking; Stop() the answer first");
            }
            _speaking = speaking;
            _stopped = false;
        }
        try
        {
            int filled = 0;
            await foreach (var piece in _synthesizer.SynthesizeAsync(text, language, speaking.Token).ConfigureAwait(false))
            {
                var samples = piece.Span;
                while (!samples.IsEmpty)
                {
                    int n = Math.Min(samples.Length, _chunk.Length - filled);
                    samples[..n].CopyTo(_chunk.AsSpan(filled));
                    samples = samples[n..];
                    filled += n;
                    if (filled < _chunk.Length) break;
                    if (!Play(_chunk)) return;
                    filled = 0;
                }
            }
            if (filled > 0) Play(_chunk.AsSpan(0, filled));
        }
        catch (OperationCanceledException) when (_stopped && !cancellation.IsCancellationRequested)
        {
            // Stop() cancelled the synthesis: the answer ends here, as asked.
        }
        finally
        {
            lock (_gate) _speaking = null;
            speaking.Dispose();
        }
    }

    // Hands one chunk to the speaker and the echo reference; false once stopped.
    private bool Play(ReadOnlySpan<float> chunk)
    {
        if (_stopped) return false;
        // The reference first: a device plays the chunk after Write returns (or, paced, while Write waits).
        Reference?.Write(chunk);
        _speaker.Write(chunk);
        Interlocked.Increment(ref _chunks);
        return !_stopped;
    }

    /// <inheritdoc/>
    public void Stop()
    {
        CancellationTokenSource? speaking;
        lock (_gate)
        {
            speaking = _speaking;
            if (speaking is null) return;
            _stopped = true;
        }
        Interlocked.Increment(ref _stops);
        _speaker.Stop();
        try
        {
            speaking.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the answer ended meanwhile
        }
    }

    /// <summary>Finishes the speaker: a device plays out what it holds, a WAV file gets its header and its name.</summary>
    /// <exception cref="IOException">the speaker failed.</exception>
    public void Complete() => _speaker.Complete();

    /// <inheritdoc/>
    public void Dispose()
    {
        Stop();
        if (!_shouldDispose) return;
        _synthesizer.Dispose();
        _speaker.Dispose();
    }
}
