using Parquet;

namespace EdgeAI.Can.Logs.Parquet;

/// <summary>Choices shared by the raw and the decoded Parquet export.</summary>
internal static class ParquetExport
{
    /// <summary>Zstd: read by DuckDB, Spark, Trino, pyarrow and polars; see docs/log-formats.md for the sizes measured.</summary>
    public const CompressionMethod Compression = CompressionMethod.Zstd;

    /// <summary>A frame time as the UTC <see cref="DateTime"/> Parquet.Net writes as TIMESTAMP(MICROS); the
    /// sub-microsecond rest lives in the t_ns column.</summary>
    public static DateTime ToDateTime(long timestampNs) =>
        new(DateTime.UnixEpoch.Ticks + timestampNs / TimeSpan.NanosecondsPerTick, DateTimeKind.Utc);
}
