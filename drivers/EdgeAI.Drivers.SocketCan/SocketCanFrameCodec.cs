using System.Runtime.InteropServices;
using EdgeAI.Can;
using EdgeAI.Drivers.SocketCan.Interop;

namespace EdgeAI.Drivers.SocketCan;

/// <summary>
/// <see cref="CanFrame"/> to and from the kernel's <c>can_frame</c> (16 bytes) and <c>canfd_frame</c> (72 bytes):
/// the id word carries CAN_EFF_FLAG / CAN_RTR_FLAG / CAN_ERR_FLAG, CAN FD frames carry BRS/ESI/FDF in <c>flags</c>.
/// </summary>
public static class SocketCanFrameCodec
{
    /// <summary>Bytes of a classic frame on the socket (CAN_MTU).</summary>
    public const int ClassicSize = Native.CAN_MTU;
    /// <summary>Bytes of a CAN FD frame on the socket (CANFD_MTU).</summary>
    public const int FdSize = Native.CANFD_MTU;

    /// <summary>Writes <paramref name="frame"/> as the kernel lays it out; returns 16 (classic) or 72 (FD).</summary>
    public static int Encode(in CanFrame frame, Span<byte> destination)
    {
        var flags = frame.Flags;
        uint id = frame.Id;
        if ((flags & CanFlags.Error) != 0) id = (id & Native.CAN_ERR_MASK) | Native.CAN_ERR_FLAG;
        else if ((flags & CanFlags.Extended) != 0) id |= Native.CAN_EFF_FLAG;
        if ((flags & CanFlags.Remote) != 0) id |= Native.CAN_RTR_FLAG;
        var data = frame.Data;
        if ((flags & CanFlags.Fd) != 0)
        {
            ref var fd = ref MemoryMarshal.AsRef<canfd_frame>(destination[..FdSize]);
            fd = default;
            fd.can_id = id;
            fd.len = (byte)data.Length;
            fd.flags = (byte)(Native.CANFD_FDF | ((flags & CanFlags.Brs) != 0 ? Native.CANFD_BRS : 0) | ((flags & CanFlags.Esi) != 0 ? Native.CANFD_ESI : 0));
            data.CopyTo(fd.data);
            return FdSize;
        }
        ref var classic = ref MemoryMarshal.AsRef<can_frame>(destination[..ClassicSize]);
        classic = default;
        classic.can_id = id;
        // Remote frames carry no data; their len is the requested DLC (0..8).
        classic.len = (flags & CanFlags.Remote) != 0 ? Math.Min(frame.Dlc, Native.CAN_MAX_DLEN) : (byte)data.Length;
        // A DLC of 9..15 (8 bytes on classic CAN) travels in len8_dlc beside len 8, as the kernel does with CAN_CTRLMODE_CC_LEN8_DLC.
        if (classic.len == Native.CAN_MAX_DLEN && frame.Dlc > Native.CAN_MAX_DLEN) classic.len8_dlc = frame.Dlc;
        data.CopyTo(classic.data);
        return ClassicSize;
    }

    /// <summary>Reads a frame the kernel delivered in <paramref name="source"/> (16 or 72 bytes).</summary>
    /// <exception cref="ArgumentException">the size is neither, or the frame is invalid.</exception>
    public static CanFrame Decode(ReadOnlySpan<byte> source, long timestampNs = 0, ushort channel = 0, bool ownFrame = false)
    {
        var direction = ownFrame ? CanFlags.Tx : CanFlags.Rx;
        if (source.Length == FdSize)
        {
            ref readonly var fd = ref MemoryMarshal.AsRef<canfd_frame>(source);
            var flags = IdFlags(fd.can_id) | direction | CanFlags.Fd;
            if ((fd.flags & Native.CANFD_BRS) != 0) flags |= CanFlags.Brs;
            if ((fd.flags & Native.CANFD_ESI) != 0) flags |= CanFlags.Esi;
            int length = Math.Min((int)fd.len, CanFrame.MaxFdLength);
            return new CanFrame(IdOf(fd.can_id), ((ReadOnlySpan<byte>)fd.data)[..length], flags, timestampNs, channel);
        }
        if (source.Length == ClassicSize)
        {
            ref readonly var classic = ref MemoryMarshal.AsRef<can_frame>(source);
            var flags = IdFlags(classic.can_id) | direction;
            int length = Math.Min((int)classic.len, CanFrame.MaxClassicLength);
            // len8_dlc counts only beside len 8 and only as 9..15; other values are the kernel's "unset".
            byte rawDlc = length == CanFrame.MaxClassicLength && classic.len8_dlc is > Native.CAN_MAX_DLEN and <= 15 ? classic.len8_dlc : (byte)0;
            if ((flags & CanFlags.Remote) != 0)
                return new CanFrame(IdOf(classic.can_id), [], flags, timestampNs, channel, remoteDlc: rawDlc != 0 ? rawDlc : (byte)length);
            var frame = new CanFrame(IdOf(classic.can_id), ((ReadOnlySpan<byte>)classic.data)[..length], flags, timestampNs, channel);
            return rawDlc != 0 ? frame.WithDlc(rawDlc) : frame;
        }
        throw new ArgumentException($"a CAN frame of {ClassicSize} or {FdSize} bytes, found {source.Length}", nameof(source));
    }

    private static CanFlags IdFlags(uint canId)
    {
        var flags = CanFlags.None;
        if ((canId & Native.CAN_ERR_FLAG) != 0) flags |= CanFlags.Error;
        else if ((canId & Native.CAN_EFF_FLAG) != 0) flags |= CanFlags.Extended;
        if ((canId & Native.CAN_RTR_FLAG) != 0) flags |= CanFlags.Remote;
        return flags;
    }

    private static uint IdOf(uint canId) =>
        (canId & Native.CAN_ERR_FLAG) != 0 ? canId & Native.CAN_ERR_MASK
        : (canId & Native.CAN_EFF_FLAG) != 0 ? canId & Native.CAN_EFF_MASK
        : canId & Native.CAN_SFF_MASK;
}
