using EdgeAI.Can.Dbc;
using Parquet;
using Parquet.Schema;

namespace EdgeAI.Can.Logs.Parquet;

/// <summary>
/// Writes decoded frames as rows of a Parquet file: <c>t</c> (TIMESTAMP(MICROS), UTC), <c>t_ns</c>, <c>channel</c>,
/// <c>id</c>, <c>message</c> and one nullable DOUBLE column <c>Message.Signal</c> for every signal of every message of
/// the DBC. A row holds the physical values of its own message's signals, rounded to the signal's resolution as
/// <c>edgeai can decode</c> prints them (<see cref="DbcSignal.Round"/>); every other column is null, and so are
/// multiplexed signals the frame's multiplexor does not select and signals a short frame does not reach.
/// Frames the DBC cannot decode (unknown ids, remote and error frames) are counted, not written.
/// Rows go out in row groups of a fixed size with reused buffers, so memory stays constant for long drives;
/// the file appears at its path only on <see cref="Complete"/> (see <see cref="AtomicFile"/>).
/// </summary>
public sealed class ParquetSignalWriter : IDisposable
{
    /// <summary>The value of the <c>edgeai.format</c> file metadata entry that marks a decoded export.</summary>
    public const string FormatValue = "can-signals/1";

    private readonly DbcDatabase _database;
    private readonly AtomicFile? _file;
    private readonly ParquetWriter _writer;
    private readonly int _capacity;
    private readonly DateTimeDataField _timeField = new("t", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false);
    private readonly DataField<long> _timeNsField = new("t_ns", nullable: false);
    private readonly DataField<string> _channelField = new("channel", nullable: false);
    private readonly DataField<int> _idField = new("id", nullable: false);
    private readonly DataField<string> _messageField = new("message", nullable: false);
    private readonly SignalColumn[] _signals;
    private readonly Dictionary<MessageDecoder, int> _firstColumn = new(ReferenceEqualityComparer.Instance);
    private readonly DateTime[] _time;
    private readonly long[] _timeNs;
    private readonly ReadOnlyMemory<char>[] _channel;
    private readonly int[] _id;
    private readonly ReadOnlyMemory<char>[] _message;
    private readonly int[] _definition;
    private readonly double[] _values;
    private readonly HashSet<uint> _unknownIds = [];
    private int _rows;
    private bool _completed;

    /// <summary>Creates <paramref name="path"/> (written beside it and moved into place by <see cref="Complete"/>).</summary>
    /// <param name="path">The output file.</param>
    /// <param name="database">The messages and signals; every signal gets a column.</param>
    /// <param name="channels">Names for the frames' channel indexes (the reader's table).</param>
    public static ParquetSignalWriter Create(string path, DbcDatabase database, CanChannelTable channels)
    {
        var file = new AtomicFile(path);
        try
        {
            return new ParquetSignalWriter(file.Stream, database, channels, ParquetLogWriter.DefaultRowGroupRows, file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Writes to a seekable stream, which it does not dispose.</summary>
    /// <param name="stream">Where the file goes.</param>
    /// <param name="database">The messages and signals; every signal gets a column.</param>
    /// <param name="channels">Names for the frames' channel indexes.</param>
    /// <param name="rowGroupRows">Rows per row group.</param>
    public ParquetSignalWriter(Stream stream, DbcDatabase database, CanChannelTable channels, int rowGroupRows = ParquetLogWriter.DefaultRowGroupRows)
        : this(stream, database, channels, rowGroupRows, null)
    {
    }

    private ParquetSignalWriter(Stream stream, DbcDatabase database, CanChannelTable channels, int rowGroupRows, AtomicFile? file)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupRows, 1);
        _database = database;
        _file = file;
        Channels = channels;
        _capacity = rowGroupRows;

        var columns = new List<SignalColumn>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var decoder in database.Decoders)
        {
            var message = decoder.Message;
            if (!_firstColumn.TryAdd(decoder, columns.Count)) continue;
            foreach (var signal in message.Signals)
            {
                string name = message.Name + "." + signal.Name;
                // Two messages may share a name in a sloppy DBC; the id keeps their columns apart.
                if (!names.Add(name)) names.Add(name = $"{message.Name}@{message.Id:X}.{signal.Name}");
                columns.Add(new SignalColumn(new DataField<double>(name, nullable: true)));
            }
        }
        _signals = [.. columns];
        SignalColumns = [.. columns.Select(c => c.Field.Name)];

        var fields = new List<Field> { _timeField, _timeNsField, _channelField, _idField, _messageField };
        fields.AddRange(columns.Select(c => c.Field));
        _time = new DateTime[rowGroupRows];
        _timeNs = new long[rowGroupRows];
        _channel = new ReadOnlyMemory<char>[rowGroupRows];
        _id = new int[rowGroupRows];
        _message = new ReadOnlyMemory<char>[rowGroupRows];
        _definition = new int[rowGroupRows];
        _values = new double[Math.Max(database.MaxSignalCount, 1)];

        var options = FrameColumns.WriteOptions(ParquetExport.Compression);
        options.ColumnEncodingHints["message"] = EncodingHint.Dictionary;
        _writer = ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, options).GetAwaiter().GetResult();
        _writer.CustomMetadata = new Dictionary<string, string>
        {
            [FrameColumns.FormatKey] = FormatValue,
            ["edgeai.dbc"] = database.File.Name,
        };
    }

    /// <summary>Names for the frames' channel indexes.</summary>
    public CanChannelTable Channels { get; }

    /// <summary>The signal column names, in file order after the fixed columns.</summary>
    public IReadOnlyList<string> SignalColumns { get; }

    /// <summary>Rows written (decoded frames).</summary>
    public long Rows { get; private set; }

    /// <summary>Data frames whose id the DBC lacks; not written.</summary>
    public long UnknownFrames { get; private set; }

    /// <summary>The distinct ids of <see cref="UnknownFrames"/> (29-bit ids with bit 31 set).</summary>
    public IReadOnlyCollection<uint> UnknownIds => _unknownIds;

    /// <summary>Remote and error frames: they carry no signals; not written.</summary>
    public long PayloadlessFrames { get; private set; }

    /// <summary>Decodes and appends one frame; false (and counted) when the DBC cannot decode it.</summary>
    public bool Write(in CanFrame frame)
    {
        if (_completed) throw new InvalidOperationException("the file is complete");
        if (!_database.TryGetDecoder(in frame, out var decoder))
        {
            if ((frame.Flags & (CanFlags.Remote | CanFlags.Error)) != 0)
            {
                PayloadlessFrames++;
            }
            else
            {
                UnknownFrames++;
                _unknownIds.Add(frame.IsExtended ? frame.Id | 0x8000_0000u : frame.Id);
            }
            return false;
        }
        int row = _rows;
        _time[row] = ParquetExport.ToDateTime(frame.TimestampNs);
        _timeNs[row] = frame.TimestampNs;
        _channel[row] = Channels.NameOf(frame.Channel).AsMemory();
        _id[row] = (int)frame.Id;
        _message[row] = decoder.Message.Name.AsMemory();
        var values = _values.AsSpan(0, decoder.SignalCount);
        decoder.Decode(in frame, values);
        int first = _firstColumn[decoder];
        var signals = decoder.Message.Signals;
        for (int i = 0; i < values.Length; i++)
            if (!double.IsNaN(values[i])) _signals[first + i].Add(row, signals[i].Round(values[i]));
        Rows++;
        if (++_rows == _capacity) FlushRowGroup();
        return true;
    }

    /// <summary>Writes the last row group and the footer, then moves the file into place.</summary>
    public void Complete()
    {
        if (_completed) throw new InvalidOperationException("already complete");
        if (_rows > 0) FlushRowGroup();
        _completed = true;
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult(); // writes the footer
        _file?.Commit();
    }

    /// <summary>Deletes the unfinished file unless <see cref="Complete"/> ran.</summary>
    public void Dispose()
    {
        _completed = true;
        _file?.Dispose();
    }

    private void FlushRowGroup()
    {
        FlushRowGroupAsync().GetAwaiter().GetResult();
        _rows = 0;
        foreach (var column in _signals) column.Count = 0;
    }

    private async Task FlushRowGroupAsync()
    {
        int n = _rows;
        using var group = _writer.CreateRowGroup();
        await group.WriteAsync<DateTime>(_timeField, _time.AsMemory(0, n));
        await group.WriteAsync<long>(_timeNsField, _timeNs.AsMemory(0, n));
        await group.WriteAsync<ReadOnlyMemory<char>>(_channelField, _channel.AsMemory(0, n));
        await group.WriteAsync<int>(_idField, _id.AsMemory(0, n));
        await group.WriteAsync<ReadOnlyMemory<char>>(_messageField, _message.AsMemory(0, n));
        foreach (var column in _signals)
        {
            // Definition level 1 marks the rows that hold a value; the values themselves are packed.
            var definition = _definition.AsSpan(0, n);
            definition.Clear();
            foreach (int row in column.Rows.AsSpan(0, column.Count)) definition[row] = 1;
            await group.WriteAllPartsAsync<double>(column.Field, column.Values.AsMemory(0, column.Count), _definition.AsMemory(0, n), null, default);
        }
        group.CompleteValidate();
    }

    /// <summary>One signal's values in the current row group: packed, with the rows they belong to.</summary>
    private sealed class SignalColumn(DataField<double> field)
    {
        public DataField<double> Field { get; } = field;
        public double[] Values { get; private set; } = new double[256];
        public int[] Rows { get; private set; } = new int[256];
        public int Count { get; set; }

        public void Add(int row, double value)
        {
            if (Count == Values.Length)
            {
                // Grows to the busiest row group seen, then stays: later groups reuse it.
                var values = Values;
                var rows = Rows;
                Array.Resize(ref values, values.Length * 2);
                Array.Resize(ref rows, rows.Length * 2);
                Values = values;
                Rows = rows;
            }
            Values[Count] = value;
            Rows[Count] = row;
            Count++;
        }
    }
}
