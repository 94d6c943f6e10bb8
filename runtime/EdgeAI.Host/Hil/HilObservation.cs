namespace EdgeAI.Host.Hil;

/// <summary>Everything a run gave to judge the expectations on.</summary>
/// <param name="Events">The events in the order they came.</param>
/// <param name="Frames">The in-process pipeline's frame counts, or null for a device under test.</param>
/// <param name="HasWallTimes">Whether the events' receipt times mean something (in-process or a live stream; not a file).</param>
public sealed record HilObservation(IReadOnlyList<HilEvent> Events, HilFrameCounts? Frames, bool HasWallTimes);
