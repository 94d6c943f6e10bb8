using EdgeAI.Can;
using EdgeAI.Can.Dbc;

namespace EdgeAI.DriveGen.TeslaModel3;

/// <summary>
/// The bundled Tesla Model 3 drive (models/scenarios/tesla-model3-short): two minutes scripted in
/// <see cref="TeslaDriveScript"/>, encoded with tesla_model3_vehicle.dbc at each message's period
/// (<see cref="TeslaMessagePeriods"/>) with send jitter. The same seed always gives the same frames, so the committed
/// log can be checked against this code.
/// </summary>
public static class TeslaModel3Drive
{
    /// <summary>The seed of models/scenarios/tesla-model3-short/can.log.gz.</summary>
    public const int DefaultSeed = 3;

    /// <summary>Recording start: 2026-06-02 15:20:00 UTC, a weekday afternoon.</summary>
    public static readonly long StartNs = new DateTimeOffset(2026, 6, 2, 15, 20, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    /// <summary>The drive's length in seconds.</summary>
    public static double DurationSeconds => TeslaDriveScript.DurationSeconds;

    /// <summary>The drive's frames in time order, all on channel 0.</summary>
    /// <exception cref="ArgumentException"><paramref name="database"/> lacks a message the drive sends.</exception>
    public static IEnumerable<CanFrame> Record(DbcDatabase database, int seed = DefaultSeed)
    {
        var random = new Random(seed);
        var senders = new List<TeslaMessageSender>();
        foreach (var (name, periodMs) in TeslaMessagePeriods.All)
        {
            if (!database.TryGetDecoder(name, out var decoder)) throw new ArgumentException($"{database.File.Name} has no message {name}", nameof(database));
            senders.Add(new TeslaMessageSender(decoder, periodMs, random));
        }
        return Schedule(senders, random);
    }

    private static IEnumerable<CanFrame> Schedule(List<TeslaMessageSender> senders, Random random)
    {
        var state = new TeslaState();
        long endNs = (long)(TeslaDriveScript.DurationSeconds * 1e9);
        while (true)
        {
            var next = senders[0];
            foreach (var sender in senders) if (sender.NextNs < next.NextNs) next = sender;
            if (next.NextNs >= endNs) yield break;
            TeslaDriveScript.At(next.NextNs / 1e9, state);
            yield return next.Send(state, StartNs, random);
        }
    }

    /// <summary>What happens when: (seconds after the first frame's schedule start, what).</summary>
    public static IReadOnlyList<(double At, string What)> Timeline() => TeslaDriveScript.Timeline;
}
