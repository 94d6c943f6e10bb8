namespace EdgeAI.Can;

/// <summary>
/// One CAN interface this process is attached to: a SocketCAN socket (drivers/EdgeAI.Drivers.SocketCan) or a node
/// on the in-memory bus (drivers/EdgeAI.Drivers.Simulated). The shape follows <c>ChannelReader/ChannelWriter</c>:
/// non-blocking <c>TryXxx</c> calls for the hot path and <c>WaitToXxxAsync</c> calls to sleep until they can succeed,
/// so neither direction allocates per frame.
/// </summary>
public interface ICanBus : IDisposable
{
    /// <summary>Interface name as the user wrote it (<c>can0</c>, <c>vcan0</c>, <c>sim</c>, <c>sim:node2</c>).</summary>
    string Name { get; }

    /// <summary>Controller state as last reported (error frames, netlink or the simulation).</summary>
    CanBusState State { get; }

    /// <summary>Frames that reached this bus but were lost before <see cref="TryReceive"/> could return them, cumulative
    /// since open: the kernel's receive-queue overflow count (SO_RXQ_OVFL) on SocketCAN, a full receive queue on the
    /// simulator. A reader that falls behind sees this grow instead of losing frames silently.</summary>
    long FramesLost { get; }

    /// <summary>Queues one frame for transmission. False when the transmit queue is full (back-pressure, e.g. ENOBUFS)
    /// or the controller is bus-off: wait with <see cref="WaitToSendAsync"/> and try again; nothing is dropped silently.</summary>
    /// <exception cref="CanBusException">the interface failed (down, removed, closed).</exception>
    bool TrySend(in CanFrame frame);

    /// <summary>Completes with true when <see cref="TrySend"/> may succeed again, false once the bus is closed.</summary>
    ValueTask<bool> WaitToSendAsync(CancellationToken cancellation = default);

    /// <summary>Copies frames received since the last call into <paramref name="frames"/> (receive timestamps set,
    /// <see cref="CanFlags.Rx"/> or <see cref="CanFlags.Tx"/> for own frames echoed back). Returns how many; 0 when none are waiting.</summary>
    int TryReceive(Span<CanFrame> frames);

    /// <summary>Completes with true when <see cref="TryReceive"/> has frames, false once the bus is closed and drained.</summary>
    ValueTask<bool> WaitToReceiveAsync(CancellationToken cancellation = default);
}
