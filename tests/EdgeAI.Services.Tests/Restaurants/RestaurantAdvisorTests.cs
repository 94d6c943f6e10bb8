using EdgeAI.Services.Map;
using EdgeAI.Services.OpeningHours;
using EdgeAI.Services.Restaurants;
using EdgeAI.TestKit;

namespace EdgeAI.Services.Tests.Restaurants;

/// <summary>
/// Restaurant suggestions on a straight hand-built street driven from its west end to its east end (every place on it
/// is on the way: no detour; the car reaches a place 500 m along in 36 s), with detours by Dijkstra.
/// </summary>
public class RestaurantAdvisorTests
{
    private const string Bar = "Mo-Th 17:00-01:00; Fr,Sa 17:00-03:00; Su off";
    private const string WeekdaysPhOff = "Mo-Fr 11:00-21:00; Sa 12:00-21:00; Su,PH off";
    private const string HolidayLunch = "Tu-Su 17:00-23:30; Mo off; PH 12:00-22:00";

    private static Poi Place(string id, string cuisine, string? hours, int price = 2, double? rating = null, double eastM = 500) =>
        new(id, PoiKind.Restaurant, id, HandGraph.At(eastM, 10), Generated: true) { Food = new FoodInfo(cuisine, hours, price, rating) };

    private static RestaurantAdvice Advise(DateTime now, DinerProfile profile, params Poi[] places)
    {
        var graph = HandGraph.Street(11);
        var detours = new GraphDetourEstimator(graph, HandGraph.At(0, 0), HandGraph.At(1000, 0));
        return new RestaurantAdvisor(places).Advise(new RestaurantRequest(now, profile, detours));
    }

    [Fact]
    public void Advise_BarOpenUntilThreeOnSaturdayNight_IsSuggestedAfterMidnight()
    {
        var advice = Advise(new DateTime(2026, 6, 13, 1, 30, 0), DinerProfile.Any, Place("bar", "german", Bar)); // Saturday 01:30
        var c = Assert.Single(advice.Candidates);
        Assert.Equal(new DateTime(2026, 6, 13, 3, 0, 0), c.OpenUntil);
        Assert.Equal("bar: german, €€, +0 min detour, there at 01:30, open until 03:00", c.Explanation);
    }

    [Fact]
    public void Advise_BarClosingAtOneOnATuesday_IsNotSuggestedAtHalfPastMidnight()
    {
        var advice = Advise(new DateTime(2026, 6, 16, 0, 30, 0), DinerProfile.Any, Place("bar", "german", Bar));
        Assert.Empty(advice.Candidates);
        Assert.Equal("bar: closes at 01:00, 29 min after you get there at 00:30 (needs 45)", Assert.Single(advice.Rejected).Reason);
    }

    [Fact]
    public void Advise_BarBeforeItOpens_IsNotSuggested()
    {
        var advice = Advise(new DateTime(2026, 6, 16, 16, 50, 0), DinerProfile.Any, Place("bar", "german", Bar));
        Assert.StartsWith("bar: closed at 16:50 when you get there", Assert.Single(advice.Rejected).Reason);
    }

    [Theory]
    [InlineData(2026, 12, 25)] // 1. Weihnachtstag, a Friday
    [InlineData(2026, 4, 3)]   // Karfreitag
    public void Advise_OnABerlinPublicHoliday_PhOffIsClosedAndPhHoursAreOpen(int year, int month, int day)
    {
        var noon = new DateTime(year, month, day, 12, 30, 0);
        var advice = Advise(noon, DinerProfile.Any, Place("diner", "vietnamese", WeekdaysPhOff), Place("taverna", "greek", HolidayLunch));
        Assert.Equal(["taverna"], advice.Candidates.Select(c => c.Poi.Id));
        Assert.Equal(new DateTime(year, month, day, 22, 0, 0), advice.Candidates[0].OpenUntil);
        Assert.Equal($"diner: closed at 12:30 when you get there, a public holiday ({WeekdaysPhOff})", Assert.Single(advice.Rejected).Reason);
    }

    [Fact]
    public void Advise_TheFridayBeforeChristmas_PhOffPlaceIsOpen()
    {
        var advice = Advise(new DateTime(2026, 12, 18, 12, 30, 0), DinerProfile.Any, Place("diner", "vietnamese", WeekdaysPhOff), Place("taverna", "greek", HolidayLunch));
        Assert.Equal(["diner"], advice.Candidates.Select(c => c.Poi.Id)); // the taverna opens at 17:00 on ordinary days
    }

    [Fact]
    public void Advise_LikedCuisine_OutranksABetterRatingUnlessNothingIsLiked()
    {
        var italian = Place("italian", "italian", "Mo-Su 11:00-23:00", rating: 3.5);
        var sushi = Place("sushi", "sushi", "Mo-Su 11:00-23:00", rating: 4.5);
        var friday = new DateTime(2026, 6, 12, 12, 0, 0);
        Assert.Equal(["italian", "sushi"], Advise(friday, new DinerProfile(["italian"]), italian, sushi).Candidates.Select(c => c.Poi.Id));
        Assert.Equal(["sushi", "italian"], Advise(friday, DinerProfile.Any, italian, sushi).Candidates.Select(c => c.Poi.Id));
    }

    [Fact]
    public void Advise_TooDearOrUnknownHours_IsNeverSuggested()
    {
        var advice = Advise(new DateTime(2026, 6, 12, 12, 0, 0), new DinerProfile([], MaxPriceLevel: 2),
            Place("steak", "steak_house", "Mo-Su 11:00-23:00", price: 4), Place("mystery", "pizza", null), Place("odd", "pizza", "sunrise-sunset"));
        Assert.Empty(advice.Candidates);
        Assert.Equal(["steak: price level 4 is above your 2", "mystery: opening hours unknown", "odd: opening hours not understood (sunrise-sunset)"],
            advice.Rejected.Select(r => r.Reason));
    }

    [Fact]
    public void Advise_DemoRegionAtFridayLunch_SuggestsOnlyPlacesOpenLongEnoughWithinTheDetour()
    {
        var pois = PoiFile.Read(TestData.PoisJson).Pois;
        var graph = DemoRegion.Graph;
        var start = new Geo.GeoPoint(52.426692, 13.521334); // where the Adlershof drive starts
        var station = DemoRegion.Map.Pois.Single(p => p.Id == "Bhf Adlershof").Position;
        var now = new DateTime(2026, 6, 12, 11, 52, 0);
        var advice = new RestaurantAdvisor(pois).Advise(new RestaurantRequest(now, new DinerProfile(["vietnamese"], 3), new GraphDetourEstimator(graph, start, station)));
        Assert.NotEmpty(advice.Candidates);
        foreach (var c in advice.Candidates)
        {
            Assert.InRange(c.DetourMinutes, 0, 10);
            Assert.True(OpeningHoursRule.Parse(c.Poi.Food!.OpeningHours!).IsOpenThrough(c.Arrival, TimeSpan.FromMinutes(45), PublicHolidays.Berlin), c.Explanation);
            Assert.InRange(c.Poi.Food.PriceLevel, 1, 3);
        }
        Assert.Equal(advice.Candidates.OrderBy(c => c.Score).Select(c => c.Poi.Id), advice.Candidates.Select(c => c.Poi.Id));
        Assert.Contains(advice.Rejected, r => r.Reason.Contains("closed at", StringComparison.Ordinal)); // the evening-only places
    }
}
