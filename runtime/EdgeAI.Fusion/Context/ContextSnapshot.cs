using EdgeAI.Fusion.Derived;

namespace EdgeAI.Fusion.Context;

/// <summary>The whole context at one moment, immutable, so any thread may read it.</summary>
/// <param name="TimeNs">The moment (ns since the Unix epoch) ages are measured against.</param>
/// <param name="Entries">Every key.</param>
/// <param name="Events">The drive events so far.</param>
public sealed record ContextSnapshot(long TimeNs, IReadOnlyList<ContextEntry> Entries, IReadOnlyList<ContextEvent> Events)
{
    /// <summary>The entry of a key, or null.</summary>
    public ContextEntry? this[string key] => Entries.FirstOrDefault(e => e.Key.Name == key);
}
