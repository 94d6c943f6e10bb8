using Parquet;
using Parquet.Schema;

namespace EdgeAI.Can.Logs.Parquet;

/// <summary>
/// What the two Parquet exports share: rows are buffered into fixed-size column arrays and written one row group
/// at a time (memory stays flat however long the drive), into an <see cref="AtomicFile"/> that only
/// <see cref="Complete"/> moves into place.
/// </summary>
public abstract class ParquetTableWriter : ICanLogWriter
{
    /// <summary>Rows per row group: large enough for good compression, small enough to keep memory flat.</summary>
    public const int RowGroupRows = 65_536;

    private readonly AtomicFile _file;
    private readonly ParquetWriter _writer;
    private readonly Dictionary<string, long> _losses = [];
    private bool _completed;

    /// <summary>Opens <paramref name="path"/> for a table of <paramref name="schema"/>.</summary>
    protected ParquetTableWriter(string path, ParquetSchema schema, CanChannelTable? channels)
    {
        Channels = channels ?? new CanChannelTable();
        _file = new AtomicFile(path);
        try
        {
            // Zstd at the fast level: smaller than Snappy, and Spark, DuckDB and Trino all read it.
            var options = new ParquetOptions { CompressionMethod = CompressionMethod.Zstd, CompressionLevel = System.IO.Compression.CompressionLevel.Fastest };
            _writer = ParquetWriter.CreateAsync(schema, _file.Stream, options).GetAwaiter().GetResult();
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public CanChannelTable Channels { get; }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, long> Losses => _losses;

    /// <summary>Rows written so far (all row groups, including the one being filled).</summary>
    public long Rows { get; private set; }

    /// <summary>Rows waiting in the current row group.</summary>
    protected int Pending { get; private set; }

    /// <inheritdoc/>
    public void Write(in CanFrame frame)
    {
        if (!TryBuffer(in frame, Pending)) return;
        Pending++;
        Rows++;
        if (Pending == RowGroupRows) FlushRowGroup();
    }

    /// <inheritdoc/>
    public void Complete()
    {
        if (_completed) throw new InvalidOperationException("already completed");
        if (Pending > 0) FlushRowGroup();
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _file.Commit();
        _completed = true;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_completed) _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _file.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Counts a frame that has no row (e.g. an id the DBC does not describe).</summary>
    protected void Lose(string what) => _losses[what] = _losses.GetValueOrDefault(what) + 1;

    /// <summary>Copies the frame into row <paramref name="row"/> of the column buffers; false when it gets no row.</summary>
    protected abstract bool TryBuffer(in CanFrame frame, int row);

    /// <summary>Writes the first <paramref name="rows"/> rows of every column, in schema order.</summary>
    protected abstract Task WriteColumnsAsync(ParquetRowGroupWriter group, int rows);

    /// <summary>UTC time of a frame, to the microsecond (the column's unit).</summary>
    protected static DateTime UtcTime(long timestampNs) => DateTime.UnixEpoch.AddTicks(timestampNs / 100 - (timestampNs / 100) % 10);

    private void FlushRowGroup()
    {
        using (var group = _writer.CreateRowGroup())
            WriteColumnsAsync(group, Pending).GetAwaiter().GetResult();
        Pending = 0;
    }
}
