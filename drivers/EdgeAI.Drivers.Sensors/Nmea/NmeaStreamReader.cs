using System.Buffers;
using System.Runtime.CompilerServices;
using EdgeAI.Sensors;

namespace EdgeAI.Drivers.Sensors.Nmea;

/// <summary>Splits a byte stream (file or serial port) into lines and feeds them to an <see cref="NmeaFixAssembler"/>.
/// One pooled buffer, returned in one place; fixes of a chunk are collected in a reused array, so steady-state reading
/// allocates nothing per sentence.</summary>
internal sealed class NmeaStreamReader(NmeaFixAssembler assembler)
{
    private const int BufferSize = 4096;

    /// <summary>Lines read, including comments and blank lines (for error messages).</summary>
    public long LineNumber { get; private set; }

    /// <summary>The line number of the last skipped line, 0 when none was skipped.</summary>
    public long LastSkippedLine { get; private set; }

    /// <summary>The line number of the first skipped line, 0 when none was skipped.</summary>
    public long FirstSkippedLine { get; private set; }

    /// <summary>Why the first skipped line was skipped.</summary>
    public NmeaSkip FirstSkip { get; private set; }

    /// <summary>True once a line passed as a valid sentence.</summary>
    public bool SawValidSentence { get; private set; }

    /// <summary>Reads <paramref name="stream"/> to its end; gpsd-style <c>#</c> comment lines and blank lines are passed over.</summary>
    public async IAsyncEnumerable<GpsFix> ReadAsync(Stream stream, bool flushAtEnd, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var fixes = new GpsFix[16];
        try
        {
            var filled = 0;
            var discarding = false;
            while (true)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellation).ConfigureAwait(false);
                if (read == 0) break;
                filled += read;
                var count = ProcessLines(buffer, ref filled, ref discarding, ref fixes, final: false);
                for (var i = 0; i < count; i++)
                    yield return fixes[i];
            }
            var last = filled > 0 && !discarding ? ProcessLines(buffer, ref filled, ref discarding, ref fixes, final: true) : 0;
            for (var i = 0; i < last; i++)
                yield return fixes[i];
            if (flushAtEnd && assembler.TryFlush(out var tail))
                yield return tail;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Skipped()
    {
        LastSkippedLine = LineNumber;
        if (FirstSkippedLine != 0) return;
        FirstSkippedLine = LineNumber;
        FirstSkip = assembler.LastSkip;
    }

    // Feeds every complete line in buffer[..filled] and moves the remainder to the front; returns fixes completed.
    private int ProcessLines(byte[] buffer, ref int filled, ref bool discarding, ref GpsFix[] fixes, bool final)
    {
        var count = 0;
        var start = 0;
        var data = buffer.AsSpan(0, filled);
        while (start < filled)
        {
            var nl = data[start..].IndexOf((byte)'\n');
            if (nl < 0 && !final) break;
            var line = nl < 0 ? data[start..] : data.Slice(start, nl);
            start = nl < 0 ? filled : start + nl + 1;
            if (discarding)
            {
                discarding = false; // the tail of an over-long line, already counted
                continue;
            }
            LineNumber++;
            if (line.Length > 0 && line[0] == (byte)'#') continue;
            if (assembler.Accept(line, out var fix, out var error))
            {
                if (count == fixes.Length) Array.Resize(ref fixes, count * 2);
                fixes[count++] = fix;
            }
            if (error != NmeaError.None) Skipped();
            else if (line.TrimEnd("\r\n \t"u8).Length > 0) SawValidSentence = true;
        }
        if (start < filled)
        {
            data[start..].CopyTo(buffer);
            filled -= start;
        }
        else filled = 0;
        if (filled == buffer.Length)
        {
            // no newline in a whole buffer: not NMEA; count it once and drop up to the next newline
            LineNumber++;
            assembler.Accept(buffer.AsSpan(0, filled), out _, out _);
            Skipped();
            filled = 0;
            discarding = true;
        }
        return count;
    }
}
