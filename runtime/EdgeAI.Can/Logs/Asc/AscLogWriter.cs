using EdgeAI.Can.Text;

namespace EdgeAI.Can.Logs.Asc;

/// <summary>
/// Writes Vector ASC as CANoe, python-can and can-utils read it: a header with the date of the first frame
/// (whole milliseconds, local time in <see cref="CanLogWriteOptions.TimeZone"/>), <c>base hex  timestamps absolute</c>,
/// one trigger block, classic lines for classic frames, <c>CANFD</c> lines (with the EDL/BRS/ESI flags field)
/// for CAN FD frames, and <c>N  ErrorFrame</c> for error frames. Channel number = channel index + 1.
/// Offsets have microsecond digits. Frames without a direction are written as <c>Rx</c> (the field is required).
/// </summary>
public sealed class AscLogWriter : ICanLogWriter
{
    private const uint FlagFdFormat = 0x1000;
    private const uint FlagBrs = 0x2000;
    private const uint FlagEsi = 0x4000;

    private readonly Utf8LineWriter _out;
    private readonly LossCounter _losses;
    private readonly TimeZoneInfo _zone;
    private readonly NumberedChannels _numbers;
    private bool _started;
    private long _startNs;

    /// <summary>Writes Vector ASC frames to <paramref name="stream"/>, named <paramref name="name"/> in errors.</summary>
    public AscLogWriter(Stream stream, string name, CanLogWriteOptions options)
    {
        _out = new Utf8LineWriter(stream);
        _losses = new LossCounter(name, options.Strict);
        _zone = options.TimeZone ?? TimeZoneInfo.Local;
        Channels = options.Channels ?? new CanChannelTable();
        _numbers = new NumberedChannels(Channels);
    }

    /// <inheritdoc/>
    public CanChannelTable Channels { get; }
    /// <inheritdoc/>
    public IReadOnlyDictionary<string, long> Losses => _losses.Counts;

    /// <inheritdoc/>
    public void Write(in CanFrame frame)
    {
        if (!_started) WriteHeader(frame.TimestampNs);
        long offset = _losses.OffsetFromStart(frame.TimestampNs, _startNs);
        if (offset % 1000 != 0) _losses.Lose("sub-microsecond timestamp digits");
        if (!_numbers.KeepsName(frame.Channel)) _losses.Lose("channel name");
        int number = frame.Channel + 1;

        _out.WriteSeconds(offset, 6, 11);
        _out.Write((byte)' ');
        if (frame.IsError) WriteError(frame, number);
        else if (frame.IsFd) WriteFd(frame, number);
        else WriteClassic(frame, number);
        _out.NewLine();
    }

    private void WriteClassic(in CanFrame frame, int number)
    {
        // "1  123             Rx   d 8 11 22 33 44 55 66 77 88"
        _out.WriteDecimal(number);
        _out.Write("  "u8);
        int idWidth = WriteId(frame);
        _out.WriteSpaces(15 - idWidth);
        _out.Write((byte)' ');
        WriteDirection(frame);
        _out.Write("   "u8);
        if (frame.IsRemote)
        {
            _out.Write("r "u8);
            _out.WriteHex(frame.Dlc, 1, lowerCase: true);
            return;
        }
        _out.Write("d "u8);
        _out.WriteHex(frame.Dlc, 1, lowerCase: true);
        if (frame.Length == 0) return;
        _out.Write((byte)' ');
        _out.WriteHexBytes(frame.Data, (byte)' ');
    }

    private void WriteFd(in CanFrame frame, int number)
    {
        // "CANFD   1 Rx        123                                   1 0 9 12 01 ... 0C        0    0     3000        0 ..."
        _out.Write("CANFD "u8);
        _out.WriteDecimal(number, 3);
        _out.Write((byte)' ');
        WriteDirection(frame);
        _out.Write("   "u8);
        int idWidth = Utf8LineWriter.HexDigitCount(frame.Id) + (frame.IsExtended ? 1 : 0);
        _out.WriteSpaces(8 - idWidth);
        WriteId(frame);
        _out.WriteSpaces(2 + 32); // no symbolic name
        _out.Write((byte)' ');
        bool brs = (frame.Flags & CanFlags.Brs) != 0, esi = (frame.Flags & CanFlags.Esi) != 0;
        _out.Write(brs ? (byte)'1' : (byte)'0');
        _out.Write((byte)' ');
        _out.Write(esi ? (byte)'1' : (byte)'0');
        _out.Write((byte)' ');
        _out.WriteHex(frame.Dlc, 1, lowerCase: true);
        _out.Write((byte)' ');
        _out.WriteDecimal(frame.Length, 2); // can-utils' asc2log looks for exactly " brs esi dlc %2d "
        _out.Write((byte)' ');
        if (frame.Length > 0)
        {
            _out.WriteHexBytes(frame.Data, (byte)' ');
            _out.Write((byte)' ');
        }
        uint flags = FlagFdFormat | (brs ? FlagBrs : 0) | (esi ? FlagEsi : 0);
        _out.Write("       0    0 "u8); // message duration, bit count: not known
        _out.WriteSpaces(8 - Utf8LineWriter.HexDigitCount(flags));
        _out.WriteHex(flags);
        _out.Write("        0        0        0        0        0"u8); // CRC, bit timings
    }

    private void WriteError(in CanFrame frame, int number)
    {
        // The ASC line says only "error frame": SocketCAN class bits, data and direction are not kept.
        if (frame.Id != AscLogReader.ErrorFrameClass || frame.Length != CanFrame.MaxClassicLength || frame.Data.ContainsAnyExcept((byte)0) ||
            (frame.Flags & (CanFlags.Rx | CanFlags.Tx)) != 0)
            _losses.Lose("error frame class, data and direction");
        _out.WriteDecimal(number);
        _out.Write("  ErrorFrame"u8);
    }

    private int WriteId(in CanFrame frame)
    {
        _out.WriteHex(frame.Id);
        if (!frame.IsExtended) return Utf8LineWriter.HexDigitCount(frame.Id);
        _out.Write((byte)'x');
        return Utf8LineWriter.HexDigitCount(frame.Id) + 1;
    }

    private void WriteDirection(in CanFrame frame) => _out.Write((frame.Flags & CanFlags.Tx) != 0 ? "Tx"u8 : "Rx"u8);

    private void WriteHeader(long firstNs)
    {
        _started = true;
        _startNs = firstNs - ((firstNs % 1_000_000 + 1_000_000) % 1_000_000); // whole milliseconds, as the date shows them
        string date = AscDate.Format(_startNs, _zone);
        _out.Write("date " + date + "\n");
        _out.Write("base hex  timestamps absolute\n"u8);
        _out.Write("internal events logged\n"u8);
        _out.Write("// version 9.0.0\n"u8);
        _out.Write("Begin Triggerblock " + date + "\n");
        _out.Write("   0.000000 Start of measurement\n"u8);
    }

    /// <inheritdoc/>
    public void Complete()
    {
        if (!_started) WriteHeader(0);
        _out.Write("End TriggerBlock\n"u8);
        _out.Flush();
    }

    /// <inheritdoc/>
    public void Dispose() => _out.Dispose();
}
