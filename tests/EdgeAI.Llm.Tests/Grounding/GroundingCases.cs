using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Assistant.Words;
using EdgeAI.Fusion.Context;
using EdgeAI.TestKit;

namespace EdgeAI.Llm.Tests.Grounding;

/// <summary>
/// Realistic proposals for every suggestion template, with the facts its trigger gives (values from the Adlershof drive:
/// the charger, the car park and the lunch at the destination), and moments parked and moving.
/// </summary>
internal static class GroundingCases
{
    public static readonly string[] Languages = ["en", "zh-CN"];

    public static TemplateBook Book(string language) => TemplateBook.Load(RepoPaths.Get("models", "prompts"), language);

    public static RephrasePrompt Prompt(string language) => RephrasePrompt.Load(RepoPaths.Get("models", "prompts"), language);

    /// <summary>The templates a proposal names (no <c>.short</c> twins: the book picks those itself).</summary>
    public static IEnumerable<string> ProposalTemplates(TemplateBook book) => book.Names.Where(n => !n.EndsWith(".short", StringComparison.Ordinal));

    /// <summary>A proposal for <paramref name="template"/> (a twin gets its long template's facts).</summary>
    public static Proposal For(string template)
    {
        string name = template.EndsWith(".short", StringComparison.Ordinal) ? template[..^".short".Length] : template;
        return new Proposal("case-" + name, name, FactsOf(name), "test case", [SuggestionAction.Accept("OK")]);
    }

    /// <summary>A moment of a car standing (0 km/h) or driving at 50 km/h.</summary>
    public static AssistantMoment Moment(bool moving) => new(new SpeedOnly(moving ? 50 : 0)) { NowNs = 1_000_000_000 };

    private static List<Fact> FactsOf(string template) => template switch
    {
        "charging.stop" =>
        [
            Facts.Number("soc", 14, 0, "%"), Facts.Distance("route_left", 58_300), Facts.Number("reserve", 15, 0, "%"),
            Facts.Number("route_kwh", 9.84, 1, "kWh"), Facts.Name("charger", "Ladepark Rudower Chaussee"), Facts.Number("charger_kw", 150, 0, "kW"),
            Facts.Distance("charger_in", 3_240), Facts.Number("charge_min", 25, 0, "min"), Facts.Number("arrival_soc", 35, 0, "%"),
            Facts.Name("destination", "Bhf Adlershof"), Facts.Number("range", 41, 0, "km"),
        ],
        "trip.charged" =>
        [
            Facts.Number("soc", 80, 0, "%"), Facts.Name("destination", "Bhf Adlershof"), Facts.Number("arrival_soc", 62, 0, "%"),
            Facts.Number("reserve", 15, 0, "%"), Facts.Name("charger", "Ladepark Rudower Chaussee"),
        ],
        "parking.best" or "parking.best_free" =>
        [
            Facts.Name("parking", "Parkhaus Dörpfeldstraße"), Facts.Distance("walk", 172), Facts.Number("price", 6, 2, "EUR"),
            Facts.Number("stay_h", 2, 1, "h"), Facts.Time("arrival", new DateTime(2026, 12, 23, 12, 15, 0)),
            Facts.Name("destination", "Bhf Adlershof"), Facts.Distance("route_left", 2_430), Facts.Number("free", 12, 0, "spaces"),
        ],
        "food.open" or "food.open_until" =>
        [
            Facts.Name("restaurant", "Mittagstisch Dörpfeldstraße"), Facts.Text("cuisine", "german"),
            Facts.Time("arrival", new DateTime(2026, 12, 23, 12, 15, 0)), Facts.Name("destination", "Bhf Adlershof"),
            Facts.Number("detour", 4, 0, "min"), Facts.Time("open_until", new DateTime(2026, 12, 23, 14, 30, 0)),
        ],
        "traffic_light.countdown" =>
        [
            Facts.Number("green_in", 12, 0, "s"), Facts.Name("intersection", "cluster_2917_4411"),
            Facts.Number("confidence", 87, 0, "%"), Facts.Distance("stop_line", 143),
        ],
        "glosa.band" =>
        [
            Facts.Number("min_kph", 38, 0, "km/h"), Facts.Number("max_kph", 46, 0, "km/h"), Facts.Distance("stop_line", 318),
            Facts.Number("speed", 52, 0, "km/h"), Facts.Name("intersection", "cluster_2917_4411"),
        ],
        "attention.reminder" or "attention.break" =>
            [Facts.Text("state", "distracted"), Facts.Number("episode", 2, 0, null), Facts.Number("speed", 48, 0, "km/h")],
        "safety.door" => [Facts.Text("opening", "driver door"), Facts.Number("speed", 23, 0, "km/h")],
        "safety.belt" or "safety.charge_port" or "safety.parking_brake" => [Facts.Number("speed", 23, 0, "km/h")],
        "comfort.demister" => [Facts.Number("screen_c", 3, 0, "°C"), Facts.Number("humidity", 85, 0, "%")],
        "comfort.demister_cold" => [Facts.Number("screen_c", -2, 0, "°C")],
        "comfort.demister_humid" => [Facts.Number("humidity", 88, 0, "%")],
        "comfort.precondition_hot" => [Facts.Number("cabin_c", 34, 0, "°C"), Facts.Number("outside_c", 29, 0, "°C")],
        "comfort.precondition_cold" => [Facts.Number("cabin_c", -4, 0, "°C"), Facts.Number("outside_c", -6, 0, "°C")],
        _ => throw new ArgumentException($"no test facts for template {template}: add them here", nameof(template)),
    };

    /// <summary>A context that knows the speed only.</summary>
    private sealed class SpeedOnly(double kmh) : IContextReader
    {
        public ContextReading Read(string key, long nowNs) =>
            key == ContextKeys.Speed ? new ContextReading(kmh, nowNs, 0, ContextQuality.Valid, default) : new ContextReading(double.NaN, 0, 0, ContextQuality.NeverSeen, default);

        public string? Label(string key, long nowNs) => null;
    }
}
