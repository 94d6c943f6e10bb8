using Parquet;
using Parquet.Schema;

namespace EdgeAI.Can.Logs.Parquet;

/// <summary>
/// The columns of a raw frame export (one row per frame) as <see cref="ParquetLogWriter"/> writes them, and the
/// format marker <see cref="ParquetLogReader"/> checks. Parquet.Net binds fields to one schema, so each writer builds its own.
/// </summary>
internal sealed class FrameColumns
{
    /// <summary>Key of the file metadata entry that marks a raw frame export.</summary>
    public const string FormatKey = "edgeai.format";

    /// <summary>The value of <see cref="FormatKey"/> for raw frames; the reader refuses other layouts by it.</summary>
    public const string FormatValue = "can-frames/1";

    public FrameColumns()
    {
        Schema = new ParquetSchema(Time, TimeNs, Channel, Id, Extended, Remote, Error, Fd, Brs, Esi, Direction, Dlc, Data);
    }

    public ParquetSchema Schema { get; }

    /// <summary>TIMESTAMP(MICROS, UTC): what SQL engines filter and bucket by.</summary>
    public DateTimeDataField Time { get; } = new("t", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false);

    /// <summary>The exact nanoseconds the microsecond timestamp rounds away.</summary>
    public DataField<long> TimeNs { get; } = new("t_ns", nullable: false);

    public DataField<string> Channel { get; } = new("channel", nullable: false);
    public DataField<int> Id { get; } = new("id", nullable: false);
    public DataField<bool> Extended { get; } = new("extended", nullable: false);
    public DataField<bool> Remote { get; } = new("remote", nullable: false);
    public DataField<bool> Error { get; } = new("error", nullable: false);
    public DataField<bool> Fd { get; } = new("fd", nullable: false);
    public DataField<bool> Brs { get; } = new("brs", nullable: false);
    public DataField<bool> Esi { get; } = new("esi", nullable: false);

    /// <summary><c>rx</c>, <c>tx</c>, or null when the source log did not say.</summary>
    public DataField<string> Direction { get; } = new("direction", nullable: true);

    public DataField<int> Dlc { get; } = new("dlc", nullable: false);
    public DataField<byte[]> Data { get; } = new("data", nullable: false);

    /// <summary>Writer options: the given compression, dictionaries for the name columns, deltas for the sorted ns times.</summary>
    public static ParquetOptions WriteOptions(CompressionMethod compression)
    {
        var options = new ParquetOptions { CompressionMethod = compression, CompressionLevel = System.IO.Compression.CompressionLevel.Fastest };
        options.ColumnEncodingHints["channel"] = EncodingHint.Dictionary;
        options.ColumnEncodingHints["direction"] = EncodingHint.Dictionary;
        options.ColumnEncodingHints["t_ns"] = EncodingHint.DeltaBinaryPacked;
        return options;
    }
}
