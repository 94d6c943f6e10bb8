using EdgeAI.Can;

namespace EdgeAI.Drivers.Simulated;

/// <summary>
/// A node's frames waiting for the wire: a fixed ring the bus arbitrates over by looking at its head, guarded by the
/// bus lock (it is controller state, not a queue between stages). Each frame's timestamp holds the bus time it was queued at.
/// </summary>
internal sealed class TransmitQueue(int capacity)
{
    // One slot more than the capacity: a retried frame goes back in front even when senders filled the queue meanwhile.
    private readonly CanFrame[] _ring = new CanFrame[capacity + 1];
    private int _head;

    public int Count { get; private set; }
    public bool IsFull => Count >= capacity;
    public ref readonly CanFrame Head => ref _ring[_head];

    public void Enqueue(in CanFrame frame)
    {
        _ring[(_head + Count) % _ring.Length] = frame;
        Count++;
    }

    /// <summary>Puts a frame back in front (a corrupted transmission is retried before anything queued after it).</summary>
    public void PushFront(in CanFrame frame)
    {
        _head = (_head + _ring.Length - 1) % _ring.Length;
        _ring[_head] = frame;
        Count++;
    }

    public CanFrame Dequeue()
    {
        var frame = _ring[_head];
        _head = (_head + 1) % _ring.Length;
        Count--;
        return frame;
    }

    public void Clear()
    {
        _head = 0;
        Count = 0;
    }
}
