using EdgeAI.Llm.Chat;

namespace EdgeAI.Host.Hmi;

/// <summary>
/// What the HMI serves: the drive behind it (the demo's lock-step replay, or the production host). Every member is
/// called from request threads; an implementation hands work that touches the engine or the context to the thread
/// that owns them.
/// </summary>
public interface IHmiSource
{
    /// <summary>The latest context snapshot as the <c>keys</c> object of docs/events.md (<c>{key: {value, unit, age_ms,
    /// quality}}</c>), or null before the first one.</summary>
    string? StateJson();

    /// <summary>The current route, its charging stops and the region's POIs as a GeoJSON FeatureCollection, or null
    /// without a trip.</summary>
    string? RouteJson();

    /// <summary>The host's health report (one JSON object).</summary>
    string HealthJson();

    /// <summary>The occupant acts on a shown suggestion, as the engine's Act does.</summary>
    ValueTask<HmiActOutcome> ActAsync(string suggestionId, string actionId, CancellationToken cancellation);

    /// <summary>Answers <paramref name="text"/> as <c>edgeai chat</c> does: tokens, tool calls and results, done.</summary>
    IAsyncEnumerable<ChatEvent> AskAsync(string text, CancellationToken cancellation);

    /// <summary>The drive's clock when the HMI may pause, step and speed it (a replay), or null (a live bus).</summary>
    HmiClock? Clock { get; }
}
