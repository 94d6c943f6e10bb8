using System.Globalization;
using System.Runtime.CompilerServices;
using EdgeAI.Events;
using EdgeAI.Assistant.Drive;
using EdgeAI.Llm.Chat;
using EdgeAI.Voice.Dialog;
using EdgeAI.Voice.Intents;

namespace EdgeAI.Assistant.Voice;

/// <summary>
/// Answers spoken requests with the assistant's chat session (the template responder, or the LLM with the vehicle and
/// service tools): a service or vehicle intent becomes the plain question it stands for, so the answer comes from the
/// same tools and facts as a typed one; a free question goes as it was said. Requests that change or end something
/// (temperature, a call, cancel, yes, no) and "what can you do" are answered here, in words that claim only what
/// happened: this build has no actuator or phone behind them.
/// </summary>
public sealed class VoiceAnswerer(IChatSession session, bool isModel) : IVoiceAnswerer
{
    /// <summary>What a spoken "what can you do" gets.</summary>
    public const string HelpText = "I can find parking, chargers and restaurants, navigate to a place, tell you the time to green and your range.";

    private List<ToolUse> _tools = [];

    /// <inheritdoc/>
    public IReadOnlyList<ToolUse> LastTools => _tools;

    /// <inheritdoc/>
    public string By(Intent intent) => Direct(intent) is not null ? "intent" : isModel ? "model" : "templates";

    /// <inheritdoc/>
    public async IAsyncEnumerable<string> AnswerAsync(Intent intent, [EnumeratorCancellation] CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var tools = new List<ToolUse>();
        _tools = tools;
        if (Direct(intent) is { } text)
        {
            yield return text;
            yield break;
        }
        // Each request is its own conversation, as in the demo: answers do not depend on earlier ones.
        await foreach (var token in ChatAnswerer.StreamAsync(session, Question(intent), tools, cancellation).ConfigureAwait(false))
            yield return token;
        // The session ends a cancelled turn with Done instead of throwing: the dialog must know it was cut.
        cancellation.ThrowIfCancellationRequested();
    }

    /// <summary>The typed question an intent stands for (a free question: its transcript).</summary>
    public static string Question(Intent intent)
    {
        ArgumentNullException.ThrowIfNull(intent);
        return intent.Name switch
        {
            IntentNames.Navigate when intent.Slot("poi") is { } poi => $"Navigate to {poi}",
            IntentNames.Navigate when intent.Slot("category") is { } category => $"Navigate to the nearest {category}",
            IntentNames.FindParking => "Where can I park nearby?",
            IntentNames.FindCharger => "Where is the nearest charger?",
            IntentNames.FindRestaurant when intent.Slot("cuisine") is { } cuisine => $"Where can I eat {cuisine} food nearby?",
            IntentNames.FindRestaurant => "Where can I eat nearby?",
            IntentNames.TimeToGreen => "How long until the traffic light turns green?",
            IntentNames.Range => "What is my range?",
            _ => intent.Transcript,
        };
    }

    private static string? Direct(Intent intent) => intent.Name switch
    {
        IntentNames.SetTemperature when intent.Slot("celsius") is { } celsius && int.TryParse(celsius, NumberStyles.Integer, CultureInfo.InvariantCulture, out int c) =>
            $"I would set the cabin to {c} degrees, but climate control is not connected in this build.",
        IntentNames.SetTemperature => "Which temperature would you like?",
        IntentNames.Call when intent.Slot("contact") is { } contact => $"I cannot call {contact}: no phone is connected.",
        IntentNames.Call => "No phone is connected.",
        IntentNames.Cancel => "Cancelled.",
        IntentNames.Yes => "OK.",
        IntentNames.No => "OK, never mind.",
        IntentNames.Help => HelpText,
        _ => null,
    };
}
