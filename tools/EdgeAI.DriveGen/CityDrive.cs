using EdgeAI.Can;
using EdgeAI.Can.Dbc;

namespace EdgeAI.DriveGen;

/// <summary>
/// The bundled city drive: a simulated EV drive encoded with edgeai_demo.dbc at each message's cycle time,
/// with send jitter and the odd late frame. The same seed always gives the same frames, so the committed
/// log can be checked against this code.
/// </summary>
public static class CityDrive
{
    /// <summary>The seed of models/scenarios/city-drive/can.log.gz.</summary>
    public const int DefaultSeed = 2026;

    /// <summary>Recording start: 2026-05-14 07:42:10 UTC, a weekday morning.</summary>
    internal static readonly long StartNs = new DateTimeOffset(2026, 5, 14, 7, 42, 10, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    /// <summary>The drive's frames in time order, all on channel 0.</summary>
    public static IEnumerable<CanFrame> Record(DbcDatabase database, int seed = DefaultSeed)
    {
        var script = new DriveScript(seed);
        return DriveRecorder.Record(new VehicleModel(script, seed), script.DurationSeconds, database, seed, StartNs);
    }

    /// <summary>What happens when: (from, to, what) in seconds of drive.</summary>
    public static IReadOnlyList<(double From, double To, string What)> Timeline(int seed = DefaultSeed)
    {
        var legs = new List<(double, double, string)>();
        double from = 0;
        foreach (var leg in new DriveScript(seed).Legs)
        {
            legs.Add((from, leg.EndSeconds, leg.What));
            from = leg.EndSeconds;
        }
        return legs;
    }
}
