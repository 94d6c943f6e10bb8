using EdgeAI.Assistant.Suggestions;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Engine;

/// <summary>
/// When a suggestion may be shown (docs/assistant.md, "Gating"):
/// <list type="bullet">
/// <item>safety always;</item>
/// <item>anything else not while the driver's workload (<see cref="ContextKeys.Workload"/>, docs/vehicle-context.md) is at
/// or above <see cref="HighWorkload"/>, not while it is unknown, and not while the driver monitor's alert is active
/// (Alert or Critical);</item>
/// <item>information also not while the car is turning, nor in the last <see cref="GreenSoonS"/> before a green.</item>
/// </list>
/// </summary>
public sealed class AssistantGate
{
    /// <summary>Workload from which only safety gets through.</summary>
    public double HighWorkload { get; init; } = 0.35;

    /// <summary>Seconds before a predicted green in which no information is shown (the driver is about to go).</summary>
    public double GreenSoonS { get; init; } = 4;

    /// <summary>Null when a suggestion of <paramref name="priority"/> may be shown now, else why not: <c>workload</c>,
    /// <c>attention</c>, <c>turning</c> or <c>green_soon</c>.</summary>
    public string? Closed(SuggestionPriority priority, AssistantMoment moment)
    {
        if (priority == SuggestionPriority.Safety) return null;
        if (!moment.TryNumber(ContextKeys.Workload, out double workload) || workload >= HighWorkload) return "workload";
        if (moment.TryNumber(ContextKeys.Attention, out double attention) && attention >= (int)DriverAttention.Alert) return "attention";
        if (priority != SuggestionPriority.Information) return null;
        if (moment.TryFlag(ContextKeys.Turning, out bool turning) && turning) return "turning";
        if (moment.Light?.Prediction is { } light && light.TimeToGreenS > 0 && light.TimeToGreenS <= GreenSoonS) return "green_soon";
        return null;
    }
}
