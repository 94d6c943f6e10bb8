namespace EdgeAI.Services.TrafficLights;

/// <summary>
/// The truth of one controller: every phase switch, in time order (from SUMO's SaveTLSStates output, or from
/// <see cref="ActuatedSignalSimulator"/>). A road-side unit broadcasts from it; predictors never see it.
/// </summary>
/// <param name="SignalId">The controller's id.</param>
/// <param name="Switches">The switches, first one at the start of the record.</param>
public sealed record SignalTimeline(string SignalId, IReadOnlyList<PhaseSwitch> Switches)
{
    /// <summary>Index of the last switch at or before <paramref name="time"/>; -1 before the first.</summary>
    public int IndexAt(double time)
    {
        int lo = 0, hi = Switches.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (Switches[mid].Time <= time) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found;
    }
}
