using System.Runtime.CompilerServices;
using EdgeAI.Sensors;

namespace EdgeAI.Drivers.Sensors.Nmea;

/// <summary>
/// GPS fixes from an NMEA 0183 text file (<c>.nmea</c>, or a gpsd test log: <c>#</c> lines are comments), read as fast as
/// the consumer takes them; <c>ScriptedGpsSource.FromNmeaFile</c> in EdgeAI.Drivers.Simulated paces them on a clock.
/// Bad sentences are counted and skipped; a file in which no line is an NMEA sentence is bad input.
/// </summary>
public sealed class NmeaFileGpsSource : IGpsSource
{
    private readonly NmeaFixAssembler _assembler;
    private NmeaStreamReader? _reader;

    /// <summary>Reads <paramref name="path"/>; <paramref name="time"/> stamps fixes of files without dates.</summary>
    public NmeaFileGpsSource(string path, TimeProvider? time = null)
    {
        Name = path;
        _assembler = new NmeaFixAssembler(time);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public long SentencesRead => _assembler.SentencesRead;

    /// <inheritdoc />
    public long SentencesSkipped => _assembler.SentencesSkipped;

    /// <summary>The last skipped line as one line of text (<c>file:line: expected ...</c>), null when none was skipped.</summary>
    public string? LastSkipReason => _reader is { LastSkippedLine: > 0 } r ? $"{Name}:{r.LastSkippedLine}: {_assembler.LastSkip.Describe()}" : null;

    /// <inheritdoc />
    /// <exception cref="FileNotFoundException">the file does not exist.</exception>
    /// <exception cref="InvalidDataException">no line of the file is an NMEA sentence (the message names the file, its
    /// first line and what was expected).</exception>
    public async IAsyncEnumerable<GpsFix> ReadFixesAsync([EnumeratorCancellation] CancellationToken cancellation = default)
    {
        if (!File.Exists(Name)) throw new FileNotFoundException($"{Name}: GPS file not found", Name);
        _reader = new NmeaStreamReader(_assembler);
        var stream = new FileStream(Name, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var fix in _reader.ReadAsync(stream, flushAtEnd: true, cancellation).ConfigureAwait(false))
                yield return fix;
        }
        if (!_reader.SawValidSentence && _reader.LastSkippedLine > 0)
            throw new InvalidDataException($"{Name}:{_reader.FirstSkippedLine}: {_reader.FirstSkip.Describe()}");
    }

    /// <inheritdoc />
    public void Dispose() { }
}
