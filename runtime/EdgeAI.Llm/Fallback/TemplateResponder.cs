using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using EdgeAI.Llm.Chat;
using EdgeAI.Llm.Tools;
using EdgeAI.Services.Map;

namespace EdgeAI.Llm.Fallback;

/// <summary>
/// The assistant without a model: picks the question's intent by keywords, calls the matching vehicle or service tool
/// through the same <see cref="ToolRegistry"/> the engine uses, and answers from a template that copies the tool's
/// numbers and names. Service questions (chargers, restaurants, parking, the traffic light, routes) are recognised only
/// when their tool is registered; a place the question names is passed to the tool as the map knows it.
/// Deterministic (the same history and message give the same events), and it streams the same event sequence as the
/// engine — ToolCall, ToolResult, Token pieces (one word each, with its leading space), Done — so callers cannot tell
/// the difference but for the wording.
/// <see cref="TurnMetrics"/> here count words, not tokens: <see cref="TurnMetrics.PromptTokens"/> is the user
/// message's words, <see cref="TurnMetrics.NewTokens"/> the pieces streamed, <see cref="TurnMetrics.ContextTokens"/>
/// the history's words.
/// </summary>
public sealed class TemplateResponder : IChatSession
{
    /// <summary>The system prompt used when none is given.</summary>
    public const string DefaultSystemPrompt =
        "You are the in-car assistant. Answer briefly, using the vehicle tools for anything about the car.";

    private readonly ToolRegistry _tools;
    private readonly HashSet<string> _toolNames;
    private readonly IReadOnlyList<Poi>? _places;
    private readonly TimeProvider _time;
    private readonly List<ChatEntry> _history = [];
    private int _busy;
    private bool _disposed;

    /// <summary>A responder over <paramref name="tools"/> (usually <see cref="VehicleTools.Create"/>, with
    /// <see cref="ServiceTools.Create(Fusion.Context.IContextView, Services.RegionServices, Func{Services.TrafficLights.TrafficLightAdvice?}?)"/>
    /// where the region's services are there).</summary>
    public TemplateResponder(ToolRegistry tools, string? systemPrompt = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(tools);
        _tools = tools;
        _toolNames = tools.Tools.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        _places = tools.Tools.OfType<IPlaceTool>().FirstOrDefault()?.Places;
        _time = time ?? TimeProvider.System;
        _history.Add(ChatEntry.System(systemPrompt ?? DefaultSystemPrompt));
    }

    /// <inheritdoc/>
    public string Name => "fallback";

    /// <inheritdoc/>
    public IReadOnlyList<ChatEntry> History => _history.AsReadOnly();

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatEvent> SendAsync(string userMessage, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userMessage);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.Exchange(ref _busy, 1) != 0) throw new InvalidOperationException("a turn is already streaming");
        try
        {
            // The engine answers asynchronously; so does the fallback, so callers see the same threading.
            await Task.Yield();
            long start = _time.GetTimestamp();
            _history.Add(ChatEntry.User(userMessage));
            var place = _places is null ? null : PlaceMention.Find(userMessage, _places);
            var intent = IntentKeywords.ClassifyService(userMessage, place, Offers) ?? IntentKeywords.Classify(userMessage);
            string answer = intent switch
            {
                ResponderIntent.Greeting => AnswerTemplates.Greeting,
                ResponderIntent.Help => AnswerTemplates.Help,
                ResponderIntent.Route when place is null => AnswerTemplates.NeedsDestination,
                _ => "",
            };
            int toolCalls = 0;
            if (ToolCallFor(intent, userMessage, place) is { } call && !cancellationToken.IsCancellationRequested)
            {
                yield return ChatEvent.ToolCall(call.Name!, call.ArgumentsJson);
                var outcome = _tools.Execute(call);
                toolCalls++;
                // The same history shape as the engine's: the assistant's call, then the tool's result.
                _history.Add(ChatEntry.Assistant($"<tool_call>\n{{\"name\": \"{call.Name}\", \"arguments\": {call.ArgumentsJson}}}\n</tool_call>"));
                _history.Add(ChatEntry.Tool(outcome.Name, outcome.ResultJson));
                yield return ChatEvent.ToolResult(outcome.Name, outcome.ResultJson, outcome.IsError);
                answer = AnswerTemplates.Compose(outcome.Name, outcome.ResultJson, outcome.IsError);
            }
            var said = new StringBuilder(answer.Length);
            long firstToken = 0;
            int pieces = 0;
            bool interrupted = false;
            foreach (var piece in Pieces(answer))
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    interrupted = true;
                    break;
                }
                if (pieces == 0) firstToken = _time.GetTimestamp();
                said.Append(piece);
                pieces++;
                yield return ChatEvent.Token(piece);
            }
            // A turn cancelled before any tool or word still ends as an (empty) interrupted answer.
            interrupted |= pieces == 0 && cancellationToken.IsCancellationRequested;
            _history.Add(ChatEntry.Assistant(said.ToString(), interrupted));
            long end = _time.GetTimestamp();
            double ttft = pieces > 0 ? _time.GetElapsedTime(start, firstToken).TotalMilliseconds : 0;
            var metrics = new TurnMetrics(
                PromptTokens: CountWords(userMessage),
                NewTokens: pieces,
                TimeToFirstTokenMs: ttft,
                PrefillMs: ttft,
                DecodeMs: pieces > 0 ? _time.GetElapsedTime(firstToken, end).TotalMilliseconds : 0,
                ContextTokens: ContextWords(),
                ToolCalls: toolCalls,
                Interrupted: interrupted);
            yield return ChatEvent.Done(metrics);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <inheritdoc/>
    public void RewindTo(int entryIndex)
    {
        if (entryIndex <= 0 || entryIndex >= _history.Count || _history[entryIndex].Role != ChatRole.User)
        {
            throw new ArgumentOutOfRangeException(nameof(entryIndex), entryIndex, "expected the index of a user message in History");
        }

        _history.RemoveRange(entryIndex, _history.Count - entryIndex);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        var system = _history[0];
        _history.Clear();
        _history.Add(system);
    }

    /// <inheritdoc/>
    public void Dispose() => _disposed = true;

    /// <summary>Whether the tool that answers <paramref name="intent"/> is registered (vehicle intents are not asked).</summary>
    private bool Offers(ResponderIntent intent) => ToolOf(intent) is { } name && _toolNames.Contains(name);

    private static string? ToolOf(ResponderIntent intent) => intent switch
    {
        ResponderIntent.Chargers or ResponderIntent.Restaurants or ResponderIntent.Parking => "find_places",
        ResponderIntent.TrafficLight => "traffic_light",
        ResponderIntent.Route => "plan_route",
        _ => null,
    };

    private static ParsedToolCall? ToolCallFor(ResponderIntent intent, string message, PlaceMention? place) => intent switch
    {
        ResponderIntent.Range => new ParsedToolCall("get_range", IntentKeywords.WantsMiles(message) ? """{"unit": "mi"}""" : """{"unit": "km"}"""),
        ResponderIntent.Climate => new ParsedToolCall("get_cabin_climate", IntentKeywords.WantsFahrenheit(message) ? """{"unit": "F"}""" : """{"unit": "C"}"""),
        ResponderIntent.VehicleState => new ParsedToolCall("get_vehicle_state", "{}"),
        ResponderIntent.Location => new ParsedToolCall("get_location", "{}"),
        ResponderIntent.Chargers => FindPlaces("charger", place, null),
        ResponderIntent.Restaurants => FindPlaces("restaurant", place, null),
        ResponderIntent.Parking => FindPlaces("parking", place, IntentKeywords.StayMinutes(message)),
        ResponderIntent.TrafficLight => new ParsedToolCall("traffic_light", "{}"),
        ResponderIntent.Route when place is not null => PlanRoute(place),
        _ => null,
    };

    // Arguments written as the engine's calls are ("key": value, ", " between), so the history reads the same.
    private static ParsedToolCall FindPlaces(string kind, PlaceMention? place, int? stayMinutes)
    {
        var json = new StringBuilder("{\"kind\": ");
        TemplateJson.WriteString(json, kind);
        if (place is not null) TemplateJson.WriteString(json.Append(", \"near\": "), place.Argument);
        if (stayMinutes is { } stay) json.Append(", \"stay_min\": ").Append(stay.ToString(CultureInfo.InvariantCulture));
        return new ParsedToolCall("find_places", json.Append('}').ToString());
    }

    private static ParsedToolCall PlanRoute(PlaceMention place)
    {
        var json = new StringBuilder("{\"destination\": ");
        TemplateJson.WriteString(json, place.Argument);
        return new ParsedToolCall("plan_route", json.Append('}').ToString());
    }

    /// <summary>The answer split into words, each but the first with its leading space, so the pieces join to it.</summary>
    private static IEnumerable<string> Pieces(string answer)
    {
        int start = 0;
        for (int i = 1; i <= answer.Length; i++)
        {
            if (i < answer.Length && answer[i] != ' ') continue;
            if (i > start) yield return answer[start..i];
            start = i;
        }
    }

    private static int CountWords(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private int ContextWords()
    {
        int words = 0;
        foreach (var entry in _history) words += CountWords(entry.Content);
        return words;
    }
}
