using System.Text.Json;

namespace EdgeAI.Host.Hil;

/// <summary>
/// A context key's value and/or quality (docs/events.md, the snapshot) at the end of the drive, or as the last
/// <c>context</c> event at or before <see cref="AtS"/> has it.
/// </summary>
public sealed class StateExpectation : HilExpectation
{
    /// <summary>The context key (<c>EdgeAI.Driver.Attention</c>).</summary>
    public required string Key { get; init; }

    /// <summary>What its value must be, or null for any.</summary>
    public JsonElement? Value { get; init; }

    /// <summary>What its quality must be (<c>valid</c>, <c>stale</c>, <c>e2e_failed</c>, ...), or null for any.</summary>
    public JsonElement? Quality { get; init; }

    /// <summary>When (virtual seconds), or null for the end.</summary>
    public double? AtS { get; init; }

    /// <inheritdoc/>
    public override ExpectationResult Evaluate(HilObservation observation)
    {
        HilEvent? context = null;
        foreach (var e in observation.Events)
            if (e.Type == "context" && (AtS is not { } at || e.AtS <= at + 1e-9)) context = e;
        string when = AtS is { } t ? $"at {ValueMatch.Seconds(t)} s" : "at the end";
        if (context is null) return ExpectationResult.Of(Name, false, $"no context event {when}");
        if (!EventMatch.TryGet(context.Root, "keys", out var keys) || keys.ValueKind != JsonValueKind.Object || !keys.TryGetProperty(Key, out var entry))
            return ExpectationResult.Of(Name, false, $"the context {when} ({context}) has no key {Key}", [context]);
        bool ok = (Value is not { } v || entry.TryGetProperty("value", out var actual) && ValueMatch.Matches(v, actual))
            && (Quality is not { } q || entry.TryGetProperty("quality", out var quality) && ValueMatch.Matches(q, quality));
        return ExpectationResult.Of(Name, ok, $"{Key} {when} (context {ValueMatch.Seconds(context.AtS)} s): {entry.GetRawText()}");
    }
}
