using System.Text.Json;
using EdgeAI.Services.TrafficLights;

namespace EdgeAI.Llm.Tools;

/// <summary>
/// <c>traffic_light</c>: the light the car is driving towards, as the drive's <see cref="TrafficLightAdvisor"/> sees it
/// now: its state, the predicted time to green and to red, the prediction's confidence and the green-light speed band.
/// Read-only; the advice comes from the SPaT feed and the predictor, never from the model.
/// </summary>
public sealed class TrafficLightTool : IChatTool
{
    private readonly Func<TrafficLightAdvice?> _current;

    /// <summary>A tool over <paramref name="current"/>, the live advice of the light ahead (null when there is none).</summary>
    public TrafficLightTool(Func<TrafficLightAdvice?> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        _current = current;
    }

    /// <inheritdoc/>
    public string Name => "traffic_light";

    /// <inheritdoc/>
    public string Description =>
        "Get the traffic light ahead: its state, the predicted seconds until green and until red, the prediction's confidence and the speed band that reaches it while green.";

    /// <inheritdoc/>
    public string ParametersSchema => """{"type": "object", "properties": {}, "additionalProperties": false}""";

    /// <inheritdoc/>
    public string Invoke(JsonElement arguments)
    {
        if (_current() is not { } advice)
        {
            return ServiceFacts.Json(json =>
            {
                json.WriteNull("light");
                json.WriteString("why", "no traffic light ahead");
            });
        }
        var ahead = advice.Ahead;
        var p = advice.Prediction;
        return ServiceFacts.Json(json =>
        {
            json.WriteString("intersection", ahead.Intersection.Id);
            json.WriteNumber("signal_group", ahead.Maneuver.SignalGroup);
            json.WriteNumber("distance_m", Math.Round(ahead.DistanceToStopLineM, 1));
            json.WriteString("state", p.State.ToJ2735Name());
            Seconds(json, "time_to_green_s", p.TimeToGreenS);
            Seconds(json, "time_to_red_s", p.TimeToRedS);
            json.WriteNumber("confidence", Math.Round(p.Confidence, 2));
            if (advice.GlosaMinKph is { } low && advice.GlosaMaxKph is { } high)
            {
                json.WriteStartArray("glosa_kph");
                json.WriteNumberValue(low);
                json.WriteNumberValue(high);
                json.WriteEndArray();
            }
            json.WriteBoolean("red_light_warning", advice.RedLightWarning);
            json.WriteString("message", advice.Message);
        });
    }

    // Whole seconds, as the advisor's countdown shows them: the prediction is good to about a second and a half.
    private static void Seconds(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, Math.Round(value));
        else json.WriteNull(name);
    }
}
