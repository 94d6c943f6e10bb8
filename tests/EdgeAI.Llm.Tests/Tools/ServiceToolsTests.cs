using System.Globalization;
using System.Text.Json;
using EdgeAI.Llm.Tools;

namespace EdgeAI.Llm.Tests.Tools;

/// <summary>
/// The service tools on the Adlershof drive: the context at its start (position, 15.2 % charge, Friday 11:52 in Berlin)
/// and the demo region's real streets with its generated POIs and feeds. Answers must be what the services compute.
/// </summary>
public sealed class ServiceToolsTests
{
    private const string Destination = AdlershofServices.Destination;

    private static JsonElement Call(string tool, string arguments)
    {
        var registry = new ToolRegistry(ServiceTools.Create(AdlershofServices.Start, AdlershofServices.Services));
        var outcome = registry.Execute(new ParsedToolCall(tool, arguments, null));
        Assert.False(outcome.IsError, outcome.ResultJson);
        return JsonDocument.Parse(outcome.ResultJson).RootElement;
    }

    [Fact]
    public void PlanRoute_FromTheDrivesStart_NeedsTheChargerWhereTheDriveCharges()
    {
        var result = Call("plan_route", $$"""{"destination": "{{Destination}}"}""");
        Assert.Equal(15.2, result.GetProperty("start_soc_percent").GetDouble(), 1);
        var stop = Assert.Single(result.GetProperty("charging_stops").EnumerateArray());
        Assert.Equal("Ladepark Rudower Chaussee", stop.GetProperty("name").GetString());
        Assert.True(stop.GetProperty("generated").GetBoolean());
        Assert.Equal(150, stop.GetProperty("power_kw").GetDouble());
        Assert.True(result.GetProperty("arrival_soc_percent").GetDouble() >= 15 - 0.05);
        Assert.InRange(result.GetProperty("distance_km").GetDouble(), 1.0, 3.0);
    }

    [Fact]
    public void PlacesAt_ChargerTheFeedReportsFull_LeftOutOfPlanning()
    {
        var services = AdlershofServices.Services;
        var feed = services.ChargerAvailability!;
        var moment = new DateTime(2026, 6, 12, 11, 52, 0);
        var full = services.Map.Pois.Where(p => p.Charger is not null && feed.TryValueAt(p.Id, moment, out var free, out _) && free == 0).ToList();
        var instant = new DateTimeOffset(moment, TimeSpan.FromHours(2));
        var places = services.PlacesAt(instant);
        Assert.All(full, p => Assert.DoesNotContain(p, places));
        Assert.Equal(services.Map.Pois.Count - full.Count, places.Count);
        // The drive's charger has a free point when the car gets there, so plan_route can pick it (test above).
        Assert.True(feed.TryValueAt("gen-charger-01", moment, out var atStop, out _) && atStop > 0, "Ladepark Rudower Chaussee has no free point");
    }

    [Fact]
    public void PlanRoute_UnknownPlace_SaysWhatItExpected()
    {
        var registry = new ToolRegistry(ServiceTools.Create(AdlershofServices.Start, AdlershofServices.Services));
        var outcome = registry.Execute(new ParsedToolCall("plan_route", """{"destination": "Atlantis"}""", null));
        Assert.True(outcome.IsError || outcome.ResultJson.Contains("\"error\"", StringComparison.Ordinal));
        Assert.Contains("expected lat,lon or the name of a place on the map", outcome.ResultJson);
    }

    [Fact]
    public void FindRestaurants_NearTheDestination_OnlyPlacesOpenForAMealAfterArrival()
    {
        var result = Call("find_places", $$"""{"kind": "restaurant", "near": "{{Destination}}"}""");
        var places = result.GetProperty("places").EnumerateArray().ToList();
        Assert.NotEmpty(places);
        foreach (var place in places)
        {
            Assert.True(place.GetProperty("generated").GetBoolean());
            if (!place.TryGetProperty("open_until_local", out var until)) continue; // open past the day
            var arrive = TimeOnly.ParseExact(place.GetProperty("arrive_local").GetString()!, "HH:mm", CultureInfo.InvariantCulture);
            var closes = TimeOnly.ParseExact(until.GetString()!, "HH:mm", CultureInfo.InvariantCulture);
            if (closes > arrive) Assert.True((closes - arrive).TotalMinutes >= 45, $"{place.GetProperty("name")} closes at {closes}, {arrive} arrival");
        }
    }

    [Fact]
    public void FindRestaurants_NearARestaurant_SaysWhetherThatOneSuits()
    {
        // Friday 11:52: the Mittagstisch (Mo-Fr 11:30-14:30) is open, the Steakhaus (Mo-Sa 17:00-23:00) is not.
        var open = Call("find_places", """{"kind": "restaurant", "near": "Mittagstisch Dörpfeldstraße"}""").GetProperty("near_place");
        var closed = Call("find_places", """{"kind": "restaurant", "near": "Steakhaus Albert-Einstein-Straße"}""").GetProperty("near_place");

        Assert.Equal("Mittagstisch Dörpfeldstraße", open.GetProperty("name").GetString());
        Assert.True(open.GetProperty("suitable").GetBoolean());
        Assert.StartsWith("Mittagstisch Dörpfeldstraße: ", open.GetProperty("why").GetString());
        Assert.Contains("open until 14:30", open.GetProperty("why").GetString());
        Assert.False(closed.GetProperty("suitable").GetBoolean());
        Assert.Matches(@"^Steakhaus Albert-Einstein-Straße: closed at 11:5\d when you get there \(Mo-Sa 17:00-23:00; Su,PH off\)$", closed.GetProperty("why").GetString());
    }

    [Fact]
    public void FindChargers_NearAPlace_NoNearPlace()
    {
        var result = Call("find_places", """{"kind": "charger", "near": "Mittagstisch Dörpfeldstraße"}""");

        Assert.False(result.TryGetProperty("near_place", out _));
    }

    [Fact]
    public void FindParking_NearTheDestination_WithinWalkingDistanceAndPriced()
    {
        var result = Call("find_places", $$"""{"kind": "parking", "near": "{{Destination}}", "stay_min": 120}""");
        var first = result.GetProperty("places").EnumerateArray().First();
        Assert.InRange(first.GetProperty("walk_m").GetDouble(), 0, 800);
        Assert.True(first.GetProperty("price_eur").GetDouble() >= 0);
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("why").GetString()));
    }
}
