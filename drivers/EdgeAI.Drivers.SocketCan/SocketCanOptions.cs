using EdgeAI.Can.Errors;

namespace EdgeAI.Drivers.SocketCan;

/// <summary>How a CAN_RAW socket is set up.</summary>
public sealed record SocketCanOptions
{
    /// <summary>Receive and send CAN FD frames (CAN_RAW_FD_FRAMES); classic frames still work. Default on.</summary>
    public bool Fd { get; init; } = true;
    /// <summary>Receive filters; empty = every frame.</summary>
    public IReadOnlyList<SocketCanFilter> Filters { get; init; } = [];
    /// <summary>Error classes delivered as error frames (CAN_RAW_ERR_FILTER). Default: all.</summary>
    public CanErrorClass ErrorClasses { get; init; } = (CanErrorClass)0x1FFF_FFFF;
    /// <summary>Other sockets on this host see our frames (CAN_RAW_LOOPBACK). Default on, as in the kernel.</summary>
    public bool Loopback { get; init; } = true;
    /// <summary>This socket receives its own frames, flagged Tx (CAN_RAW_RECV_OWN_MSGS). Default off.</summary>
    public bool ReceiveOwnMessages { get; init; }
    /// <summary>Kernel receive timestamps (SO_TIMESTAMPING: software, and raw hardware where the controller has it).</summary>
    public bool Timestamps { get; init; } = true;
    /// <summary>Frames moved per recvmmsg/sendmmsg call.</summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>Channel index stamped on received frames.</summary>
    public ushort Channel { get; init; }
    /// <summary>How long <see cref="SocketCanBus.WaitToSendAsync"/> waits after ENOBUFS before saying "try again":
    /// a full device queue does not wake poll(POLLOUT) reliably, so the driver retries after this pause. Default 1 ms
    /// (about four classic frames at 500 kbit/s).</summary>
    public TimeSpan NoBufferRetry { get; init; } = TimeSpan.FromMilliseconds(1);
    /// <summary>The clock the ENOBUFS pause runs on.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
