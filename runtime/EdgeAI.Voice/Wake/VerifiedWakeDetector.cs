using EdgeAI.Voice.Vad;

namespace EdgeAI.Voice.Wake;

/// <summary>
/// A wake detector whose candidates (from keyword spotting, which is sensitive and false-alarms readily) must pass two
/// checks on the last <see cref="WakeVerificationOptions.WindowMs"/> of audio before they wake: a speech gate (Silero
/// VAD heard at least <see cref="WakeVerificationOptions.MinSpeechChunks"/> chunks of speech in it, which music and
/// noise do not give) and a second stage (<see cref="WakeVerifier"/>: the phrase explains the stretch better than a
/// free phone loop). A candidate is checked <see cref="WakeVerificationOptions.TailChunks"/> after it is spotted, so
/// the wake is reported that much later. <see cref="Accept"/> allocates nothing per chunk; a candidate's second stage
/// allocates its hypotheses' text.
/// </summary>
public sealed class VerifiedWakeDetector : IWakeDetector
{
    /// <summary>The second stage's margins <c>edgeai bench wake --verify</c> sweeps unless told others.</summary>
    public static readonly IReadOnlyList<double> MarginSteps = [-200, -100, -50, 0, 50, 100, 200];

    private const int Chunk = SileroVad.ChunkSamples;
    private readonly IWakeDetector _spotter;
    private readonly SileroVad _vad;
    private readonly WakeVerifier? _verifier;
    private readonly WakeVerificationOptions _options;
    private readonly bool _owns;
    private readonly float[] _ring, _window;
    private readonly bool[] _speech;
    private int _ringAt, _speechAt, _pending = -1;
    private long _heard;

    /// <summary>Checks the candidates of <paramref name="spotter"/> with <paramref name="vad"/> and <paramref name="verifier"/>.</summary>
    /// <param name="spotter">The first stage (pocketsphinx keyword spotting, at a sensitive threshold).</param>
    /// <param name="vad">The speech gate's model (its own stream: this detector feeds it every chunk).</param>
    /// <param name="verifier">The second stage; null for the speech gate alone.</param>
    /// <param name="options">Window, gate and margin (null: the defaults).</param>
    /// <param name="ownsParts">Dispose the spotter, the model and the verifier with this detector.</param>
    public VerifiedWakeDetector(IWakeDetector spotter, SileroVad vad, WakeVerifier? verifier, WakeVerificationOptions? options = null, bool ownsParts = true)
    {
        _spotter = spotter ?? throw new ArgumentNullException(nameof(spotter));
        _vad = vad ?? throw new ArgumentNullException(nameof(vad));
        _verifier = verifier;
        _options = options ?? new WakeVerificationOptions();
        _options.Validate();
        _owns = ownsParts;
        int windowChunks = _options.WindowMs * SileroVad.SampleRate / 1000 / Chunk;
        _ring = new float[windowChunks * Chunk];
        _window = new float[_ring.Length];
        _speech = new bool[windowChunks];
    }

    /// <inheritdoc/>
    public string Phrase => _spotter.Phrase;

    /// <summary>Candidates the first stage gave.</summary>
    public long Candidates { get; private set; }

    /// <summary>Candidates the speech gate refused.</summary>
    public long GateRejected { get; private set; }

    /// <summary>Candidates the second stage refused.</summary>
    public long VerifierRejected { get; private set; }

    /// <summary>Wakes reported.</summary>
    public long Detections { get; private set; }

    /// <summary>The last checked candidate's margin (<see cref="WakeVerifier.Margin"/>; NaN when the gate refused it first).</summary>
    public double LastMargin { get; private set; } = double.NaN;

    /// <inheritdoc/>
    public bool Accept(ReadOnlySpan<float> samples)
    {
        bool woke = false;
        for (int at = 0; at < samples.Length; at += Chunk)
            woke |= AcceptChunk(samples.Slice(at, Math.Min(Chunk, samples.Length - at)));
        return woke;
    }

    private bool AcceptChunk(ReadOnlySpan<float> chunk)
    {
        // the ring holds the last window of audio, the speech flags its chunks' VAD decisions
        for (int i = 0; i < chunk.Length; i++)
        {
            _ring[_ringAt] = chunk[i];
            _ringAt = (_ringAt + 1) % _ring.Length;
        }
        _heard += chunk.Length;
        _speech[_speechAt] = _vad.Process(chunk) >= _options.SpeechProbability;
        _speechAt = (_speechAt + 1) % _speech.Length;
        if (_spotter.Accept(chunk) && _pending < 0)
        {
            Candidates++;
            _pending = _options.TailChunks;
        }
        if (_pending < 0) return false;
        if (_pending-- > 0) return false;
        return Check();
    }

    private bool Check()
    {
        LastMargin = double.NaN;
        int speech = 0;
        foreach (bool s in _speech) if (s) speech++;
        if (speech < _options.MinSpeechChunks)
        {
            GateRejected++;
            return false;
        }
        if (_verifier is not null)
        {
            // the window in order, oldest first (zeros before the stream's start)
            _ring.AsSpan(_ringAt).CopyTo(_window);
            _ring.AsSpan(0, _ringAt).CopyTo(_window.AsSpan(_ring.Length - _ringAt));
            int start = (int)Math.Max(0, _window.Length - _heard);
            LastMargin = _verifier.Margin(_window.AsSpan(start));
            if (LastMargin < _options.MinMargin)
            {
                VerifierRejected++;
                return false;
            }
        }
        Detections++;
        return true;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _spotter.Reset();
        _vad.Reset();
        Array.Clear(_ring);
        Array.Clear(_speech);
        _ringAt = _speechAt = 0;
        _pending = -1;
        _heard = 0;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_owns) return;
        _spotter.Dispose();
        _vad.Dispose();
        _verifier?.Dispose();
    }
}
