using EdgeAI.Can;
using EdgeAI.Can.Logs;
using EdgeAI.Can.Logs.Candump;

namespace EdgeAI.Cli.Output;

/// <summary>
/// A candump -L capture that survives the power going off: frames are formatted into memory and appended to the file
/// as whole lines only, flushed and fsynced at least every <see cref="FlushInterval"/>, so a killed capture leaves a
/// file that ends at a line boundary. Reopening truncates a partial last line (left by a crash inside a write) before
/// appending. Rotation: when the file reaches the size or age limit it is renamed to <c>name.000001.log</c> (the next
/// free number; the lowest is the oldest) and a fresh <c>name.log</c> is started.
/// </summary>
internal sealed class CaptureFile : IDisposable
{
    /// <summary>Longest time a received frame waits in memory.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(500);

    private readonly string _path;
    private readonly long? _rotateBytes;
    private readonly TimeSpan? _rotateAfter;
    private readonly TimeProvider _time;
    private readonly CanChannelTable _channels;
    private readonly MemoryStream _pending = new(1 << 16);
    private readonly CandumpLogWriter _writer;
    private FileStream _file;
    private long _lastFlush;
    private long _openedAt;

    public CaptureFile(string path, long? rotateBytes, TimeSpan? rotateAfter, TimeProvider time, CanChannelTable channels, TextWriter notices)
    {
        _path = System.IO.Path.GetFullPath(path);
        _rotateBytes = rotateBytes;
        _rotateAfter = rotateAfter;
        _time = time;
        _channels = channels;
        long cut = TruncatePartialLine(_path);
        if (cut > 0) notices.WriteLine($"edgeai: {path}: removed a partial last line ({cut} bytes) left by an interrupted capture");
        _file = OpenForAppend();
        _writer = new CandumpLogWriter(_pending, _path, new CanLogWriteOptions { Channels = channels });
        _lastFlush = _openedAt = time.GetTimestamp();
    }

    /// <summary>Frames written.</summary>
    public long Frames { get; private set; }

    /// <summary>Files rotated away so far.</summary>
    public int Rotations { get; private set; }

    /// <summary>The file being written.</summary>
    public string Path => _path;

    /// <summary>Formats one frame (nothing reaches the file until the next flush).</summary>
    public void Write(in CanFrame frame)
    {
        _writer.Write(in frame);
        Frames++;
    }

    /// <summary>Flushes when the last flush is <see cref="FlushInterval"/> old.</summary>
    public void FlushIfDue()
    {
        if (_time.GetElapsedTime(_lastFlush) >= FlushInterval) Flush();
    }

    /// <summary>Appends every whole line formatted so far, fsyncs, and rotates when a limit is reached.</summary>
    public void Flush()
    {
        _writer.Complete(); // candump's writer only flushes its line buffer here; it can go on writing afterwards
        var bytes = _pending.GetBuffer().AsSpan(0, (int)_pending.Length);
        int whole = bytes.LastIndexOf((byte)'\n') + 1;
        if (whole > 0)
        {
            _file.Write(bytes[..whole]);
            _file.Flush(flushToDisk: true);
        }
        var rest = bytes[whole..].ToArray();
        _pending.SetLength(0);
        _pending.Write(rest);
        _lastFlush = _time.GetTimestamp();
        if ((_rotateBytes is { } size && _file.Length >= size) || (_rotateAfter is { } age && _time.GetElapsedTime(_openedAt) >= age)) Rotate();
    }

    public void Dispose()
    {
        Flush();
        _writer.Dispose();
        _file.Dispose();
    }

    private void Rotate()
    {
        if (_file.Length == 0) return;
        _file.Dispose();
        File.Move(_path, NextRotatedName());
        _file = OpenForAppend();
        _openedAt = _time.GetTimestamp();
        Rotations++;
    }

    private string NextRotatedName()
    {
        string dir = System.IO.Path.GetDirectoryName(_path)!;
        string stem = System.IO.Path.GetFileNameWithoutExtension(_path), ext = System.IO.Path.GetExtension(_path);
        for (int n = 1; ; n++)
        {
            string candidate = System.IO.Path.Combine(dir, $"{stem}.{n:D6}{ext}");
            if (!File.Exists(candidate)) return candidate;
        }
    }

    private FileStream OpenForAppend() => new(_path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);

    /// <summary>Cuts the file back to its last newline; returns the bytes removed.</summary>
    private static long TruncatePartialLine(string path)
    {
        if (!File.Exists(path)) return 0;
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        long length = file.Length, end = length;
        var chunk = new byte[4096];
        while (end > 0)
        {
            int n = (int)Math.Min(chunk.Length, end);
            file.Position = end - n;
            file.ReadExactly(chunk, 0, n);
            int nl = chunk.AsSpan(0, n).LastIndexOf((byte)'\n');
            if (nl >= 0)
            {
                end = end - n + nl + 1;
                break;
            }
            end -= n;
        }
        if (end == length) return 0;
        file.SetLength(end);
        file.Flush(flushToDisk: true);
        return length - end;
    }
}
