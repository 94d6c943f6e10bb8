using System.Threading.Channels;

namespace EdgeAI.Host.Hmi;

/// <summary>
/// One subscriber of the <see cref="EventHub"/>: a bounded queue of encoded event lines that the publisher writes
/// without ever waiting. A client that lets its queue fill is dropped: the queue is completed and
/// <see cref="DropReason"/> says why, which the server sends as the WebSocket close reason (or a last SSE comment).
/// </summary>
public sealed class EventClient
{
    private readonly Channel<ReadOnlyMemory<byte>> _queue;
    private string? _dropReason;
    private long _queued;

    internal EventClient(int capacity, string name)
    {
        Capacity = capacity;
        Name = name;
        // FullMode is never reached: the hub writes with TryWrite and drops the client when it fails.
        _queue = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(capacity)
            { FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = false });
    }

    /// <summary>How many events may wait for this client.</summary>
    public int Capacity { get; }

    /// <summary>Who it is (for logs): the transport and remote end.</summary>
    public string Name { get; }

    /// <summary>The events waiting to be sent.</summary>
    public ChannelReader<ReadOnlyMemory<byte>> Reader => _queue.Reader;

    /// <summary>Why the hub dropped it, or null while it keeps up.</summary>
    public string? DropReason => Volatile.Read(ref _dropReason);

    /// <summary>Events handed to its queue.</summary>
    public long Queued => Interlocked.Read(ref _queued);

    internal bool TryWrite(ReadOnlyMemory<byte> line)
    {
        if (!_queue.Writer.TryWrite(line)) return false;
        Interlocked.Increment(ref _queued);
        return true;
    }

    internal void Drop(string reason)
    {
        if (Interlocked.CompareExchange(ref _dropReason, reason, null) is null) _queue.Writer.TryComplete();
    }

    internal void Close() => _queue.Writer.TryComplete();
}
