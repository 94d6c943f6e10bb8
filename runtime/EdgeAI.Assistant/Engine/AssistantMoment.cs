using EdgeAI.Assistant.Trip;
using EdgeAI.Fusion.Context;
using EdgeAI.Services.TrafficLights;

namespace EdgeAI.Assistant.Engine;

/// <summary>
/// What the triggers see at one tick: the clock, the vehicle context, the trip and the traffic light ahead. One object,
/// refreshed in place by the drive at every tick. Triggers read values only through <see cref="TryNumber"/> and
/// <see cref="TryFlag"/>, which refuse anything stale, implausible, unprotected or never seen, so a bad input never
/// triggers anything.
/// </summary>
public sealed class AssistantMoment(IContextReader context)
{
    /// <summary>The drive's clock (ns since the Unix epoch).</summary>
    public long NowNs { get; set; }

    /// <summary>Seconds since the drive started.</summary>
    public double DriveSeconds { get; set; }

    /// <summary>The local wall-clock time of <see cref="NowNs"/> in the region's time zone.</summary>
    public DateTime LocalTime { get; set; }

    /// <summary>The vehicle context.</summary>
    public IContextReader Context { get; } = context;

    /// <summary>The trip (destination, plan, accepted stops), or null when no destination is set.</summary>
    public TripState? Trip { get; set; }

    /// <summary>The traffic light ahead with its advice, or null when none is known.</summary>
    public TrafficLightAdvice? Light { get; set; }

    /// <summary>The value of a number key, only when it is valid (fresh, plausible, protected).</summary>
    public bool TryNumber(string key, out double value)
    {
        var reading = Context.Read(key, NowNs);
        value = reading.Value;
        return reading.IsValid && double.IsFinite(value);
    }

    /// <summary>The value of a flag key, only when it is valid.</summary>
    public bool TryFlag(string key, out bool value)
    {
        var reading = Context.Read(key, NowNs);
        value = reading.IsSet;
        return reading.IsValid;
    }

    /// <summary>The label of an enum key's valid value, or null.</summary>
    public string? Label(string key) => Context.Label(key, NowNs);

    /// <summary>True when the speed is valid and above <paramref name="kmh"/>.</summary>
    public bool MovingFasterThan(double kmh) => TryNumber(ContextKeys.Speed, out double speed) && speed > kmh;
}
