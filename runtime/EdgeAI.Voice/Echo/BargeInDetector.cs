using EdgeAI.Audio;
using EdgeAI.Voice.Vad;

namespace EdgeAI.Voice.Echo;

/// <summary>
/// Hears the user over the assistant's own voice. While the assistant speaks, every microphone chunk goes through the
/// echo canceller (with the reference: what the loudspeaker played meanwhile) and then the voice activity detector; a
/// barge-in is reported at the chunk where the VAD confirms speech (its <see cref="VadEventKind.SpeechStart"/>: the
/// probability has stayed above the start threshold for <see cref="VadOptions.MinSpeechMs"/>). Without an echo
/// canceller the loudspeaker's speech reaches the VAD and trips it (docs/voice.md measures both).
/// <para>
/// An adaptive echo canceller starts knowing nothing of the echo path: over the first second of played speech it removes
/// only 6-10 dB, and the VAD hears the assistant's first words. So until the canceller has heard
/// <see cref="LearningTime"/> of far-end speech (once per canceller: the path it learns is kept across answers), a
/// confirmed start is not reported but counted (<see cref="HeldOff"/>). After that the canceller removes about 40 dB and
/// a whole answer passes without a start.
/// </para>
/// <see cref="Process(ReadOnlySpan{float}, AudioChunk)"/> allocates nothing.
/// </summary>
public sealed class BargeInDetector : IDisposable
{
    private readonly IEchoCanceller? _canceller;
    private readonly VoiceActivityDetector _vad;
    private readonly bool _shouldDispose;
    private readonly float[] _reference, _cleaned;
    private int _cleanedCount;
    private long _farEndSamples;
    private const float FarEndActiveRms = 0.003f; // -50 dBFS: below it the loudspeaker is silent and nothing is learned

    /// <summary>A detector on 16 kHz chunks of up to <paramref name="chunkSamples"/> samples.</summary>
    /// <param name="vad">The voice activity detector; its own stream (reset with <see cref="Reset"/>).</param>
    /// <param name="canceller">The echo canceller; null hears the raw microphone (to measure what it is for).</param>
    /// <param name="reference">Where the speech sink writes what it plays; null: the caller passes the reference.</param>
    /// <param name="chunkSamples">The longest chunk (default 512, Silero's).</param>
    /// <param name="shouldDispose">Dispose the VAD and the canceller with the detector.</param>
    public BargeInDetector(VoiceActivityDetector vad, IEchoCanceller? canceller, EchoReference? reference = null,
        int chunkSamples = SileroVad.ChunkSamples, bool shouldDispose = true)
    {
        _vad = vad ?? throw new ArgumentNullException(nameof(vad));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSamples);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkSamples, SileroVad.ChunkSamples);
        _canceller = canceller;
        Reference = reference;
        _shouldDispose = shouldDispose;
        _reference = new float[chunkSamples];
        _cleaned = new float[chunkSamples];
    }

    /// <summary>Far-end speech the echo canceller must have heard before a barge-in is reported (default 1.5 s; zero
    /// reports from the first chunk). Not used without a canceller.</summary>
    public TimeSpan LearningTime { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>True while the canceller is still learning the echo path (see <see cref="LearningTime"/>).</summary>
    public bool Learning => _canceller is not null && _farEndSamples * TimeSpan.TicksPerSecond < LearningTime.Ticks * SileroVad.SampleRate;

    /// <summary>Confirmed starts not reported because the canceller was still learning.</summary>
    public int HeldOff { get; private set; }

    /// <summary>The far-end signal read for each chunk by <see cref="Process(ReadOnlySpan{float}, AudioChunk)"/>.</summary>
    public EchoReference? Reference { get; }

    /// <summary>The last chunk after echo cancellation (what the VAD heard).</summary>
    public ReadOnlySpan<float> Cleaned => _cleaned.AsSpan(0, _cleanedCount);

    /// <summary>What the last chunk changed in the VAD (the dialog listens to the same, echo-free, stream).</summary>
    public VadEvent LastEvent { get; private set; }
    /// <summary>True between the VAD's start and end of speech.</summary>
    public bool InSpeech => _vad.InSpeech;
    /// <summary>The last chunk's speech probability.</summary>
    public float LastProbability => _vad.LastProbability;

    /// <summary>Chunks processed since creation or <see cref="Reset"/>.</summary>
    public long Chunks { get; private set; }

    /// <summary>The index (from 0, counted by <see cref="Chunks"/>) of the chunk that reported the barge-in, or -1.</summary>
    public long BargeInChunk { get; private set; } = -1;

    /// <summary>The VAD's start of the speech that barged in.</summary>
    public TimeSpan BargeInSpeechStart { get; private set; }

    /// <summary>
    /// One microphone chunk, with the reference taken from <see cref="Reference"/> (silence when there is none); true at
    /// the chunk where the user's speech is confirmed (once per stretch of speech).
    /// </summary>
    public bool Process(ReadOnlySpan<float> microphone, AudioChunk chunk)
    {
        var reference = _reference.AsSpan(0, chunk.Count);
        if (Reference is null) reference.Clear();
        else Reference.Read(reference);
        return Process(microphone, reference, chunk);
    }

    /// <summary>One microphone chunk and what the loudspeaker played during it; true where the user's speech is confirmed.</summary>
    /// <exception cref="ArgumentException">the chunk is longer than the detector was made for.</exception>
    public bool Process(ReadOnlySpan<float> microphone, ReadOnlySpan<float> reference, AudioChunk chunk)
    {
        if (chunk.Count > _cleaned.Length)
            throw new ArgumentException($"a chunk of {chunk.Count} samples; the barge-in detector takes at most {_cleaned.Length}", nameof(chunk));
        var heard = microphone[..chunk.Count];
        if (_canceller is not null)
        {
            if (Rms(reference) >= FarEndActiveRms) _farEndSamples += chunk.Count;
            _canceller.Process(heard, reference.Length > chunk.Count ? reference[..chunk.Count] : reference, _cleaned);
            heard = _cleaned.AsSpan(0, chunk.Count);
        }
        else
        {
            heard.CopyTo(_cleaned);
        }
        _cleanedCount = chunk.Count;
        var change = _vad.Process(heard, chunk);
        LastEvent = change;
        Chunks++;
        if (change.Kind != VadEventKind.SpeechStart) return false;
        if (Learning)
        {
            HeldOff++;
            return false;
        }
        BargeInChunk = Chunks - 1;
        BargeInSpeechStart = change.Start;
        return true;
    }

    private static float Rms(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty) return 0;
        float sum = 0;
        foreach (float x in samples) sum += x * x;
        return MathF.Sqrt(sum / samples.Length);
    }

    /// <summary>A new device or cabin: the canceller forgets the echo path and learns it again.</summary>
    public void ResetEchoPath()
    {
        _canceller?.Reset();
        _farEndSamples = 0;
    }

    /// <summary>A new answer: the VAD starts afresh (the echo canceller keeps the echo path it has learned).</summary>
    public void Reset()
    {
        _vad.Reset();
        Chunks = 0;
        BargeInChunk = -1;
        _cleanedCount = 0;
        LastEvent = default;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_shouldDispose) return;
        _vad.Dispose();
        _canceller?.Dispose();
    }
}
