namespace EdgeAI.Voice.Echo;

/// <summary>
/// The far-end signal for the echo canceller: what the loudspeaker was given, in order. A speech sink writes every chunk
/// it plays (<see cref="Speech.AudioSpeechSink.Reference"/>); the microphone side takes as many samples as each microphone
/// chunk holds, and silence where nothing was played. A bounded ring of floats: one writer and one reader on any
/// threads, a short lock per call and no allocation. When the reader falls behind by more than the capacity, the oldest
/// samples are dropped and counted (<see cref="DroppedSamples"/>), so a stale reference never grows without bound.
/// </summary>
public sealed class EchoReference
{
    private readonly object _gate = new();
    private readonly float[] _ring;
    private long _written, _read;

    /// <summary>A ring of <paramref name="capacity"/> samples (default 32768: about 2 s at 16 kHz).</summary>
    public EchoReference(int capacity = 32768)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _ring = new float[capacity];
    }

    /// <summary>How many samples the ring holds.</summary>
    public int Capacity => _ring.Length;

    /// <summary>Samples played and not yet taken.</summary>
    public int Pending
    {
        get { lock (_gate) return (int)(_written - _read); }
    }

    /// <summary>Samples written since creation.</summary>
    public long Written
    {
        get { lock (_gate) return _written; }
    }

    /// <summary>Samples dropped because the reader fell behind by more than <see cref="Capacity"/>.</summary>
    public long DroppedSamples { get; private set; }

    /// <summary>The loudspeaker was given <paramref name="played"/>.</summary>
    public void Write(ReadOnlySpan<float> played)
    {
        lock (_gate)
        {
            if (played.Length > _ring.Length)
            {
                // Only the last Capacity samples fit; the ones before count as written and, below, as dropped.
                _written += played.Length - _ring.Length;
                played = played[^_ring.Length..];
            }
            long overflow = _written + played.Length - _read - _ring.Length;
            if (overflow > 0)
            {
                _read += overflow;
                DroppedSamples += overflow;
            }
            int at = (int)(_written % _ring.Length);
            int first = Math.Min(played.Length, _ring.Length - at);
            played[..first].CopyTo(_ring.AsSpan(at));
            played[first..].CopyTo(_ring);
            _written += played.Length;
        }
    }

    /// <summary>
    /// Fills <paramref name="destination"/> (one microphone chunk long) with what was played since the last call, then
    /// silence; returns how many samples were played ones.
    /// </summary>
    public int Read(Span<float> destination)
    {
        lock (_gate)
        {
            int count = (int)Math.Min(destination.Length, _written - _read);
            int at = (int)(_read % _ring.Length);
            int first = Math.Min(count, _ring.Length - at);
            _ring.AsSpan(at, first).CopyTo(destination);
            _ring.AsSpan(0, count - first).CopyTo(destination[first..]);
            destination[count..].Clear();
            _read += count;
            return count;
        }
    }

    /// <summary>Forgets what was played and not yet taken (a new session).</summary>
    public void Clear()
    {
        lock (_gate) _read = _written;
    }
}
