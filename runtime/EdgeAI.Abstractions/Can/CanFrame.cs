using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EdgeAI.Can;

/// <summary>
/// One CAN or CAN FD frame with its data inline (no heap allocation per frame),
/// the channel it was seen on and its timestamp in nanoseconds since the Unix epoch (UTC).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct CanFrame : IEquatable<CanFrame>
{
    /// <summary>Largest CAN FD payload.</summary>
    public const int MaxFdLength = 64;
    /// <summary>Largest classic CAN payload.</summary>
    public const int MaxClassicLength = 8;
    /// <summary>Largest 11-bit identifier.</summary>
    public const uint MaxStandardId = 0x7FF;
    /// <summary>Largest 29-bit identifier.</summary>
    public const uint MaxExtendedId = 0x1FFF_FFFF;

    private readonly long _timestampNs;
    private readonly uint _id;
    private readonly CanFlags _flags;
    private readonly ushort _channel;
    private readonly byte _length;
    private readonly byte _dlc;
    private readonly FrameData _data;

    /// <summary>Builds a frame; <paramref name="data"/> is copied inline. The DLC follows from the length
    /// except for remote frames, whose requested length is <paramref name="remoteDlc"/>, and for classic frames of
    /// 8 bytes sent with a DLC of 9..15 (<paramref name="remoteDlc"/> 9..15 keeps that raw DLC, as SocketCAN's len8_dlc).</summary>
    /// <exception cref="ArgumentException">id, length or flags do not form a valid frame.</exception>
    public CanFrame(uint id, ReadOnlySpan<byte> data, CanFlags flags = CanFlags.None, long timestampNs = 0, ushort channel = 0, byte remoteDlc = 0)
    {
        if (!TryValidate(id, data.Length, flags, remoteDlc, out var problem))
            throw new ArgumentException(problem);
        this = new CanFrame(id, data, flags, timestampNs, channel, remoteDlc, validated: true);
    }

    /// <summary>A frame from fields the caller has already checked with <see cref="TryValidate"/> (log readers do, to say
    /// what is wrong with a record), so the check is not made twice per frame.</summary>
    internal CanFrame(uint id, ReadOnlySpan<byte> data, CanFlags flags, long timestampNs, ushort channel, byte remoteDlc, bool validated)
    {
        System.Diagnostics.Debug.Assert(validated && TryValidate(id, data.Length, flags, remoteDlc, out _));
        _id = id;
        _flags = flags;
        _timestampNs = timestampNs;
        _channel = channel;
        _length = (byte)data.Length;
        _dlc = (flags & CanFlags.Remote) != 0 || IsRawClassicDlc(data.Length, flags, remoteDlc) ? remoteDlc : CanDlc.FromLength(data.Length);
        _data = default;
        data.CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.AsRef(in _data)[0], MaxFdLength));
    }

    private CanFrame(in CanFrame source, long timestampNs, ushort channel, CanFlags flags)
    {
        this = source;
        _timestampNs = timestampNs;
        _channel = channel;
        _flags = flags;
    }

    private CanFrame(in CanFrame source, byte dlc)
    {
        this = source;
        _dlc = dlc;
    }

    /// <summary>11- or 29-bit identifier (for error frames: the SocketCAN error class bits).</summary>
    public uint Id => _id;
    /// <summary>Kind and direction.</summary>
    public CanFlags Flags => _flags;
    /// <summary>Nanoseconds since the Unix epoch, UTC (or since the start of a log with no date).</summary>
    public long TimestampNs => _timestampNs;
    /// <summary>Index into the reader's or bus's <see cref="CanChannelTable"/>.</summary>
    public ushort Channel => _channel;
    /// <summary>Number of data bytes (0..64).</summary>
    public int Length => _length;
    /// <summary>Data length code as on the wire (0..15); for remote frames the requested DLC; a classic frame of 8
    /// bytes may carry a DLC of 9..15 when its log kept it (candump's <c>_D</c>).</summary>
    public byte Dlc => _dlc;
    /// <summary>The payload.</summary>
    public ReadOnlySpan<byte> Data => MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AsRef(in _data)[0], _length);

    /// <summary>Whether the id has 29 bits.</summary>
    public bool IsExtended => (_flags & CanFlags.Extended) != 0;
    /// <summary>Whether it is a remote transmission request.</summary>
    public bool IsRemote => (_flags & CanFlags.Remote) != 0;
    /// <summary>Whether it is an error frame.</summary>
    public bool IsError => (_flags & CanFlags.Error) != 0;
    /// <summary>Whether it is a CAN FD frame.</summary>
    public bool IsFd => (_flags & CanFlags.Fd) != 0;

    /// <summary>The same frame at another time.</summary>
    public CanFrame WithTimestamp(long timestampNs) => new(this, timestampNs, _channel, _flags);
    /// <summary>The same frame on another channel.</summary>
    public CanFrame WithChannel(ushort channel) => new(this, _timestampNs, channel, _flags);
    /// <summary>The same frame with other direction flags (Rx/Tx); other flags are kept.</summary>
    public CanFrame WithDirection(CanFlags direction) =>
        new(this, _timestampNs, _channel, (_flags & ~(CanFlags.Rx | CanFlags.Tx)) | (direction & (CanFlags.Rx | CanFlags.Tx)));

    private static bool IsRawClassicDlc(int length, CanFlags flags, byte dlc) =>
        length == MaxClassicLength && dlc is > MaxClassicLength and <= 15 && (flags & (CanFlags.Fd | CanFlags.Error)) == 0;

    /// <summary>The same classic data frame of 8 bytes with the raw DLC the wire carried: 9..15 also mean 8 data bytes on
    /// classic CAN (SocketCAN's <c>len8_dlc</c>, candump's <c>_D</c> suffix); 8 is the plain DLC. Remote frames take their
    /// DLC (0..15) from the constructor instead.</summary>
    /// <exception cref="ArgumentException">not a classic data frame with 8 data bytes, or a DLC outside 8..15.</exception>
    public CanFrame WithDlc(byte dlc)
    {
        if (IsFd || IsRemote || IsError || _length != MaxClassicLength || dlc < MaxClassicLength || dlc > 15)
            throw new ArgumentException("a raw DLC of 8..15 belongs to a classic data frame with 8 data bytes", nameof(dlc));
        return new CanFrame(this, dlc);
    }

    /// <summary>Checks what the constructor checks, without throwing (for readers in hot loops).</summary>
    public static bool TryValidate(uint id, int length, CanFlags flags, byte remoteDlc, out string problem)
    {
        bool extended = (flags & CanFlags.Extended) != 0;
        bool fd = (flags & CanFlags.Fd) != 0;
        problem = "";
        if ((flags & CanFlags.Error) == 0 && id > (extended ? MaxExtendedId : MaxStandardId))
            problem = extended ? "a 29-bit id (0..1FFFFFFF)" : "an 11-bit id (0..7FF)";
        else if (length < 0 || length > (fd ? MaxFdLength : MaxClassicLength))
            problem = fd ? "a CAN FD length of 0..64 bytes" : "a classic CAN length of 0..8 bytes";
        else if (fd && !CanDlc.IsValidFdLength(length))
            problem = "a CAN FD length (0-8, 12, 16, 20, 24, 32, 48 or 64)";
        else if (!fd && (flags & (CanFlags.Brs | CanFlags.Esi)) != 0)
            problem = "BRS/ESI only on CAN FD frames";
        else if ((flags & CanFlags.Remote) != 0 && (fd || length != 0))
            problem = "a remote frame without data and not CAN FD";
        else if (remoteDlc > 15)
            problem = "a DLC of 0..15";
        return problem.Length == 0;
    }

    /// <inheritdoc/>
    public bool Equals(CanFrame other) =>
        _id == other._id && _flags == other._flags && _timestampNs == other._timestampNs &&
        _channel == other._channel && _dlc == other._dlc && Data.SequenceEqual(other.Data);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CanFrame other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_id);
        hash.Add(_flags);
        hash.Add(_timestampNs);
        hash.Add(_channel);
        hash.AddBytes(Data);
        return hash.ToHashCode();
    }

    /// <summary>Whether two frames are equal: the same time, channel, id, flags and payload.</summary>
    public static bool operator ==(CanFrame left, CanFrame right) => left.Equals(right);
    /// <summary>Whether two frames differ.</summary>
    public static bool operator !=(CanFrame left, CanFrame right) => !left.Equals(right);

    /// <summary>candump-like text for diagnostics and test failures (allocates; not for hot paths).</summary>
    public override string ToString()
    {
        string id = IsExtended ? _id.ToString("X8") : _id.ToString("X3");
        string data = Convert.ToHexString(Data);
        string fd = IsFd ? " FD" + ((_flags & CanFlags.Brs) != 0 ? "+BRS" : "") + ((_flags & CanFlags.Esi) != 0 ? "+ESI" : "") : "";
        string kind = IsError ? " ERR" : IsRemote ? " R" + _dlc : fd;
        return $"({_timestampNs / 1e9:F6}) ch{_channel} {id}#{data}{kind}";
    }

    [InlineArray(MaxFdLength)]
    private struct FrameData
    {
        private byte _first;
    }
}
