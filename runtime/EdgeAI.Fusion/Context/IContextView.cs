namespace EdgeAI.Fusion.Context;

/// <summary>Where readers on other threads (the assistant's tools, the HMI) get the context: its latest snapshot.</summary>
public interface IContextView
{
    /// <summary>The latest snapshot.</summary>
    ContextSnapshot Current { get; }
}

/// <summary>A view that always shows one snapshot (a replayed moment, a test).</summary>
public sealed class FixedContextView(ContextSnapshot snapshot) : IContextView
{
    /// <inheritdoc/>
    public ContextSnapshot Current { get; } = snapshot ?? throw new ArgumentNullException(nameof(snapshot));
}
