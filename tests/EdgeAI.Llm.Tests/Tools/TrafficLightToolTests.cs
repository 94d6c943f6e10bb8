using System.Text.Json;
using EdgeAI.Llm.Tools;
using EdgeAI.Services.TrafficLights;

namespace EdgeAI.Llm.Tests.Tools;

/// <summary>
/// traffic_light over real advice: the Adlershof drive's SPaT feed and MAP through the predictor and the advisor, as
/// <c>edgeai lights --at S</c> computes them. The tool must say what the advice holds, rounded as documented.
/// </summary>
public sealed class TrafficLightToolTests
{
    private static JsonElement Call(Func<TrafficLightAdvice?> current, string arguments = "{}")
    {
        var outcome = new ToolRegistry([new TrafficLightTool(current)]).Execute(new ParsedToolCall("traffic_light", arguments, null));
        Assert.False(outcome.IsError, outcome.ResultJson);
        return JsonDocument.Parse(outcome.ResultJson).RootElement.Clone();
    }

    [Fact]
    public void Invoke_StoppedAtARedAt440s_TheAdvisorsCountdown()
    {
        var advice = AdlershofLights.AdviceAt(440);
        Assert.NotNull(advice);

        var result = Call(() => advice);

        Assert.Equal(advice.Ahead.Intersection.Id, result.GetProperty("intersection").GetString());
        Assert.Equal(advice.Ahead.Maneuver.SignalGroup, result.GetProperty("signal_group").GetInt32());
        Assert.Equal(Math.Round(advice.Ahead.DistanceToStopLineM, 1), result.GetProperty("distance_m").GetDouble());
        Assert.Equal("stop-And-Remain", result.GetProperty("state").GetString());
        Assert.Equal(advice.Prediction.State.ToJ2735Name(), result.GetProperty("state").GetString());
        Assert.Equal(Math.Round(advice.Prediction.TimeToGreenS), result.GetProperty("time_to_green_s").GetDouble());
        Assert.Equal(11, result.GetProperty("time_to_green_s").GetDouble());
        Assert.Equal(0, result.GetProperty("time_to_red_s").GetDouble());
        Assert.Equal(Math.Round(advice.Prediction.Confidence, 2), result.GetProperty("confidence").GetDouble());
        Assert.False(result.TryGetProperty("glosa_kph", out _)); // stopped: a countdown, no speed band
        Assert.False(result.GetProperty("red_light_warning").GetBoolean());
        Assert.Equal("Green in 11 s", result.GetProperty("message").GetString());
        Assert.Equal(advice.Message, result.GetProperty("message").GetString());
    }

    [Fact]
    public void Invoke_ApproachingAGreenAt552s_TheSpeedBand()
    {
        var advice = AdlershofLights.AdviceAt(552);
        Assert.NotNull(advice);

        var result = Call(() => advice);

        Assert.Equal("protected-Movement-Allowed", result.GetProperty("state").GetString());
        Assert.Equal(0, result.GetProperty("time_to_green_s").GetDouble());
        Assert.Equal(Math.Round(advice.Prediction.TimeToRedS), result.GetProperty("time_to_red_s").GetDouble());
        Assert.Equal([advice.GlosaMinKph!.Value, advice.GlosaMaxKph!.Value], result.GetProperty("glosa_kph").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(advice.Message, result.GetProperty("message").GetString());
    }

    [Fact]
    public void Invoke_NoLightAhead_SaysSo()
    {
        var outcome = new ToolRegistry([new TrafficLightTool(() => null)]).Execute(new ParsedToolCall("traffic_light", "{}", null));

        Assert.Equal("""{"light":null,"why":"no traffic light ahead"}""", outcome.ResultJson);
    }

    [Fact]
    public void Execute_AnyArgument_RefusedByTheSchema()
    {
        var outcome = new ToolRegistry([new TrafficLightTool(() => null)]).Execute(new ParsedToolCall("traffic_light", """{"intersection": "x"}""", null));

        Assert.True(outcome.IsError);
        Assert.Contains("invalid arguments for traffic_light", outcome.ResultJson);
    }

    [Fact]
    public void Invoke_AsksTheProviderEachTime()
    {
        int asked = 0;
        var tool = new TrafficLightTool(() => { asked++; return null; });
        var registry = new ToolRegistry([tool]);

        registry.Execute(new ParsedToolCall("traffic_light", "{}", null));
        registry.Execute(new ParsedToolCall("traffic_light", "{}", null));

        Assert.Equal(2, asked);
    }

    [Fact]
    public void ServiceToolsCreate_WithALightProvider_AddsTrafficLight()
    {
        var services = AdlershofServices.Services;

        var without = ServiceTools.Create(AdlershofServices.Start, services);
        var with = ServiceTools.Create(AdlershofServices.Start, services, () => null);

        Assert.Equal(["plan_route", "find_places"], without.Select(t => t.Name));
        Assert.Equal(["plan_route", "find_places", "traffic_light"], with.Select(t => t.Name));
    }
}
