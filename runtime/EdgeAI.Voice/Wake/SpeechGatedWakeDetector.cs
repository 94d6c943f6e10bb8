using EdgeAI.Voice.Vad;

namespace EdgeAI.Voice.Wake;

/// <summary>
/// A wake detector whose candidates (from keyword spotting, which is sensitive and false-alarms readily) must pass a
/// speech gate before they wake: Silero VAD heard at least <see cref="SpeechGateOptions.MinSpeechChunks"/> chunks
/// of speech in the last <see cref="SpeechGateOptions.WindowMs"/>, which music and noise do not give. A candidate
/// is checked <see cref="SpeechGateOptions.TailChunks"/> after it is spotted, so the wake is reported that much
/// later. <see cref="Accept"/> allocates nothing per chunk.
/// </summary>
public sealed class SpeechGatedWakeDetector : IWakeDetector
{
    private const int Chunk = SileroVad.ChunkSamples;
    private readonly IWakeDetector _spotter;
    private readonly SileroVad _vad;
    private readonly SpeechGateOptions _options;
    private readonly bool _owns;

    private readonly bool[] _speech;
    private int _speechAt, _pending = -1;

    /// <summary>Checks the candidates of <paramref name="spotter"/> with <paramref name="vad"/>.</summary>
    /// <param name="spotter">The first stage (pocketsphinx keyword spotting).</param>
    /// <param name="vad">The speech gate's model (its own stream: this detector feeds it every chunk).</param>
    /// <param name="options">Window and gate (null: the defaults).</param>
    /// <param name="ownsParts">Dispose the spotter and the model with this detector.</param>
    public SpeechGatedWakeDetector(IWakeDetector spotter, SileroVad vad, SpeechGateOptions? options = null, bool ownsParts = true)
    {
        _spotter = spotter ?? throw new ArgumentNullException(nameof(spotter));
        _vad = vad ?? throw new ArgumentNullException(nameof(vad));
        _options = options ?? new SpeechGateOptions();
        _options.Validate();
        _owns = ownsParts;
        int windowChunks = _options.WindowMs * SileroVad.SampleRate / 1000 / Chunk;
        _speech = new bool[windowChunks];
    }

    /// <inheritdoc/>
    public string Phrase => _spotter.Phrase;

    /// <summary>Candidates the first stage gave.</summary>
    public long Candidates { get; private set; }

    /// <summary>Candidates the speech gate refused.</summary>
    public long GateRejected { get; private set; }

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
        int speech = 0;
        foreach (bool s in _speech) if (s) speech++;
        if (speech < _options.MinSpeechChunks)
        {
            GateRejected++;
            return false;
        }
        Detections++;
        return true;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _spotter.Reset();
        _vad.Reset();
        Array.Clear(_speech);
        _speechAt = 0;
        _pending = -1;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_owns) return;
        _spotter.Dispose();
        _vad.Dispose();
    }
}
