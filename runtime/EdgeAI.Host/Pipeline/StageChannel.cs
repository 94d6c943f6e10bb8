using System.Threading.Channels;

namespace EdgeAI.Host.Pipeline;

/// <summary>
/// A bounded queue between two stages, with its full mode named and its drops counted: CAN frames wait (back-pressure,
/// never a silent drop), camera samples and context snapshots are latest-wins (the oldest is dropped and counted).
/// </summary>
/// <typeparam name="T">What flows through it.</typeparam>
public sealed class StageChannel<T>
{
    private readonly Channel<T> _channel;
    private long _written, _dropped;

    /// <summary>A channel named <paramref name="name"/> holding at most <paramref name="capacity"/> items.</summary>
    public StageChannel(string name, int capacity, BoundedChannelFullMode fullMode)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Name = name;
        Capacity = capacity;
        FullMode = fullMode;
        _channel = Channel.CreateBounded<T>(
            new BoundedChannelOptions(capacity) { FullMode = fullMode, SingleReader = true, SingleWriter = false },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>The channel's name (its producing stage's output).</summary>
    public string Name { get; }

    /// <summary>Most items it holds.</summary>
    public int Capacity { get; }

    /// <summary>What a write does when it is full.</summary>
    public BoundedChannelFullMode FullMode { get; }

    /// <summary>The full mode in words, as status and docs show it.</summary>
    public string Policy => FullMode switch
    {
        BoundedChannelFullMode.Wait => "wait",
        BoundedChannelFullMode.DropOldest => "latest-wins",
        BoundedChannelFullMode.DropNewest => "drop-newest",
        _ => "drop-write",
    };

    /// <summary>The consuming stage's end.</summary>
    public ChannelReader<T> Reader => _channel.Reader;

    /// <summary>Items written so far.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Items dropped because the channel was full (never for <see cref="BoundedChannelFullMode.Wait"/>).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Items waiting now.</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>Writes one item: waits while full in <see cref="BoundedChannelFullMode.Wait"/>, else drops per the mode.</summary>
    public ValueTask WriteAsync(T item, CancellationToken cancellation)
    {
        Interlocked.Increment(ref _written);
        return _channel.Writer.WriteAsync(item, cancellation);
    }

    /// <summary>Writes one item if there is room now (or the mode drops to make room); false when a waiting channel is full.</summary>
    public bool TryWrite(T item)
    {
        if (!_channel.Writer.TryWrite(item)) return false;
        Interlocked.Increment(ref _written);
        return true;
    }

    /// <summary>No more items will come (the consumer drains what is left, then stops).</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
