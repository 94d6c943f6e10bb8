using EdgeAI.Sensors;

namespace EdgeAI.Drivers.Simulated;

/// <summary>
/// A cabin climate sensor that follows a script: <see cref="Read"/> returns the last entry whose timestamp is not after
/// the clock's now (the first entry before that), stamped with now. Script timestamps are ns since the Unix epoch on
/// the same <see cref="TimeProvider"/> (a virtual clock in tests, demo and HIL).
/// </summary>
public sealed class ScriptedCabinClimateSensor : ICabinClimateSensor
{
    private readonly IReadOnlyList<CabinClimateReading> _script;
    private readonly TimeProvider _time;

    /// <summary>Follows <paramref name="script"/> (ordered by timestamp, at least one entry) on <paramref name="time"/>.</summary>
    public ScriptedCabinClimateSensor(IReadOnlyList<CabinClimateReading> script, TimeProvider time, string name = "sim")
    {
        if (script.Count == 0) throw new ArgumentException("the climate script needs at least one reading", nameof(script));
        for (var i = 1; i < script.Count; i++)
            if (script[i].TimestampNs < script[i - 1].TimestampNs)
                throw new ArgumentException($"climate script entry {i} is earlier than entry {i - 1}: expected timestamps in order", nameof(script));
        _script = script;
        _time = time;
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Readings taken so far.</summary>
    public long ReadCount { get; private set; }

    /// <inheritdoc />
    public CabinClimateReading Read()
    {
        var now = (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        var at = 0;
        while (at + 1 < _script.Count && _script[at + 1].TimestampNs <= now) at++;
        ReadCount++;
        return _script[at] with { TimestampNs = now };
    }

    /// <inheritdoc />
    public void Dispose() { }
}
