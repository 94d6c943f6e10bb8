using EdgeAI.MapGen;
using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;
using EdgeAI.Services.OpeningHours;
using EdgeAI.Services.Restaurants;
using EdgeAI.Services.Tests.TrafficLights;

namespace EdgeAI.Services.Tests.MapGen;

/// <summary>
/// The committed POIs hold what the bundled Adlershof drive needs (models/scenarios/adlershof-drive, SUMO's trace): a
/// 150 kW charger where the car stands to charge, a covered car park by the end of its last edge (Dörpfeldstraße), and
/// lunch there on the drive's Friday, with one café that closes too early and one place closed on public holidays.
/// </summary>
public class AdlershofDrivePoisTests
{
    private static IReadOnlyList<Poi> Pois => PoiFile.Read(TestData.PoisJson).Pois;

    private static RoadEdge Edge(string id) => DemoRegion.Graph.Edges.Single(e => e.Id == id);

    // The end of the drive's last edge: where the car arrives.
    private static GeoPoint DestinationEnd => Edge(AdlershofPois.DriveDestinationEdge).Shape[^1];

    private static List<Poi> FoodNearDestination => [.. Pois.Where(p => p.Food is not null && GeoPoint.DistanceM(p.Position, DestinationEnd) <= 200)];

    /// <summary>Reaches every place at once without a detour: the driver has parked and walks.</summary>
    private sealed class OnFoot : IDetourEstimator
    {
        public DetourEstimate? Estimate(GeoPoint place) => new DetourEstimate(0, 0);
    }

    private static RestaurantAdvice LunchAt(DateTime arrival) =>
        new RestaurantAdvisor(FoodNearDestination).Advise(new RestaurantRequest(arrival, DinerProfile.Any, new OnFoot()) { MinOpen = TimeSpan.FromMinutes(45) });

    [Fact]
    public void ChargingStop_HasA150KwDcChargerBesideTheEdgeWhereTheCarStands()
    {
        var charging = EgoTrace.Stops().MaxBy(s => s.DurationS);
        var at = EgoTrace.Samples[charging.First];
        Assert.True(charging.DurationS >= 290, $"the longest stop is {charging.DurationS} s");
        Assert.Equal(AdlershofPois.DriveChargingEdge, at.Edge);
        Assert.Equal(120, at.PosM, 0.5);

        var charger = Assert.Single(Pois, p => p.Charger is not null && GeoPoint.DistanceM(p.Position, at.Position) < 10);
        Assert.Equal(150, charger.Charger!.PowerKw);
        Assert.Contains("ccs2", charger.Charger.Connectors);
        Assert.Equal("Ladepark Rudower Chaussee", charger.Name);
        var streets = new StreetPlacement(DemoRegion.Graph);
        Assert.InRange(streets.Project(Edge(AdlershofPois.DriveChargingEdge), charger.Position).DistanceM, 3.5, 10);
    }

    [Fact]
    public void Destination_HasACoveredCarParkWithin150MetresOfTheEndOfTheDrivesLastEdge()
    {
        Assert.Equal(AdlershofPois.DriveDestinationEdge, EgoTrace.Samples.Last(s => !s.Internal).Edge);
        Assert.Contains(Pois, p => p.Parking is { Covered: true, MaxHeightM: not null, EvSpaces: > 0 } && GeoPoint.DistanceM(p.Position, DestinationEnd) <= 150);
    }

    [Fact]
    public void Destination_OnTheDrivesFriday_SeveralPlacesAreOpenFromNoonToTwo()
    {
        var noon = new DateTime(2026, 6, 12, 12, 0, 0);
        var open = FoodNearDestination.Where(p => OpeningHoursRule.Parse(p.Food!.OpeningHours!).IsOpenThrough(noon, TimeSpan.FromHours(2), PublicHolidays.Berlin)).ToList();
        Assert.True(open.Count >= 3, string.Join(", ", open.Select(p => p.Name)));
        foreach (var name in new[] { "Frühstückscafé Dörpfeldstraße", "Mittagstisch Dörpfeldstraße", "Bistro Anna-Seghers-Straße" })
            Assert.InRange(GeoPoint.DistanceM(Pois.Single(p => p.Name == name).Position, DestinationEnd), 0, 100);
        Assert.Contains(open, p => p.Kind == PoiKind.Restaurant);
    }

    [Fact]
    public void Destination_CafeClosingAtHalfPastTwelve_IsRejectedForAQuarterPastTwelveArrivalAndAMeal()
    {
        var advice = LunchAt(new DateTime(2026, 6, 12, 12, 15, 0));
        var rejection = Assert.Single(advice.Rejected, r => r.Poi.Name == "Frühstückscafé Dörpfeldstraße");
        Assert.Equal("Frühstückscafé Dörpfeldstraße: closes at 12:30, 15 min after you get there at 12:15 (needs 45)", rejection.Reason);
        Assert.DoesNotContain(advice.Candidates, c => c.Poi.Name == "Frühstückscafé Dörpfeldstraße");
        Assert.Contains(advice.Candidates, c => c.Poi.Name == "Mittagstisch Dörpfeldstraße");
        Assert.True(advice.Candidates.Count >= 3);
    }

    [Fact]
    public void Destination_OnChristmasDay_ThePhOffLunchPlaceIsClosed()
    {
        Assert.Contains(FoodNearDestination, p => p.Food!.OpeningHours!.Contains("PH off", StringComparison.Ordinal));
        var christmas = LunchAt(new DateTime(2026, 12, 25, 12, 15, 0)); // a Friday, 1. Weihnachtstag
        Assert.Contains(christmas.Rejected, r => r.Reason == "Mittagstisch Dörpfeldstraße: closed at 12:15 when you get there, a public holiday (Mo-Fr 11:30-14:30; PH off)");
        Assert.Contains(christmas.Candidates, c => c.Poi.Name == "Bistro Anna-Seghers-Straße");
        var friday = LunchAt(new DateTime(2026, 12, 18, 12, 15, 0)); // the Friday before
        Assert.Contains(friday.Candidates, c => c.Poi.Name == "Mittagstisch Dörpfeldstraße");
    }
}
