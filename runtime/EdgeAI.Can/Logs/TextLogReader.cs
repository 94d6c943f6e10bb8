using System.Text;
using EdgeAI.Can.Text;

namespace EdgeAI.Can.Logs;

/// <summary>
/// The line loop every text log reader shares: blank lines pass, header lines pass, records that are not CAN
/// frames are counted, and a malformed CAN record is skipped and counted or reported as <c>file:line: expected ...</c>.
/// A format only says what one trimmed line is.
/// </summary>
public abstract class TextLogReader : ICanLogReader
{
    private readonly Utf8LineReader _lines;

    private protected TextLogReader(Stream stream, string name, CanLogReadOptions options)
    {
        _lines = new Utf8LineReader(stream);
        Name = name;
        Options = options;
    }

    /// <summary>The file name errors mention.</summary>
    protected string Name { get; }

    /// <summary>How to read.</summary>
    protected CanLogReadOptions Options { get; }

    /// <inheritdoc/>
    public CanChannelTable Channels { get; } = new();
    /// <inheritdoc/>
    public long SkippedRecords { get; private set; }
    /// <inheritdoc/>
    public long BadRecords { get; private set; }
    /// <inheritdoc/>
    public long Position => _lines.Position;
    /// <inheritdoc/>
    public IReadOnlyList<string> Warnings => _warnings;

    private readonly List<string> _warnings = [];

    /// <inheritdoc/>
    public bool TryRead(out CanFrame frame)
    {
        while (_lines.TryReadLine(out var raw))
        {
            var line = Utf8Fields.Trim(raw);
            if (line.IsEmpty)
            {
                // Spaces after the last newline and no newline after them: the start of a line the file was cut in
                // (TRC indents its lines), not a blank line.
                if (_lines.LastLineUnterminated && !raw.IsEmpty) CutLine(raw);
                continue;
            }
            var record = ParseLine(line, out frame, out string expected);
            if (_lines.LastLineUnterminated && record is TextRecord.Frame or TextRecord.Bad)
            {
                CutLine(line);
                if (record == TextRecord.Bad) continue; // what is left of a frame line the file was cut in: the warning says so
            }
            switch (record)
            {
                case TextRecord.Frame: return true;
                case TextRecord.Header: continue;
                case TextRecord.NotCan: SkippedRecords++; continue;
            }
            if (Options.SkipBad) { BadRecords++; continue; }
            throw new CanLogFormatException(Name, _lines.LineNumber, expected, Encoding.UTF8.GetString(line));
        }
        frame = default;
        return false;
    }

    /// <summary>A frame line the file ends inside: read as it is, but the frame may be cut short.</summary>
    private void CutLine(ReadOnlySpan<byte> line)
    {
        if (Options.Strict)
            throw new CanLogFormatException(Name, _lines.LineNumber, "a newline at the end of the last line (the file may be cut; drop --strict to read it as it is)",
                Encoding.UTF8.GetString(line));
        _warnings.Add($"{Name}: ends inside line {_lines.LineNumber} (the file may be cut)");
    }

    /// <summary>What one non-blank, trimmed line is; for <see cref="TextRecord.Bad"/>, <paramref name="expected"/> says what should have been there.</summary>
    private protected abstract TextRecord ParseLine(ReadOnlySpan<byte> line, out CanFrame frame, out string expected);

    /// <inheritdoc/>
    public void Dispose() => _lines.Dispose();
}
