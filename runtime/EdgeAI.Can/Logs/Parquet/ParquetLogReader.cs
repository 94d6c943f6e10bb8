using Parquet;
using Parquet.Schema;

namespace EdgeAI.Can.Logs.Parquet;

/// <summary>
/// Reads frames back from a raw Parquet export (see <see cref="FrameColumns"/>), one row group at a time. Files
/// other engines wrote work too (e.g. a DuckDB <c>COPY (SELECT ... ) TO 'x.parquet'</c>): columns are found by name,
/// may be nullable, and all but a time (<c>t_ns</c> or <c>t</c>), <c>id</c> and <c>data</c> may be missing.
/// Errors name the 1-based row in place of a line.
/// </summary>
internal sealed class ParquetLogReader : ICanLogReader
{
    private readonly string _name;
    private readonly ParquetReader _reader;
    private readonly long _fileLength;
    private readonly long _totalRows;
    private readonly DataField? _timeNs, _time, _channel, _extended, _remote, _error, _fd, _brs, _esi, _direction, _dlc;
    private readonly DataField _id, _data;
    private readonly bool _skipBad;
    private long[] _ns = [];
    private DateTime[] _dates = [];
    private ReadOnlyMemory<char>[] _channels = [];
    private int[] _ids = [];
    private bool[] _ext = [], _rtr = [], _err = [], _isFd = [], _isBrs = [], _isEsi = [];
    private ReadOnlyMemory<char>[] _directions = [];
    private int[] _dlcs = [];
    private ReadOnlyMemory<byte>[] _payloads = [];
    private bool[] _present = [], _hasDirection = [], _hasChannel = [], _hasDlc = [];
    private int[] _levels = [];
    private int _group = -1;
    private int _groupRows;
    private int _row;
    private long _rowsBefore;
    private ReadOnlyMemory<char> _lastChannel;
    private ushort _lastChannelIndex;
    private bool _hasLastChannel;

    /// <summary>Opens the file's footer; <paramref name="stream"/> must be seekable and is disposed with the reader.</summary>
    /// <exception cref="CanLogFormatException">not a Parquet file, or one without the frame columns.</exception>
    public ParquetLogReader(Stream stream, string name, CanLogReadOptions options)
    {
        _name = name;
        _skipBad = options.SkipBad;
        _fileLength = stream.Length;
        try
        {
            ThriftFooter.Check(stream);
            _reader = ParquetReader.CreateAsync(stream, leaveStreamOpen: false).GetAwaiter().GetResult();
        }
        catch (Exception e) when (IsCorruption(e))
        {
            stream.Dispose();
            throw new CanLogFormatException(name, 0, "a Parquet file (PAR1 at both ends and a valid footer)", OneLine(e), isByteOffset: true);
        }
        try
        {
            if (_reader.CustomMetadata.TryGetValue(FrameColumns.FormatKey, out string? format) && format != FrameColumns.FormatValue)
                throw new CanLogFormatException(name, 0, $"a raw frame export ({FrameColumns.FormatKey}={FrameColumns.FormatValue}; decoded exports written with --dbc cannot be read back as frames)", format, isByteOffset: true);
            var fields = _reader.Schema.DataFields;
            _timeNs = Find(fields, "t_ns", typeof(long));
            _time = Find(fields, "t", typeof(DateTime));
            _id = Find(fields, "id", typeof(int)) ?? throw Missing("id", "INT32");
            _data = Find(fields, "data", typeof(ReadOnlyMemory<byte>)) ?? throw Missing("data", "BINARY");
            if (_timeNs is null && _time is null) throw Missing("t_ns", "INT64 (or t, a TIMESTAMP)");
            _channel = Find(fields, "channel", typeof(ReadOnlyMemory<char>));
            _extended = Find(fields, "extended", typeof(bool));
            _remote = Find(fields, "remote", typeof(bool));
            _error = Find(fields, "error", typeof(bool));
            _fd = Find(fields, "fd", typeof(bool));
            _brs = Find(fields, "brs", typeof(bool));
            _esi = Find(fields, "esi", typeof(bool));
            _direction = Find(fields, "direction", typeof(ReadOnlyMemory<char>));
            _dlc = Find(fields, "dlc", typeof(int));
            for (int i = 0; i < _reader.RowGroupCount; i++) _totalRows += _reader.OpenRowGroupReader(i).RowCount;
        }
        catch (Exception e) when (IsCorruption(e))
        {
            _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw new CanLogFormatException(name, 0, "a Parquet schema and row groups that can be read", OneLine(e), isByteOffset: true);
        }
        catch
        {
            _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    public CanChannelTable Channels { get; } = new();

    public long SkippedRecords => 0;

    public long BadRecords { get; private set; }

    /// <summary>An estimate: the share of rows read times the file's size (column chunks are not read in row order).</summary>
    public long Position => _totalRows == 0 ? _fileLength : (long)((double)(_rowsBefore + _row) / _totalRows * _fileLength);

    public bool TryRead(out CanFrame frame)
    {
        while (true)
        {
            if (_row >= _groupRows)
            {
                if (!NextGroup())
                {
                    frame = default;
                    return false;
                }
                continue;
            }
            int r = _row++;
            if (TryBuild(r, out frame, out string problem, out string found)) return true;
            if (!_skipBad) throw new CanLogFormatException(_name, _rowsBefore + r + 1, problem, found);
            BadRecords++;
        }
    }

    public void Dispose() => _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private bool TryBuild(int r, out CanFrame frame, out string problem, out string found)
    {
        frame = default;
        found = "";
        var flags = CanFlags.None;
        if (_ext[r]) flags |= CanFlags.Extended;
        if (_rtr[r]) flags |= CanFlags.Remote;
        if (_err[r]) flags |= CanFlags.Error;
        if (_isFd[r]) flags |= CanFlags.Fd;
        if (_isBrs[r]) flags |= CanFlags.Brs;
        if (_isEsi[r]) flags |= CanFlags.Esi;
        if (_hasDirection[r])
        {
            var direction = _directions[r].Span;
            if (direction.SequenceEqual("rx")) flags |= CanFlags.Rx;
            else if (direction.SequenceEqual("tx")) flags |= CanFlags.Tx;
            else
            {
                problem = "a direction of rx, tx or null";
                found = direction.ToString();
                return false;
            }
        }
        int id = _ids[r];
        var data = _payloads[r].Span;
        int dlc = _hasDlc[r] ? _dlcs[r] : -1;
        if (id < 0 || dlc > 15)
        {
            problem = "an id of 0..1FFFFFFF and a DLC of 0..15";
            found = $"id {id}, dlc {dlc}";
            return false;
        }
        byte remoteDlc = (flags & CanFlags.Remote) != 0 && dlc >= 0 ? (byte)dlc : (byte)0;
        if (!CanFrame.TryValidate((uint)id, data.Length, flags, remoteDlc, out problem))
        {
            found = $"id {id:X}, {data.Length} bytes, {flags}";
            return false;
        }
        // A DLC that disagrees with the data would be silently rewritten by CanFrame: say so instead.
        if (dlc >= 0 && (flags & CanFlags.Remote) == 0 && dlc != CanDlc.FromLength(data.Length))
        {
            problem = "a dlc matching the data length";
            found = $"dlc {dlc} with {data.Length} bytes";
            return false;
        }
        long ns = _timeNs is not null ? _ns[r] : (_dates[r].Ticks - DateTime.UnixEpoch.Ticks) * TimeSpan.NanosecondsPerTick;
        frame = new CanFrame((uint)id, data, flags, ns, ChannelOf(r), remoteDlc);
        return true;
    }

    private ushort ChannelOf(int r)
    {
        if (!_hasChannel[r]) return Channels.GetOrAdd("can0");
        var name = _channels[r];
        if (_hasLastChannel && name.Span.SequenceEqual(_lastChannel.Span)) return _lastChannelIndex;
        _lastChannel = name;
        _lastChannelIndex = Channels.GetOrAdd(name.ToString());
        _hasLastChannel = true;
        return _lastChannelIndex;
    }

    private bool NextGroup()
    {
        _rowsBefore += _groupRows;
        _row = 0;
        _groupRows = 0;
        if (++_group >= _reader.RowGroupCount) return false;
        ParquetRowGroupReader group;
        int rows;
        try
        {
            group = _reader.OpenRowGroupReader(_group);
            rows = checked((int)group.RowCount);
            if (rows is < 0 or > MaxGroupRows) throw new InvalidDataException($"{group.RowCount} rows");
        }
        catch (Exception e) when (IsCorruption(e))
        {
            throw new CanLogFormatException(_name, _rowsBefore + 1, $"row group {_group} with a readable header and at most {MaxGroupRows} rows", OneLine(e));
        }
        Grow(rows);
        ReadGroupAsync(group, rows).AsTask().GetAwaiter().GetResult();
        _groupRows = rows;
        return true;
    }

    private async ValueTask ReadGroupAsync(ParquetRowGroupReader group, int rows)
    {
        if (_timeNs is not null) await RequiredAsync(group, _timeNs, _ns, rows);
        else await RequiredAsync(group, _time!, _dates, rows);
        await RequiredAsync(group, _id, _ids, rows);
        await RequiredAsync(group, _data, _payloads, rows);
        await OptionalAsync(group, _channel, _channels, _hasChannel, rows);
        await OptionalAsync(group, _extended, _ext, _present, rows);
        await OptionalAsync(group, _remote, _rtr, _present, rows);
        await OptionalAsync(group, _error, _err, _present, rows);
        await OptionalAsync(group, _fd, _isFd, _present, rows);
        await OptionalAsync(group, _brs, _isBrs, _present, rows);
        await OptionalAsync(group, _esi, _isEsi, _present, rows);
        await OptionalAsync(group, _direction, _directions, _hasDirection, rows);
        await OptionalAsync(group, _dlc, _dlcs, _hasDlc, rows);
    }

    /// <summary>A column every row needs: a null there is a bad record.</summary>
    private async ValueTask RequiredAsync<T>(ParquetRowGroupReader group, DataField field, T[] values, int rows) where T : struct
    {
        await OptionalAsync(group, field, values, _present, rows);
        int missing = Array.IndexOf(_present, false, 0, rows);
        if (missing >= 0) throw new CanLogFormatException(_name, _rowsBefore + missing + 1, $"a value in column {field.Name}", "null");
    }

    /// <summary>Reads a column into <paramref name="values"/> row by row; <paramref name="present"/> is false for nulls
    /// (a missing column is all nulls, which read as false / default).</summary>
    private async ValueTask OptionalAsync<T>(ParquetRowGroupReader group, DataField? field, T[] values, bool[] present, int rows) where T : struct
    {
        if (field is null || !group.ColumnExists(field))
        {
            Array.Clear(values, 0, rows);
            Array.Clear(present, 0, rows);
            return;
        }
        try
        {
            if (field.MaxDefinitionLevel == 0)
            {
                await group.ReadRawAsync(field, values.AsMemory(0, rows), null, null);
                Array.Fill(present, true, 0, rows);
                return;
            }
            await group.ReadRawAsync(field, values.AsMemory(0, rows), _levels.AsMemory(0, rows), null);
        }
        catch (Exception e) when (IsCorruption(e))
        {
            throw new CanLogFormatException(_name, _rowsBefore + 1, $"row group {_group}, column {field.Name}: pages that decompress and decode", OneLine(e));
        }
        // Values arrive packed (nulls left out): spread them to their rows from the back.
        int next = 0;
        for (int i = 0; i < rows; i++) if (_levels[i] == field.MaxDefinitionLevel) next++;
        for (int i = rows - 1; i >= 0; i--)
        {
            bool has = _levels[i] == field.MaxDefinitionLevel;
            present[i] = has;
            values[i] = has ? values[--next] : default;
        }
    }

    // Whatever Parquet.Net, its Thrift footer reader or its codecs throw on damaged bytes (ZstdException,
    // ThriftProtocolException, index and argument exceptions, ...): anything but our own report or running out of memory.
    // The largest row group read into memory at once (EdgeAI writes 65,536 rows per group): a damaged count must not allocate gigabytes.
    private const int MaxGroupRows = 1 << 24;

    private static bool IsCorruption(Exception e) => e is not (CanLogFormatException or OutOfMemoryException or OperationCanceledException);

    private static string OneLine(Exception e) => $"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}";

    private void Grow(int rows)
    {
        if (_ids.Length >= rows) return;
        _ns = new long[rows];
        _dates = new DateTime[rows];
        _channels = new ReadOnlyMemory<char>[rows];
        _ids = new int[rows];
        _ext = new bool[rows];
        _rtr = new bool[rows];
        _err = new bool[rows];
        _isFd = new bool[rows];
        _isBrs = new bool[rows];
        _isEsi = new bool[rows];
        _directions = new ReadOnlyMemory<char>[rows];
        _dlcs = new int[rows];
        _payloads = new ReadOnlyMemory<byte>[rows];
        _present = new bool[rows];
        _hasDirection = new bool[rows];
        _hasChannel = new bool[rows];
        _hasDlc = new bool[rows];
        _levels = new int[rows];
        _hasLastChannel = false;
    }

    private DataField? Find(IReadOnlyList<DataField> fields, string name, Type type)
    {
        foreach (var field in fields)
        {
            if (field.Name != name || field.Path.ToString() != name) continue;
            if (field.ClrType != type || field.IsArray)
                throw new CanLogFormatException(_name, 0, $"column {name} of type {Describe(type)}", field.ClrType.Name, isByteOffset: true);
            return field;
        }
        return null;
    }

    private CanLogFormatException Missing(string column, string type) =>
        new(_name, 0, $"a column {column} ({type}): a raw frame export as edgeai can convert writes it", "", isByteOffset: true);

    private static string Describe(Type type) =>
        type == typeof(long) ? "INT64" : type == typeof(int) ? "INT32" : type == typeof(bool) ? "BOOLEAN"
        : type == typeof(DateTime) ? "TIMESTAMP" : type == typeof(ReadOnlyMemory<char>) ? "STRING" : "BINARY";
}
