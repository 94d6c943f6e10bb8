namespace EdgeAI.Fusion.Context;

/// <summary>How far a context value can be trusted now. When several apply, the first in this order is given.</summary>
public enum ContextQuality
{
    /// <summary>No value has arrived yet.</summary>
    NeverSeen,
    /// <summary>The last frame of the value's message failed its end-to-end check and was not applied; the value is the
    /// last good one.</summary>
    E2EFailed,
    /// <summary>The value lies outside the key's plausible range.</summary>
    Implausible,
    /// <summary>The value is older than the key's staleness limit.</summary>
    Stale,
    /// <summary>Fresh, plausible and protected where the map asks for it.</summary>
    Valid,
}
