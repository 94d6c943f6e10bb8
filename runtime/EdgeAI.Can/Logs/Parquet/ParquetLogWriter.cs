using Parquet;

namespace EdgeAI.Can.Logs.Parquet;

/// <summary>
/// Writes frames as rows of a Parquet file (see <see cref="FrameColumns"/> for the columns) in row groups of a
/// fixed number of rows, filling the same column buffers for every group, so memory stays constant however long
/// the drive. Parquet holds everything a <see cref="CanFrame"/> carries, so nothing is ever lost.
/// </summary>
internal sealed class ParquetLogWriter : ICanLogWriter
{
    /// <summary>Rows per row group: large enough for good compression, small enough to keep ~10 MB of buffers.</summary>
    public const int DefaultRowGroupRows = 1 << 16;

    private static readonly ReadOnlyMemory<char> Rx = "rx".AsMemory();
    private static readonly ReadOnlyMemory<char> Tx = "tx".AsMemory();

    private readonly FrameColumns _columns = new();
    private readonly ParquetWriter _writer;
    private readonly int _capacity;
    private readonly DateTime[] _time;
    private readonly long[] _timeNs;
    private readonly ReadOnlyMemory<char>[] _channel;
    private readonly int[] _id;
    private readonly bool[] _extended, _remote, _error, _fd, _brs, _esi;
    private readonly ReadOnlyMemory<char>?[] _direction;
    private readonly int[] _dlc;
    private readonly ReadOnlyMemory<byte>[] _data;
    private readonly byte[] _bytes;
    private int _rows;
    private int _byteCount;
    private bool _completed;

    /// <summary>Starts a file on a seekable stream (which it does not dispose); <paramref name="name"/> appears in errors.</summary>
    public ParquetLogWriter(Stream stream, string name, CanLogWriteOptions options, int rowGroupRows = DefaultRowGroupRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupRows, 1);
        Name = name;
        Channels = options.Channels ?? new CanChannelTable();
        _capacity = rowGroupRows;
        _time = new DateTime[rowGroupRows];
        _timeNs = new long[rowGroupRows];
        _channel = new ReadOnlyMemory<char>[rowGroupRows];
        _id = new int[rowGroupRows];
        _extended = new bool[rowGroupRows];
        _remote = new bool[rowGroupRows];
        _error = new bool[rowGroupRows];
        _fd = new bool[rowGroupRows];
        _brs = new bool[rowGroupRows];
        _esi = new bool[rowGroupRows];
        _direction = new ReadOnlyMemory<char>?[rowGroupRows];
        _dlc = new int[rowGroupRows];
        _data = new ReadOnlyMemory<byte>[rowGroupRows];
        _bytes = new byte[rowGroupRows * CanFrame.MaxFdLength];
        _writer = ParquetWriter.CreateAsync(_columns.Schema, stream, FrameColumns.WriteOptions(ParquetExport.Compression)).GetAwaiter().GetResult();
        _writer.CustomMetadata = new Dictionary<string, string> { [FrameColumns.FormatKey] = FrameColumns.FormatValue };
    }

    /// <summary>The output's name, for errors.</summary>
    public string Name { get; }

    public CanChannelTable Channels { get; }

    public IReadOnlyDictionary<string, long> Losses { get; } = new Dictionary<string, long>();

    /// <summary>Row groups written so far.</summary>
    public int RowGroups { get; private set; }

    public void Write(in CanFrame frame)
    {
        if (_completed) throw new InvalidOperationException("the file is complete");
        int row = _rows;
        long ns = frame.TimestampNs;
        _time[row] = ParquetExport.ToDateTime(ns);
        _timeNs[row] = ns;
        _channel[row] = Channels.NameOf(frame.Channel).AsMemory();
        _id[row] = (int)frame.Id;
        var flags = frame.Flags;
        _extended[row] = (flags & CanFlags.Extended) != 0;
        _remote[row] = (flags & CanFlags.Remote) != 0;
        _error[row] = (flags & CanFlags.Error) != 0;
        _fd[row] = (flags & CanFlags.Fd) != 0;
        _brs[row] = (flags & CanFlags.Brs) != 0;
        _esi[row] = (flags & CanFlags.Esi) != 0;
        _direction[row] = (flags & CanFlags.Tx) != 0 ? Tx : (flags & CanFlags.Rx) != 0 ? Rx : (ReadOnlyMemory<char>?)null;
        _dlc[row] = frame.Dlc;
        var data = frame.Data;
        data.CopyTo(_bytes.AsSpan(_byteCount));
        _data[row] = new ReadOnlyMemory<byte>(_bytes, _byteCount, data.Length);
        _byteCount += data.Length;
        if (++_rows == _capacity) FlushRowGroup();
    }

    public void Complete()
    {
        if (_completed) throw new InvalidOperationException("already complete");
        if (_rows > 0) FlushRowGroup();
        _completed = true;
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult(); // writes the footer
    }

    /// <summary>Nothing to release: an unfinished file has no footer and its stream's owner deletes it.</summary>
    public void Dispose() => _completed = true;

    private void FlushRowGroup()
    {
        FlushRowGroupAsync().GetAwaiter().GetResult();
        _rows = 0;
        _byteCount = 0;
        RowGroups++;
    }

    private async Task FlushRowGroupAsync()
    {
        int n = _rows;
        var c = _columns;
        using var group = _writer.CreateRowGroup();
        await group.WriteAsync<DateTime>(c.Time, _time.AsMemory(0, n));
        await group.WriteAsync<long>(c.TimeNs, _timeNs.AsMemory(0, n));
        await group.WriteAsync<ReadOnlyMemory<char>>(c.Channel, _channel.AsMemory(0, n));
        await group.WriteAsync<int>(c.Id, _id.AsMemory(0, n));
        await group.WriteAsync<bool>(c.Extended, _extended.AsMemory(0, n));
        await group.WriteAsync<bool>(c.Remote, _remote.AsMemory(0, n));
        await group.WriteAsync<bool>(c.Error, _error.AsMemory(0, n));
        await group.WriteAsync<bool>(c.Fd, _fd.AsMemory(0, n));
        await group.WriteAsync<bool>(c.Brs, _brs.AsMemory(0, n));
        await group.WriteAsync<bool>(c.Esi, _esi.AsMemory(0, n));
        await group.WriteAsync<ReadOnlyMemory<char>>(c.Direction, new ReadOnlyMemory<ReadOnlyMemory<char>?>(_direction, 0, n));
        await group.WriteAsync<int>(c.Dlc, _dlc.AsMemory(0, n));
        await group.WriteAsync<ReadOnlyMemory<byte>>(c.Data, _data.AsMemory(0, n));
        group.CompleteValidate();
    }
}
