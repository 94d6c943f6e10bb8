namespace EdgeAI.Can.Signals;

/// <summary>Where a signal's latest value lives in a <see cref="LatestSignalStore"/> (resolved once, read per frame).</summary>
/// <param name="Message">Index of the message's decoder in the database.</param>
/// <param name="Signal">Index of the signal within its message.</param>
public readonly record struct SignalRef(int Message, int Signal);
