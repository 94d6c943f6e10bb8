using System.Buffers;

namespace EdgeAI.Can.Text;

/// <summary>
/// Reads a stream line by line as UTF-8 bytes without allocating per line: each line is a span
/// into a pooled buffer, valid until the next call. Lines end at LF; a CR before it is dropped.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    /// <summary>Longest line accepted; a longer one is a format error, not an out-of-memory.</summary>
    public const int MaxLineLength = 1 << 20;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;

    public Utf8LineReader(Stream stream, int bufferSize = 1 << 16)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Bytes consumed up to the end of the line last returned.</summary>
    public long Position { get; private set; }

    /// <summary>The last line returned had no line end: the stream ended inside it (usually a cut file).</summary>
    public bool EndedInsideLine { get; private set; }

    /// <summary>Next line without its line ending; false at the end of the stream.</summary>
    /// <exception cref="InvalidDataException">a line longer than <see cref="MaxLineLength"/>.</exception>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = Trim(_buffer.AsSpan(_start, newline));
                _start += newline + 1;
                Position += newline + 1;
                LineNumber++;
                return true;
            }
            if (_eof)
            {
                if (_start == _end) { line = default; return false; }
                line = Trim(_buffer.AsSpan(_start, _end - _start));
                Position += _end - _start;
                _start = _end;
                LineNumber++;
                EndedInsideLine = true;
                return true;
            }
            Fill();
        }
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxLineLength)
                throw new InvalidDataException($"line {LineNumber + 1} is longer than {MaxLineLength} bytes");
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _eof = true;
        _end += read;
    }

    public void Dispose()
    {
        _stream.Dispose();
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
