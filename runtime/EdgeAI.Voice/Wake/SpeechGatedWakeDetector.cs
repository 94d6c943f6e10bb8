using EdgeAI.Voice.Vad;

namespace EdgeAI.Voice.Wake;

/// <summary>
/// A wake detector whose candidates (from keyword spotting, which is sensitive and false-alarms readily) must pass two
/// gates before they wake, both on Silero VAD's probability of each chunk:
/// <list type="bullet">
/// <item>the speech gate: Silero heard at least <see cref="SpeechGateOptions.MinSpeechChunks"/> chunks of speech in the
/// last <see cref="SpeechGateOptions.WindowMs"/>, which music and noise do not give; checked
/// <see cref="SpeechGateOptions.TailChunks"/> after the candidate;</item>
/// <item>the isolation gate: the phrase was said on its own, the stretch of speech holding it beginning after a pause of
/// <see cref="SpeechGateOptions.PauseMs"/> and ending in one, no longer than <see cref="SpeechGateOptions.MaxPhraseMs"/>.
/// Words inside a sentence that sound like the phrase, most of keyword spotting's false alarms in speech, do not pass.
/// The wake is reported when the pause after the phrase has lasted <see cref="SpeechGateOptions.PauseMs"/>.</item>
/// <item>with a verifier (<see cref="WakeVerifier"/>), its second opinion on that stretch with the pauses around it,
/// kept in a ring of the last seconds: an in-car command said on its own is heard as itself and does not wake.</item>
/// </list>
/// <see cref="Accept"/> allocates nothing per chunk (the verifier decodes once per candidate that passed the gates).
/// </summary>
public sealed class SpeechGatedWakeDetector : IWakeDetector
{
    private const int Chunk = SileroVad.ChunkSamples;
    private readonly IWakeDetector _spotter;
    private readonly SileroVad _vad;
    private readonly SpeechGateOptions _options;
    private readonly IWakeVerifier? _verifier;
    private readonly bool _owns;
    // with a verifier: the last samples heard (a ring), the total heard, where the current stretch began, and the
    // stretch copied out for the verifier
    private readonly float[] _history, _stretchSamples;
    private long _samples, _stretchStartSample;

    private readonly bool[] _speech;
    private readonly int _pauseChunks, _maxPhraseChunks;
    private int _speechAt, _pending = -1;
    // the isolation gate: chunks seen, the current run of silent chunks, where the current stretch of speech began,
    // and a candidate that passed the speech gate and waits for the pause after it (the stretch it belongs to)
    private long _chunk, _stretchStart, _decidedStretch = -1;
    private int _silentRun;
    private bool _waitingForPause;

    /// <summary>Checks the candidates of <paramref name="spotter"/> with <paramref name="vad"/>.</summary>
    /// <param name="spotter">The first stage (pocketsphinx keyword spotting).</param>
    /// <param name="vad">The speech gate's model (its own stream: this detector feeds it every chunk).</param>
    /// <param name="options">Window and gate (null: the defaults).</param>
    /// <param name="ownsParts">Dispose the spotter, the model and the verifier with this detector.</param>
    /// <param name="verifier">A second opinion on each candidate that passed the gates (null: none).</param>
    public SpeechGatedWakeDetector(IWakeDetector spotter, SileroVad vad, SpeechGateOptions? options = null, bool ownsParts = true,
        IWakeVerifier? verifier = null)
    {
        _spotter = spotter ?? throw new ArgumentNullException(nameof(spotter));
        _vad = vad ?? throw new ArgumentNullException(nameof(vad));
        _options = options ?? new SpeechGateOptions();
        _options.Validate();
        _owns = ownsParts;
        int windowChunks = _options.WindowMs * SileroVad.SampleRate / 1000 / Chunk;
        _speech = new bool[windowChunks];
        _pauseChunks = (_options.PauseMs + 31) / 32;
        _maxPhraseChunks = (_options.MaxPhraseMs + 31) / 32;
        _silentRun = _pauseChunks;
        _verifier = verifier;
        // the longest stretch that can wake, the pauses before and after it, and the spotter's tail
        int historyChunks = verifier is null ? 0 : _maxPhraseChunks + 2 * _pauseChunks + _options.TailChunks + 2;
        _history = new float[historyChunks * Chunk];
        _stretchSamples = new float[_history.Length];
    }

    /// <inheritdoc/>
    public string Phrase => _spotter.Phrase;

    /// <summary>Candidates the first stage gave.</summary>
    public long Candidates { get; private set; }

    /// <summary>Candidates the speech gate refused.</summary>
    public long GateRejected { get; private set; }

    /// <summary>Candidates that passed the speech gate but were not said on their own (the isolation gate).</summary>
    public long IsolationRejected { get; private set; }

    /// <summary>Candidates that passed both gates and that the verifier heard as something else.</summary>
    public long VerifierRejected { get; private set; }

    /// <summary>Wakes reported.</summary>
    public long Detections { get; private set; }

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
        // the last window's chunks, each speech or not
        bool speech = _vad.Process(chunk) >= _options.SpeechProbability;
        _speech[_speechAt] = speech;
        _speechAt = (_speechAt + 1) % _speech.Length;
        if (speech)
        {
            if (_silentRun >= _pauseChunks)
            {
                // speech after a pause: a new stretch
                _stretchStart = _chunk;
                _stretchStartSample = _samples;
            }
            _silentRun = 0;
        }
        else _silentRun++;
        Remember(chunk);
        _chunk++;

        if (_spotter.Accept(chunk) && _pending < 0 && !_waitingForPause)
        {
            Candidates++;
            _pending = _options.TailChunks;
        }
        if (_waitingForPause) return Isolated();
        if (_pending < 0) return false;
        if (_pending-- > 0) return false;
        if (!SpeechHeard()) return false;
        if (_pauseChunks == 0) return Wake();
        _waitingForPause = true;
        return Isolated();
    }

    private bool SpeechHeard()
    {
        int speech = 0;
        foreach (bool s in _speech) if (s) speech++;
        if (speech >= _options.MinSpeechChunks) return true;
        GateRejected++;
        return false;
    }

    // The candidate waits for the pause after its stretch of speech; a stretch longer than a phrase said alone is no wake,
    // and a stretch is decided once (the spotter, restarted by its first candidate, may give a second in the same one).
    private bool Isolated()
    {
        if (_stretchStart == _decidedStretch)
        {
            _waitingForPause = false;
            return false;
        }
        long stretch = _chunk - _silentRun - _stretchStart;
        if (stretch > _maxPhraseChunks)
        {
            _waitingForPause = false;
            IsolationRejected++;
            return false;
        }
        if (_silentRun < _pauseChunks) return false;
        _waitingForPause = false;
        _decidedStretch = _stretchStart;
        return Wake();
    }

    private bool Wake()
    {
        if (_verifier is not null && !_verifier.Confirms(Stretch()))
        {
            VerifierRejected++;
            return false;
        }
        Detections++;
        return true;
    }

    private void Remember(ReadOnlySpan<float> chunk)
    {
        if (_history.Length > 0)
        {
            int at = (int)(_samples % _history.Length);
            int first = Math.Min(chunk.Length, _history.Length - at);
            chunk[..first].CopyTo(_history.AsSpan(at));
            chunk[first..].CopyTo(_history);
        }
        _samples += chunk.Length;
    }

    // The current stretch with the pause before it (as far as the ring reaches) and the pause after it, heard so far;
    // without the isolation gate, the whole ring.
    private ReadOnlySpan<float> Stretch()
    {
        long start = _pauseChunks == 0 ? 0 : _stretchStartSample - (long)_pauseChunks * Chunk;
        long from = Math.Max(Math.Max(0, start), _samples - _history.Length);
        int length = (int)(_samples - from);
        int at = (int)(from % _history.Length);
        int first = Math.Min(length, _history.Length - at);
        _history.AsSpan(at, first).CopyTo(_stretchSamples);
        _history.AsSpan(0, length - first).CopyTo(_stretchSamples.AsSpan(first));
        return _stretchSamples.AsSpan(0, length);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _spotter.Reset();
        _vad.Reset();
        Array.Clear(_speech);
        _speechAt = 0;
        _pending = -1;
        _chunk = _stretchStart = 0;
        _decidedStretch = -1;
        _samples = _stretchStartSample = 0;
        _silentRun = _pauseChunks;
        _waitingForPause = false;
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
