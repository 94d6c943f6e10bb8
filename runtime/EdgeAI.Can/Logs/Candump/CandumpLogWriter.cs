using EdgeAI.Can.Text;

namespace EdgeAI.Can.Logs.Candump;

/// <summary>
/// Writes <c>candump -L</c> lines exactly as can-utils does (microsecond timestamps, upper-case hex,
/// <c>##F</c> for CAN FD, <c>R</c>+DLC for remote), plus the direction <c> R</c>/<c> T</c> when the
/// frame knows it, as python-can writes and reads it (can-utils ignores it).
/// </summary>
public sealed class CandumpLogWriter : ICanLogWriter
{
    private readonly Utf8LineWriter _out;
    private readonly LossCounter _losses;

    /// <summary>Writes candump -l frames to <paramref name="stream"/>, named <paramref name="name"/> in errors.</summary>
    public CandumpLogWriter(Stream stream, string name, CanLogWriteOptions options)
    {
        _out = new Utf8LineWriter(stream);
        _losses = new LossCounter(name, options.Strict);
        Channels = options.Channels ?? new CanChannelTable();
    }

    /// <inheritdoc/>
    public CanChannelTable Channels { get; }
    /// <inheritdoc/>
    public IReadOnlyDictionary<string, long> Losses => _losses.Counts;

    /// <inheritdoc/>
    public void Write(in CanFrame frame)
    {
        if (frame.TimestampNs % 1000 != 0) _losses.Lose("sub-microsecond timestamp digits");
        _out.Write((byte)'(');
        _out.WriteSeconds(frame.TimestampNs, 6);
        _out.Write(") "u8);
        _out.Write(Channels.NameOf(frame.Channel));
        _out.Write((byte)' ');
        if (frame.IsError) _out.WriteHex(frame.Id | 0x2000_0000, 8);
        else if (frame.IsExtended) _out.WriteHex(frame.Id, 8);
        else _out.WriteHex(frame.Id, 3);
        _out.Write((byte)'#');
        if (frame.IsFd)
        {
            _out.Write((byte)'#');
            _out.WriteHex((uint)(((frame.Flags & CanFlags.Brs) != 0 ? 1 : 0) | ((frame.Flags & CanFlags.Esi) != 0 ? 2 : 0)), 1);
            _out.WriteHexBytes(frame.Data);
        }
        else if (frame.IsRemote)
        {
            _out.Write((byte)'R');
            if (frame.Dlc is > 0 and <= 8) _out.WriteHex(frame.Dlc, 1);
            else if (frame.Dlc > 8) WriteRawDlc(8, frame.Dlc); // R8_D
        }
        else
        {
            _out.WriteHexBytes(frame.Data);
            if (frame.Dlc > 8 && !frame.IsError) WriteRawDlc(-1, frame.Dlc); // 8 bytes sent with DLC 9..15: "_D", as can-utils writes it
        }
        if ((frame.Flags & CanFlags.Rx) != 0) _out.Write(" R"u8);
        else if ((frame.Flags & CanFlags.Tx) != 0) _out.Write(" T"u8);
        _out.NewLine();
    }

    private void WriteRawDlc(int length, int dlc)
    {
        if (length >= 0) _out.WriteHex((uint)length, 1);
        _out.Write((byte)'_');
        _out.WriteHex((uint)dlc, 1);
    }

    /// <inheritdoc/>
    public void Complete() => _out.Flush();

    /// <inheritdoc/>
    public void Dispose() => _out.Dispose();
}
