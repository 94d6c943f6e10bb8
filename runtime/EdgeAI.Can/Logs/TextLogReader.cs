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
    private readonly List<string> _warnings = [];

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

    public CanChannelTable Channels { get; } = new();
    public long SkippedRecords { get; private set; }
    public long BadRecords { get; private set; }
    public long Position => _lines.Position;

    public IReadOnlyList<string> Warnings => _warnings;

    public bool TryRead(out CanFrame frame)
    {
        while (_lines.TryReadLine(out var raw))
        {
            var line = Utf8Fields.Trim(raw);
            if (line.IsEmpty) continue;
            var record = ParseLine(line, out frame, out string expected);
            if (_lines.EndedInsideLine && record != TextRecord.Bad) EndedInsideLine();
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

    // A frame line without its line end is what a logger that lost power leaves: its data may be cut short.
    private void EndedInsideLine()
    {
        string problem = $"{Name}:{_lines.LineNumber}: the file ends inside this line (no line end): the log may be cut, and its last line incomplete";
        if (Options.Strict) throw new CanLogFormatException(Name, _lines.LineNumber, "a line end after the last frame (--strict)", "the end of the file");
        _warnings.Add(problem);
    }

    /// <summary>What one non-blank, trimmed line is; for <see cref="TextRecord.Bad"/>, <paramref name="expected"/> says what should have been there.</summary>
    private protected abstract TextRecord ParseLine(ReadOnlySpan<byte> line, out CanFrame frame, out string expected);

    public void Dispose() => _lines.Dispose();
}
