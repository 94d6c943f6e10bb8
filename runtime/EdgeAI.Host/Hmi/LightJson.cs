using EdgeAI.Events;
using EdgeAI.Services.TrafficLights;

namespace EdgeAI.Host.Hmi;

/// <summary>
/// The HMI's <c>"type":"light"</c> event: the traffic light ahead as the assistant predicts it, sent when its colour,
/// a whole second of its countdown or the intersection changes. <c>kind</c> is <c>red</c>, <c>amber</c>,
/// <c>green</c>, <c>unknown</c>, or <c>none</c> when no light is ahead.
/// </summary>
public static class LightJson
{
    /// <summary>The colour name of a SPaT phase state.</summary>
    public static string Colour(MovementPhaseState state) => state switch
    {
        MovementPhaseState.StopAndRemain or MovementPhaseState.StopThenProceed => "red",
        MovementPhaseState.PreMovement or MovementPhaseState.PermissiveClearance or MovementPhaseState.ProtectedClearance => "amber",
        MovementPhaseState.PermissiveMovementAllowed or MovementPhaseState.ProtectedMovementAllowed => "green",
        _ => "unknown",
    };

    /// <summary>Whole seconds, rounded up (a countdown shows 6 until 5.0); -1 when unknown.</summary>
    public static int Whole(double seconds) => double.IsFinite(seconds) ? (int)Math.Ceiling(seconds) : -1;

    /// <summary>The event line at <paramref name="timeNs"/>, <paramref name="atS"/> seconds into the drive.</summary>
    public static string Line(long timeNs, double atS, TrafficLightAdvice? light) => EventEnvelope.Line(json =>
    {
        EventEnvelope.Start(json, timeNs, "light", light is null ? "none" : Colour(light.Prediction.State));
        json.WriteNumber("at_s", Math.Round(atS, 3));
        if (light is null) return;
        var p = light.Prediction;
        if (double.IsFinite(p.TimeToGreenS)) json.WriteNumber("green_in_s", Math.Round(p.TimeToGreenS, 1));
        if (double.IsFinite(p.TimeToRedS)) json.WriteNumber("red_in_s", Math.Round(p.TimeToRedS, 1));
        json.WriteNumber("distance_m", Math.Round(light.Ahead.DistanceToStopLineM, 1));
        json.WriteNumber("confidence", Math.Round(p.Confidence, 2));
        json.WriteBoolean("countdown", light.ShowCountdown);
        if (light.Message is not null) json.WriteString("text", light.Message);
        json.WriteString("intersection", light.Ahead.Intersection.Id);
    });
}
