using System.Runtime.CompilerServices;
using EdgeAI.Drivers.Sensors.Nmea;
using EdgeAI.Sensors;

namespace EdgeAI.Drivers.Simulated;

/// <summary>
/// A GPS that replays a list of fixes on a clock: the first at once, each next one after the time between their
/// timestamps, waited on the <see cref="TimeProvider"/> (a virtual clock in tests, demo and HIL). The fixes keep
/// their recorded timestamps.
/// </summary>
public sealed class ScriptedGpsSource : IGpsSource
{
    private readonly IReadOnlyList<GpsFix> _fixes;
    private readonly TimeProvider _time;
    private readonly long _skipped;
    private long _read;

    /// <summary>Replays <paramref name="fixes"/> on <paramref name="time"/>.</summary>
    public ScriptedGpsSource(IReadOnlyList<GpsFix> fixes, TimeProvider time, string name = "sim")
        : this(fixes, time, name, skipped: 0) { }

    private ScriptedGpsSource(IReadOnlyList<GpsFix> fixes, TimeProvider time, string name, long skipped)
    {
        _fixes = fixes;
        _time = time;
        _skipped = skipped;
        Name = name;
    }

    /// <summary>Replays the fixes of an NMEA file (parsed with the real <see cref="NmeaFileGpsSource"/>; its skipped
    /// sentences are reported in <see cref="SentencesSkipped"/>).</summary>
    /// <exception cref="FileNotFoundException">the file does not exist.</exception>
    /// <exception cref="InvalidDataException">no line of it is an NMEA sentence.</exception>
    public static ScriptedGpsSource FromNmeaFile(string path, TimeProvider time)
    {
        using var file = new NmeaFileGpsSource(path, time);
        var fixes = new List<GpsFix>();
        foreach (var fix in file.ReadFixesAsync().ToBlockingEnumerable())
            fixes.Add(fix);
        return new ScriptedGpsSource(fixes, time, path, file.SentencesSkipped);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Fixes delivered so far.</summary>
    public long SentencesRead => Interlocked.Read(ref _read);

    /// <inheritdoc />
    public long SentencesSkipped => _skipped;

    /// <summary>The whole script.</summary>
    public IReadOnlyList<GpsFix> Fixes => _fixes;

    /// <inheritdoc />
    public async IAsyncEnumerable<GpsFix> ReadFixesAsync([EnumeratorCancellation] CancellationToken cancellation = default)
    {
        for (var i = 0; i < _fixes.Count; i++)
        {
            if (i > 0)
            {
                var gapNs = _fixes[i].TimestampNs - _fixes[i - 1].TimestampNs;
                if (gapNs > 0) await Task.Delay(TimeSpan.FromTicks(gapNs / 100), _time, cancellation).ConfigureAwait(false);
            }
            Interlocked.Increment(ref _read);
            yield return _fixes[i];
        }
    }

    /// <inheritdoc />
    public void Dispose() { }
}
