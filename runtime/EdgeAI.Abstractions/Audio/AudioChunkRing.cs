using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks.Sources;

namespace EdgeAI.Audio;

/// <summary>
/// A single-producer, single-consumer queue of fixed-size chunks of mono audio in one preallocated array: the capture
/// thread writes samples in whatever periods the device gives, the voice pipeline reads whole chunks.
/// <para>
/// The producer never blocks and takes no lock. When every slot is full the chunk being captured is dropped (the newest,
/// as an ALSA overrun drops it) and counted in <see cref="DroppedSamples"/>; sample indices keep counting through the
/// drop, so the reader sees the gap in <see cref="AudioChunk.FirstSample"/> and timestamps stay true. A
/// <see cref="System.Threading.Channels.Channel{T}"/> would take a lock per write and need a pooled array per chunk.
/// </para>
/// <para>The reader awaits without allocating (a reusable <see cref="IValueTaskSource{TResult}"/>); its continuation
/// runs on the thread pool, never on the producer's thread. One reader and one writer at a time.</para>
/// </summary>
public sealed class AudioChunkRing : IValueTaskSource<bool>
{
    private readonly float[] _samples;
    private readonly long[] _first;
    private readonly int[] _counts;
    private readonly int _capacity;
    // Producer-owned; _tail is published with a full fence (see Publish).
    private long _tail;
    private int _fill;
    private long _produced;
    private long _chunkFirst;
    private bool _slotFree;
    // Consumer-owned.
    private long _head;
    private long _droppedSamples;
    private long _droppedChunks;
    private int _completed;
    private ExceptionDispatchInfo? _fault;
    private ManualResetValueTaskSourceCore<bool> _signal = new() { RunContinuationsAsynchronously = true };
    private int _waiting;

    /// <summary>A ring of <paramref name="capacityChunks"/> chunks of <paramref name="chunkSamples"/> samples at
    /// <paramref name="sampleRate"/>; sample 0 was heard at <paramref name="origin"/>.</summary>
    public AudioChunkRing(int chunkSamples, int capacityChunks, int sampleRate, TimeSpan origin = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSamples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityChunks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ChunkSamples = chunkSamples;
        _capacity = capacityChunks;
        SampleRate = sampleRate;
        Origin = origin;
        _samples = new float[checked(chunkSamples * capacityChunks)];
        _first = new long[capacityChunks];
        _counts = new int[capacityChunks];
    }

    /// <summary>Samples per chunk.</summary>
    public int ChunkSamples { get; }
    /// <summary>Chunks the ring holds.</summary>
    public int CapacityChunks => _capacity;
    /// <summary>Samples per second (for timestamps).</summary>
    public int SampleRate { get; }
    /// <summary>When sample 0 was heard.</summary>
    public TimeSpan Origin { get; }
    /// <summary>Samples the producer offered, dropped ones included.</summary>
    public long SamplesProduced => Interlocked.Read(ref _produced);
    /// <summary>Samples lost: chunks dropped because the ring was full, plus what the producer reported with <see cref="Skip"/>.</summary>
    public long DroppedSamples => Interlocked.Read(ref _droppedSamples);
    /// <summary>Chunks dropped because the ring was full (overruns).</summary>
    public long Overruns => Interlocked.Read(ref _droppedChunks);
    /// <summary>Chunks waiting to be read.</summary>
    public int Count => (int)(Volatile.Read(ref _tail) - Volatile.Read(ref _head));
    /// <summary>True once the producer called <see cref="Complete"/>.</summary>
    public bool IsCompleted => Volatile.Read(ref _completed) != 0;

    /// <summary>The time of sample <paramref name="index"/>: <see cref="Origin"/> + index / rate, exact to the tick.</summary>
    public TimeSpan TimeOf(long index) => Origin + TimeSpan.FromTicks(index * TimeSpan.TicksPerSecond / SampleRate);

    /// <summary>Producer: appends <paramref name="samples"/>; never blocks. Full chunks are published as they complete.</summary>
    public void Write(ReadOnlySpan<float> samples)
    {
        while (!samples.IsEmpty)
        {
            if (_fill == 0)
            {
                _chunkFirst = _produced;
                _slotFree = _tail - Volatile.Read(ref _head) < _capacity;
            }
            int n = Math.Min(ChunkSamples - _fill, samples.Length);
            if (_slotFree) samples[..n].CopyTo(_samples.AsSpan((int)(_tail % _capacity) * ChunkSamples + _fill, n));
            _fill += n;
            Volatile.Write(ref _produced, _produced + n);
            samples = samples[n..];
            if (_fill == ChunkSamples) EndChunk();
        }
    }

    /// <summary>Producer: <paramref name="samples"/> were lost before reaching the ring (a device overrun). They are
    /// counted as dropped, sample indices move past them, and a partly filled chunk is dropped with them.</summary>
    public void Skip(long samples)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        if (samples == 0) return;
        if (_fill > 0)
        {
            Interlocked.Add(ref _droppedSamples, _fill);
            _fill = 0;
        }
        Interlocked.Add(ref _droppedSamples, samples);
        Volatile.Write(ref _produced, _produced + samples);
    }

    /// <summary>Producer: no more samples. A partly filled chunk is published short; <paramref name="error"/>, when
    /// given, is thrown to the reader after the queued chunks.</summary>
    public void Complete(Exception? error = null)
    {
        if (Volatile.Read(ref _completed) != 0) return;
        if (_fill > 0) EndChunk();
        if (error is not null) _fault = ExceptionDispatchInfo.Capture(error);
        Interlocked.Exchange(ref _completed, 1);
        Signal();
    }

    private void EndChunk()
    {
        if (_slotFree)
        {
            int slot = (int)(_tail % _capacity);
            _first[slot] = _chunkFirst;
            _counts[slot] = _fill;
            // Full fence: the store of _tail must be visible before _waiting is read (Signal), or a reader that parks
            // just now would sleep through this chunk.
            Interlocked.Exchange(ref _tail, _tail + 1);
            Signal();
        }
        else
        {
            Interlocked.Add(ref _droppedSamples, _fill);
            Interlocked.Increment(ref _droppedChunks);
        }
        _fill = 0;
    }

    private void Signal()
    {
        if (Volatile.Read(ref _waiting) == 1 && Interlocked.CompareExchange(ref _waiting, 0, 1) == 1) _signal.SetResult(true);
    }

    /// <summary>Consumer: copies the next chunk into <paramref name="destination"/> if one is queued, or reports the end.</summary>
    /// <returns>False when nothing is queued and the producer has not completed.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than a chunk.</exception>
    public bool TryRead(Span<float> destination, out AudioChunk chunk)
    {
        if (destination.Length < ChunkSamples)
            throw new ArgumentException($"the buffer holds {destination.Length} samples; a chunk is {ChunkSamples}", nameof(destination));
        bool completed = Volatile.Read(ref _completed) != 0;
        long tail = Volatile.Read(ref _tail);
        if (_head < tail)
        {
            int slot = (int)(_head % _capacity);
            int count = _counts[slot];
            _samples.AsSpan(slot * ChunkSamples, count).CopyTo(destination);
            chunk = new AudioChunk(count, _first[slot], TimeOf(_first[slot]));
            Volatile.Write(ref _head, _head + 1);
            return true;
        }
        if (completed)
        {
            _fault?.Throw();
            long end = Volatile.Read(ref _produced);
            chunk = AudioChunk.End(end, TimeOf(end));
            return true;
        }
        chunk = default;
        return false;
    }

    /// <summary>Consumer: the next chunk, waiting for the producer when none is queued; allocates nothing.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired while waiting.</exception>
    public ValueTask<AudioChunk> ReadAsync(Memory<float> destination, CancellationToken cancellation = default) =>
        TryRead(destination.Span, out var chunk) ? new ValueTask<AudioChunk>(chunk) : WaitAndReadAsync(destination, cancellation);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<AudioChunk> WaitAndReadAsync(Memory<float> destination, CancellationToken cancellation)
    {
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            _signal.Reset();
            Interlocked.Exchange(ref _waiting, 1);
            if (TryRead(destination.Span, out var chunk))
            {
                // The producer signalled between our check and now: take its signal before the next Reset.
                if (Interlocked.Exchange(ref _waiting, 0) == 0) await new ValueTask<bool>(this, _signal.Version).ConfigureAwait(false);
                return chunk;
            }
            using (cancellation.UnsafeRegister(static s => ((AudioChunkRing)s!).CancelWait(), this))
                await new ValueTask<bool>(this, _signal.Version).ConfigureAwait(false);
        }
    }

    private void CancelWait()
    {
        if (Interlocked.CompareExchange(ref _waiting, 0, 1) == 1) _signal.SetResult(false);
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _signal.GetResult(token);
    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _signal.GetStatus(token);
    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _signal.OnCompleted(continuation, state, token, flags);
}
