using EdgeAI.Can.Dbc;
using Parquet;
using Parquet.Schema;

namespace EdgeAI.Can.Logs.Parquet;

/// <summary>
/// Decoded frames as rows: <c>t</c>, <c>t_ns</c>, <c>channel</c>, <c>message</c>, then one nullable DOUBLE column per
/// signal of every message in the DBC, named <c>Message.Signal</c> (null where the row's message lacks the signal or a
/// multiplexed signal is not active). Frames whose id the DBC lacks get no row and are counted in <see cref="ICanLogWriter.Losses"/>.
/// </summary>
public sealed class ParquetSignalWriter : ParquetTableWriter
{
    /// <summary>The loss name for frames the DBC does not describe.</summary>
    public const string NotInDbc = "with ids the DBC does not describe";

    private static readonly DateTimeDataField T = new("t", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros);
    private static readonly DataField<long> TimeNs = new("t_ns");
    private static readonly DataField<string> Channel = new("channel");
    private static readonly DataField<string> Message = new("message");

    private readonly DbcDatabase _database;
    private readonly DataField<double>[] _signalFields;
    private readonly Dictionary<MessageDecoder, int> _firstColumn = [];
    private readonly DateTime[] _t = new DateTime[RowGroupRows];
    private readonly long[] _ns = new long[RowGroupRows];
    private readonly string[] _channel = new string[RowGroupRows];
    private readonly string[] _message = new string[RowGroupRows];
    private readonly double?[][] _signals;
    private readonly double[] _values;

    /// <summary>Opens <paramref name="path"/> for the messages of <paramref name="database"/>.</summary>
    public ParquetSignalWriter(string path, DbcDatabase database, CanLogWriteOptions? options = null)
        : this(path, database, SignalFields(database, out var firstColumn), firstColumn, options) { }

    private ParquetSignalWriter(string path, DbcDatabase database, DataField<double>[] signalFields, Dictionary<MessageDecoder, int> firstColumn, CanLogWriteOptions? options)
        : base(path, new ParquetSchema([T, TimeNs, Channel, Message, .. signalFields]), options?.Channels)
    {
        _database = database;
        _signalFields = signalFields;
        _firstColumn = firstColumn;
        _signals = new double?[signalFields.Length][];
        for (int i = 0; i < _signals.Length; i++) _signals[i] = new double?[RowGroupRows];
        _values = new double[Math.Max(1, database.MaxSignalCount)];
    }

    /// <summary>Column names of the signal columns, in order.</summary>
    public IEnumerable<string> SignalColumns => _signalFields.Select(f => f.Name);

    /// <inheritdoc/>
    protected override bool TryBuffer(in CanFrame frame, int row)
    {
        if ((frame.Flags & (CanFlags.Error | CanFlags.Remote)) != 0 || !_database.TryGetDecoder(in frame, out var decoder))
        {
            Lose(NotInDbc);
            return false;
        }
        _t[row] = UtcTime(frame.TimestampNs);
        _ns[row] = frame.TimestampNs;
        _channel[row] = Channels.NameOf(frame.Channel);
        _message[row] = decoder.Message.Name;
        for (int c = 0; c < _signals.Length; c++) _signals[c][row] = null;
        decoder.Decode(in frame, _values);
        int first = _firstColumn[decoder];
        var signals = decoder.Message.Signals;
        for (int i = 0; i < decoder.SignalCount; i++)
            _signals[first + i][row] = double.IsNaN(_values[i]) ? null : signals[i].Round(_values[i]);
        return true;
    }

    /// <inheritdoc/>
    protected override async Task WriteColumnsAsync(ParquetRowGroupWriter group, int rows)
    {
        await group.WriteAsync(T, new ReadOnlyMemory<DateTime>(_t, 0, rows));
        await group.WriteAsync(TimeNs, new ReadOnlyMemory<long>(_ns, 0, rows));
        await group.WriteAsync(Channel, new ArraySegment<string>(_channel, 0, rows));
        await group.WriteAsync(Message, new ArraySegment<string>(_message, 0, rows));
        for (int c = 0; c < _signalFields.Length; c++)
            await group.WriteAsync(_signalFields[c], new ReadOnlyMemory<double?>(_signals[c], 0, rows));
    }

    private static DataField<double>[] SignalFields(DbcDatabase database, out Dictionary<MessageDecoder, int> firstColumn)
    {
        firstColumn = [];
        var fields = new List<DataField<double>>();
        foreach (var decoder in database.Decoders)
        {
            firstColumn[decoder] = fields.Count;
            foreach (var signal in decoder.Message.Signals)
                fields.Add(new DataField<double>(decoder.Message.Name + "." + signal.Name, nullable: true));
        }
        return [.. fields];
    }
}
