namespace EdgeAI.Can;

/// <summary>What kind of CAN frame a <see cref="CanFrame"/> is, and which way it went.</summary>
[Flags]
public enum CanFlags : ushort
{
    /// <summary>A classic data frame with a standard id, received.</summary>
    None = 0,
    /// <summary>29-bit identifier.</summary>
    Extended = 1 << 0,
    /// <summary>Remote transmission request (classic CAN only).</summary>
    Remote = 1 << 1,
    /// <summary>Error frame; the id carries the error class bits as SocketCAN reports them.</summary>
    Error = 1 << 2,
    /// <summary>CAN FD frame (up to 64 data bytes).</summary>
    Fd = 1 << 3,
    /// <summary>CAN FD bit rate switch.</summary>
    Brs = 1 << 4,
    /// <summary>CAN FD error state indicator (transmitter error passive).</summary>
    Esi = 1 << 5,
    /// <summary>Received by this node. Neither Rx nor Tx: the log did not say.</summary>
    Rx = 1 << 6,
    /// <summary>Transmitted by this node.</summary>
    Tx = 1 << 7,
}
