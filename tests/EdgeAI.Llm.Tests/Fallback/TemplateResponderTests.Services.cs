using System.Text.Json;
using EdgeAI.Llm.Chat;
using EdgeAI.Llm.Fallback;
using EdgeAI.Llm.Tests.Tools;
using EdgeAI.Llm.Tools;
using EdgeAI.Services.TrafficLights;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAI.Llm.Tests.Fallback;

/// <summary>
/// The responder's service questions on the Adlershof drive (its start: Friday 11:52, 15.2 % charge): the tool it
/// calls, the arguments, and an answer that says the tool's names and numbers.
/// </summary>
public sealed partial class TemplateResponderTests
{
    private static TemplateResponder ServiceResponder(Func<TrafficLightAdvice?>? light = null)
    {
        var view = AdlershofServices.Start;
        var tools = VehicleTools.Create(view).Concat(ServiceTools.Create(view, AdlershofServices.Services, light ?? (() => null)));
        return new TemplateResponder(new ToolRegistry(tools), time: new FakeTimeProvider());
    }

    /// <summary>The turn's one tool call and its result.</summary>
    private static (ChatEvent Call, JsonElement Result, string Answer) Turn(List<ChatEvent> events)
    {
        var call = Assert.Single(events, e => e.Kind == ChatEventKind.ToolCall);
        var result = Assert.Single(events, e => e.Kind == ChatEventKind.ToolResult);
        Assert.False(result.IsError, result.Text);
        Assert.Equal(1, events[^1].Metrics.ToolCalls);
        return (call, JsonDocument.Parse(result.Text).RootElement.Clone(), Answer(events));
    }

    [Theory]
    [InlineData("Where can I charge?", "find_places", """{"kind": "charger"}""")]
    [InlineData("nearest charger", "find_places", """{"kind": "charger"}""")]
    [InlineData("Where can I get lunch?", "find_places", """{"kind": "restaurant"}""")]
    [InlineData("Is the pizzeria open?", "find_places", """{"kind": "restaurant", "near": "Pizzeria Am Studio"}""")]
    [InlineData("Where can I park?", "find_places", """{"kind": "parking"}""")]
    [InlineData("Where can I park near the Trattoria Schneckenburgerstraße for 3 hours?", "find_places", """{"kind": "parking", "near": "Trattoria Schneckenburgerstraße", "stay_min": 180}""")]
    [InlineData("How long until green?", "traffic_light", "{}")]
    [InlineData("How far to Pizzeria Am Studio?", "plan_route", """{"destination": "Pizzeria Am Studio"}""")]
    [InlineData("When do we arrive at 52.435970,13.542850?", "plan_route", """{"destination": "52.435970,13.542850"}""")]
    [InlineData("How much charge is left?", "get_range", """{"unit": "km"}""")]
    public async Task SendAsync_WithServices_CallsTheToolWithTheQuestionsArguments(string question, string tool, string arguments)
    {
        using var responder = ServiceResponder();

        var (call, _, answer) = Turn(await Collect(responder, question, TestContext.Current.CancellationToken));

        Assert.Equal(tool, call.Name);
        Assert.Equal(arguments, call.Arguments);
        Assert.NotEmpty(answer);
    }

    [Fact]
    public async Task SendAsync_WhereCanICharge_TheNearestChargerWithItsPower()
    {
        using var responder = ServiceResponder();

        var (_, result, answer) = Turn(await Collect(responder, "Where can I charge?", TestContext.Current.CancellationToken));

        var places = result.GetProperty("places").EnumerateArray().ToList();
        Assert.Equal(3, places.Count);
        string first = places[0].GetProperty("name").GetString()!;
        Assert.StartsWith($"{first}: {places[0].GetProperty("power_kw").GetRawText()} kW, {places[0].GetProperty("points").GetRawText()} points", answer);
        Assert.Contains($"Also: {places[1].GetProperty("name").GetString()}, {places[2].GetProperty("name").GetString()}.", answer);
        Assert.EndsWith("(Generated place data.)", answer);
    }

    [Fact]
    public async Task SendAsync_IsTheMittagstischOpen_YesWithTheServicesReason()
    {
        using var responder = ServiceResponder();

        var (call, result, answer) = Turn(await Collect(responder, "Is the Mittagstisch Dörpfeldstraße open?", TestContext.Current.CancellationToken));

        Assert.Equal("""{"kind": "restaurant", "near": "Mittagstisch Dörpfeldstraße"}""", call.Arguments);
        var near = result.GetProperty("near_place");
        Assert.True(near.GetProperty("suitable").GetBoolean());
        string why = near.GetProperty("why").GetString()!;
        Assert.Contains("open until 14:30", why); // Mo-Fr 11:30-14:30, and the drive is on a Friday before noon
        Assert.StartsWith($"Yes, it is open when you get there. {why}.", answer);
        // The others, by the names the tool gave.
        foreach (var place in result.GetProperty("places").EnumerateArray())
            Assert.Contains(place.GetProperty("name").GetString()!, answer);
    }

    [Fact]
    public async Task SendAsync_IsTheSteakhausOpen_NotForAMealAndWhatInstead()
    {
        using var responder = ServiceResponder();

        var (_, result, answer) = Turn(await Collect(responder, "Is the Steakhaus open?", TestContext.Current.CancellationToken));

        var near = result.GetProperty("near_place");
        Assert.Equal("Steakhaus Albert-Einstein-Straße", near.GetProperty("name").GetString());
        Assert.False(near.GetProperty("suitable").GetBoolean());
        string why = near.GetProperty("why").GetString()!;
        Assert.Contains("closed at", why); // opens at 17:00
        var best = result.GetProperty("places")[0];
        Assert.StartsWith($"Not for a meal when you get there: {why}. Instead: {best.GetProperty("why").GetString()}.", answer);
    }

    [Fact]
    public async Task SendAsync_ParkForThreeHours_TheBestCarParkWithItsReason()
    {
        using var responder = ServiceResponder();

        var (_, result, answer) = Turn(await Collect(responder, "Where can I park near the Trattoria Schneckenburgerstraße for 3 hours?", TestContext.Current.CancellationToken));

        var places = result.GetProperty("places").EnumerateArray().ToList();
        Assert.NotEmpty(places);
        string why = places[0].GetProperty("why").GetString()!;
        Assert.Contains("for 3 h", why);
        Assert.StartsWith(why + ".", answer);
    }

    [Fact]
    public async Task SendAsync_HowLongUntilGreen_TheCountdownOfTheLightAhead()
    {
        var advice = AdlershofLights.AdviceAt(440);
        using var responder = ServiceResponder(() => advice);

        var (_, result, answer) = Turn(await Collect(responder, "How long until green?", TestContext.Current.CancellationToken));

        Assert.Equal(11, result.GetProperty("time_to_green_s").GetDouble());
        Assert.Equal($"Green in 11 s. The stop line is {result.GetProperty("distance_m").GetRawText()} m ahead.", answer);
    }

    [Fact]
    public async Task SendAsync_TrafficLightWhileGreen_TimeToRedAndTheSpeedBand()
    {
        var advice = AdlershofLights.AdviceAt(552);
        using var responder = ServiceResponder(() => advice);

        var (_, result, answer) = Turn(await Collect(responder, "What does the traffic light ahead show?", TestContext.Current.CancellationToken));

        var band = result.GetProperty("glosa_kph");
        Assert.StartsWith($"The light is green, red in {result.GetProperty("time_to_red_s").GetRawText()} s.", answer);
        Assert.EndsWith($"{band[0].GetRawText()}-{band[1].GetRawText()} km/h for the green.", answer);
    }

    [Fact]
    public async Task SendAsync_HowLongUntilGreenWithNoLight_SaysThereIsNone()
    {
        using var responder = ServiceResponder(() => null);

        var (_, _, answer) = Turn(await Collect(responder, "How long until green?", TestContext.Current.CancellationToken));

        Assert.Equal("No traffic light ahead.", answer);
    }

    [Fact]
    public async Task SendAsync_HowFarToAPlace_TheRoutesNumbers()
    {
        using var responder = ServiceResponder();

        var (_, result, answer) = Turn(await Collect(responder, "How far to Pizzeria Am Studio?", TestContext.Current.CancellationToken));

        Assert.StartsWith(
            $"To Pizzeria Am Studio: {result.GetProperty("distance_km").GetRawText()} km, {result.GetProperty("driving_min").GetRawText()} min driving.",
            answer);
        Assert.Contains($"You arrive at {result.GetProperty("arrival_local").GetString()} with {result.GetProperty("arrival_soc_percent").GetRawText()} % charge.", answer);
        foreach (var stop in result.GetProperty("charging_stops").EnumerateArray())
            Assert.Contains($"Charge at {stop.GetProperty("name").GetString()} for {stop.GetProperty("charge_min").GetRawText()} min", answer);
    }

    [Fact]
    public async Task SendAsync_ArrivalWithoutAPlace_AsksForTheDestinationWithoutATool()
    {
        using var responder = ServiceResponder();

        var events = await Collect(responder, "When do we arrive?", TestContext.Current.CancellationToken);

        Assert.DoesNotContain(events, e => e.Kind == ChatEventKind.ToolCall);
        Assert.Equal("I need a destination for that: name a place on the map, or give lat,lon.", Answer(events));
    }

    [Fact]
    public async Task SendAsync_ServiceQuestionWithoutServices_TheVehicleAnswerAsBefore()
    {
        using var responder = NewResponder();

        var charge = await Collect(responder, "Where can I charge?", TestContext.Current.CancellationToken);
        var green = await Collect(responder, "How long until green?", TestContext.Current.CancellationToken);

        Assert.Equal("get_range", charge[0].Name);
        Assert.DoesNotContain(green, e => e.Kind == ChatEventKind.ToolCall);
        Assert.Equal(AnswerTemplates.Help, Answer(green));
    }
}
