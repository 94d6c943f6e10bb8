using EdgeAI.Sensors;

namespace EdgeAI.Host.Hil;

/// <summary>The scenario's <c>gps_loss</c> windows over the drive's GPS fixes: the fixes taken in a window never
/// arrive, so the position keys go stale.</summary>
public static class GpsLoss
{
    /// <summary>The fixes of <paramref name="fixes"/> outside every gps_loss window of <paramref name="scenario"/>, up to
    /// its stop; <paramref name="read"/> counts the fixes up to the stop and <paramref name="removed"/> those left out.</summary>
    public static List<GpsFix> Apply(IReadOnlyList<GpsFix> fixes, HilScenario scenario, long startNs, out long read, out long removed)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        ArgumentNullException.ThrowIfNull(scenario);
        var windows = scenario.Faults.Where(f => f.Kind == HilFaultKind.GpsLoss).ToList();
        double end = scenario.StopAfterS ?? double.PositiveInfinity;
        var kept = new List<GpsFix>(fixes.Count);
        read = removed = 0;
        foreach (var fix in fixes)
        {
            double atS = (fix.TimestampNs - startNs) / 1e9;
            if (atS > end) break;
            read++;
            if (windows.Any(w => w.Covers(atS))) removed++;
            else kept.Add(fix);
        }
        return kept;
    }
}
