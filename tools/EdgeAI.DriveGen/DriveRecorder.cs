using EdgeAI.Can;
using EdgeAI.Can.Dbc;

namespace EdgeAI.DriveGen;

/// <summary>
/// Puts a simulated car on the bus: every message of the DBC with a cycle time is sent at that cycle (with send jitter
/// and the odd late frame, from a seed), encoding the car's state stepped to that moment.
/// </summary>
internal static class DriveRecorder
{
    private const long StepNs = 10_000_000;

    /// <summary>The frames of <paramref name="durationSeconds"/> of <paramref name="model"/>'s drive, in time order, on channel 0.</summary>
    public static IEnumerable<CanFrame> Record(VehicleModel model, double durationSeconds, DbcDatabase database, int seed, long startNs)
    {
        var random = new Random(seed * 7919);
        var senders = database.Decoders.Where(d => d.Message.CycleTimeMs is > 0).Select(d => new MessageSender(d, random)).ToList();
        long endNs = (long)(durationSeconds * 1e9);
        long modelNs = 0;
        while (true)
        {
            var next = senders[0];
            foreach (var sender in senders) if (sender.NextNs < next.NextNs) next = sender;
            if (next.NextNs >= endNs) yield break;
            while (modelNs + StepNs <= next.NextNs) { model.Step(StepNs / 1e9); modelNs += StepNs; }
            yield return next.Send(model.State, startNs, random);
        }
    }
}
