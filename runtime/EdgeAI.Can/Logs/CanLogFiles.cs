using System.IO.Compression;
using EdgeAI.Can.Logs.Asc;
using EdgeAI.Can.Logs.Blf;
using EdgeAI.Can.Logs.Candump;
using EdgeAI.Can.Logs.Csv;
using EdgeAI.Can.Logs.Parquet;
using EdgeAI.Can.Logs.Trc;

namespace EdgeAI.Can.Logs;

/// <summary>Opens log files by extension (<c>.log .asc .blf .trc .csv</c>, each optionally <c>.gz</c>, and <c>.parquet</c>).</summary>
public static class CanLogFiles
{
    /// <summary>Extensions of the record-by-record log formats, in <see cref="CanLogFormat"/> order
    /// (<c>.parquet</c>, the columnar export, is known too but not listed: peers such as python-can do not read it).</summary>
    public static IReadOnlyList<string> Extensions => ExtensionList;

    private static readonly string[] ExtensionList = [".log", ".asc", ".blf", ".trc", ".csv"];

    private const string ParquetExtension = ".parquet";

    /// <summary>The format a path names by its extension (a trailing <c>.gz</c> is looked through, except for
    /// <c>.parquet</c>, which compresses its columns itself).</summary>
    public static bool TryGetFormat(string path, out CanLogFormat format)
    {
        if (path.EndsWith(ParquetExtension, StringComparison.OrdinalIgnoreCase))
        {
            format = CanLogFormat.Parquet;
            return true;
        }
        string name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        string ext = System.IO.Path.GetExtension(name).ToLowerInvariant();
        int index = Array.IndexOf(ExtensionList, ext);
        format = (CanLogFormat)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>The format of <paramref name="path"/>, or an error that lists the extensions known.</summary>
    /// <exception cref="CanLogFormatException">the extension is not a known log format.</exception>
    public static CanLogFormat GetFormat(string path)
    {
        if (TryGetFormat(path, out var format)) return format;
        string expected = path.EndsWith(ParquetExtension + ".gz", StringComparison.OrdinalIgnoreCase)
            ? "a .parquet file without .gz (Parquet compresses its columns itself)"
            : "a log file ending in .log, .asc, .blf, .trc or .csv (optionally .gz), or .parquet";
        throw new CanLogFormatException(path, 0, expected, System.IO.Path.GetFileName(path));
    }

    /// <summary>Opens a reader for <paramref name="path"/>.</summary>
    public static ICanLogReader OpenReader(string path, CanLogReadOptions? options = null) => OpenReader(path, options, out _);

    /// <summary>Opens a reader for <paramref name="path"/> and gives the underlying file too (its position shows
    /// progress through a compressed log, where the reader's own position counts uncompressed bytes).</summary>
    public static ICanLogReader OpenReader(string path, CanLogReadOptions? options, out FileStream file)
    {
        var format = GetFormat(path);
        file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (format == CanLogFormat.Parquet) return OpenReader(file, format, path, options);
        options ??= CanLogReadOptions.Default;
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) return OpenReader(file, format, path, options);
        var gzip = new GzipLogStream(file, path);
        return new GzipLogReader(OpenReader(gzip, format, path, options), gzip, path, options);
    }

    /// <summary>Opens a reader over a stream (which it disposes; seekable for Parquet); <paramref name="name"/> appears in errors.</summary>
    public static ICanLogReader OpenReader(Stream stream, CanLogFormat format, string name, CanLogReadOptions? options = null)
    {
        options ??= CanLogReadOptions.Default;
        return format switch
        {
            CanLogFormat.Candump => new CandumpLogReader(stream, name, options),
            CanLogFormat.Asc => new AscLogReader(stream, name, options),
            CanLogFormat.Trc => new TrcLogReader(stream, name, options),
            CanLogFormat.Csv => new CsvLogReader(stream, name, options),
            CanLogFormat.Blf => new BlfLogReader(stream, name, options),
            CanLogFormat.Parquet => new ParquetLogReader(stream, name, options),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a log format"),
        };
    }

    /// <summary>Creates a writer whose output appears at <paramref name="path"/> only on <see cref="ICanLogWriter.Complete"/>.</summary>
    public static ICanLogWriter CreateWriter(string path, CanLogWriteOptions? options = null)
    {
        var format = GetFormat(path);
        var file = new AtomicFile(path);
        try
        {
            return new AtomicLogWriter(CreateWriter(file.Stream, format, path, options), file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Creates a writer over a seekable stream (which it does not dispose); <paramref name="name"/> appears in errors.</summary>
    public static ICanLogWriter CreateWriter(Stream stream, CanLogFormat format, string name, CanLogWriteOptions? options = null)
    {
        options ??= CanLogWriteOptions.Default;
        return format switch
        {
            CanLogFormat.Candump => new CandumpLogWriter(stream, name, options),
            CanLogFormat.Asc => new AscLogWriter(stream, name, options),
            CanLogFormat.Trc => new TrcLogWriter(stream, name, options),
            CanLogFormat.Csv => new CsvLogWriter(stream, name, options),
            CanLogFormat.Blf => new BlfLogWriter(stream, name, options),
            CanLogFormat.Parquet => new ParquetLogWriter(stream, name, options),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a log format"),
        };
    }
}
