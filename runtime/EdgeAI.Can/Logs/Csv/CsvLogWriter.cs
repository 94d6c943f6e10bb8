using EdgeAI.Can.Text;

namespace EdgeAI.Can.Logs.Csv;

/// <summary>
/// Writes python-can's CSV layout (<c>timestamp,arbitration_id,extended,remote,error,dlc,data</c>): seconds with all
/// the digits the time has, the id as Python's <c>hex()</c> writes it, base64 data; the dlc column holds the data
/// length (the requested DLC for remote frames). It has no channel, direction or CAN FD column: frames that carry
/// them are written without and counted as losses.
/// </summary>
public sealed class CsvLogWriter : ICanLogWriter
{
    private readonly Utf8LineWriter _out;
    private readonly LossCounter _losses;

    /// <summary>Writes CSV frames to <paramref name="stream"/>, named <paramref name="name"/> in errors.</summary>
    public CsvLogWriter(Stream stream, string name, CanLogWriteOptions options)
    {
        _out = new Utf8LineWriter(stream);
        _losses = new LossCounter(name, options.Strict);
        Channels = options.Channels ?? new CanChannelTable();
        _out.Write(CsvLogReader.Header);
        _out.NewLine();
    }

    /// <inheritdoc/>
    public CanChannelTable Channels { get; }
    /// <inheritdoc/>
    public IReadOnlyDictionary<string, long> Losses => _losses.Counts;

    /// <inheritdoc/>
    public void Write(in CanFrame frame)
    {
        if (frame.IsFd) _losses.Lose("CAN FD flags");
        if (frame.Channel != 0) _losses.Lose("channel");
        if ((frame.Flags & (CanFlags.Rx | CanFlags.Tx)) != 0) _losses.Lose("direction");

        _out.WriteSecondsShortest(frame.TimestampNs);
        _out.Write(",0x"u8);
        _out.WriteHex(frame.Id, lowerCase: true);
        _out.Write(frame.IsExtended ? ",1"u8 : ",0"u8);
        _out.Write(frame.IsRemote ? ",1"u8 : ",0"u8);
        _out.Write(frame.IsError ? ",1,"u8 : ",0,"u8);
        _out.WriteDecimal(frame.IsRemote ? frame.Dlc : frame.Length);
        _out.Write((byte)',');
        _out.WriteBase64(frame.Data);
        _out.NewLine();
    }

    /// <inheritdoc/>
    public void Complete() => _out.Flush();

    /// <inheritdoc/>
    public void Dispose() => _out.Dispose();
}
