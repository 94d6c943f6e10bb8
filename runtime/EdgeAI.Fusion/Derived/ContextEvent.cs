namespace EdgeAI.Fusion.Derived;

/// <summary>Something a driver would notice, derived from the context.</summary>
/// <param name="TimeNs">When (ns since the Unix epoch, the input's clock).</param>
/// <param name="Kind">What sort: gear, parking_brake, belt, wipers, high_beam, doors, indicator, moving, stopped.</param>
/// <param name="Text">What happened, in words (e.g. "gear P -> D").</param>
public sealed record ContextEvent(long TimeNs, string Kind, string Text);
