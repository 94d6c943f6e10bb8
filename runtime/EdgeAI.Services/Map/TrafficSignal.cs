using EdgeAI.Services.Geo;

namespace EdgeAI.Services.Map;

/// <summary>
/// A signalized intersection: its fixed-time program (the base plan; actuated signals vary within
/// <see cref="SignalPhase.MinDurationS"/>..<see cref="SignalPhase.MaxDurationS"/>) and the movements it controls.
/// The signal group of a movement is its <see cref="SignalLink.LinkIndex"/>: the position of its letter in
/// <see cref="SignalPhase.State"/>, as in SUMO.
/// </summary>
/// <param name="Id">The controller's id (SUMO tlLogic id, or the OSM node id).</param>
/// <param name="Position">Where the intersection is.</param>
/// <param name="OffsetS">Program offset, seconds: the cycle starts at t = offset.</param>
/// <param name="Phases">The cycle's phases in order.</param>
/// <param name="Links">Controlled movements (lane-level movements collapsed to one per edge pair and link index).</param>
public sealed record TrafficSignal(string Id, GeoPoint Position, double OffsetS, IReadOnlyList<SignalPhase> Phases, IReadOnlyList<SignalLink> Links)
{
    /// <summary>Length of one cycle, seconds (sum of the phases' base durations).</summary>
    public double CycleS => Phases.Sum(p => p.DurationS);

    /// <summary>The edges that enter the intersection under this signal (its approaches).</summary>
    public IEnumerable<int> ApproachEdges => Links.Select(l => l.FromEdge).Distinct();
}

/// <summary>One phase of a signal program.</summary>
/// <param name="DurationS">Base duration, seconds.</param>
/// <param name="State">One letter per link index: G/g green, y yellow, r red, o off (SUMO's letters).</param>
/// <param name="MinDurationS">Shortest duration for actuated control (= base for fixed time).</param>
/// <param name="MaxDurationS">Longest duration for actuated control (= base for fixed time).</param>
public sealed record SignalPhase(double DurationS, string State, double MinDurationS, double MaxDurationS);

/// <summary>A movement controlled by a signal.</summary>
/// <param name="LinkIndex">The signal group: the letter in each phase's state.</param>
/// <param name="FromEdge">Index of the approach edge in the road graph.</param>
/// <param name="ToEdge">Index of the exit edge in the road graph.</param>
/// <param name="Direction">SUMO's direction: s straight, l left, r right, t turnaround, L/R partly left/right.</param>
/// <param name="StopLine">Where the movement's lane stops at the signal (the end of the SUMO lane's shape), or null
/// when the source does not say (OSM, GeoJSON): then the approach edge's end stands in for it.</param>
public sealed record SignalLink(int LinkIndex, int FromEdge, int ToEdge, char Direction, GeoPoint? StopLine = null);
