using EdgeAI.Services.Feeds;
using EdgeAI.Services.Map;
using EdgeAI.Services.Parking;

namespace EdgeAI.Services.Tests.Parking;

/// <summary>Parking at the end of the Adlershof drive (Bhf Adlershof, Friday 12 June 2026 about noon) with the demo feeds.</summary>
public class ParkingDemoRegionTests
{
    [Fact]
    public void Advise_ByBhfAdlershofAtNoon_RanksCarParksWithinWalkWithForecastsFromTheFeed()
    {
        var station = DemoRegion.Map.Pois.Single(p => p.Id == "Bhf Adlershof").Position;
        var feed = FeedFile.Read(TestData.Feed("parking.csv"), FeedKind.ParkingOccupancy);
        var advisor = new ParkingAdvisor(DemoRegion.Graph, PoiFile.Read(TestData.PoisJson).Pois, feed);
        var now = new DateTime(2026, 6, 12, 11, 50, 0);
        var advice = advisor.Advise(new ParkingRequest(station, now, now.AddMinutes(8), TimeSpan.FromHours(2)) { VehicleHeightM = 1.57 });
        Assert.NotEmpty(advice.Candidates);
        var best = advice.Candidates[0];
        Assert.InRange(best.WalkM, 0, 400);
        Assert.NotNull(best.Forecast.SampledAt);
        Assert.InRange(best.Forecast.Confidence, 0.8, 0.95);
        Assert.Contains(advice.Candidates.Concat<object>(advice.Rejected), x => x is ParkingCandidate { Poi.Name: "P+R Bahnhof Adlershof" } or ParkingRejection { Poi.Name: "P+R Bahnhof Adlershof" });
        Assert.All(advice.Candidates, c => Assert.Matches(@"^.+: \d+ m walk \(\d+ min\), (~\d+ free at 11:58 \(feed 11:\d\d, confidence 0\.\d\)|no occupancy data), ", c.Explanation));
        Assert.Equal(advice.Candidates.OrderBy(c => c.Score).Select(c => c.Poi.Id), advice.Candidates.Select(c => c.Poi.Id));
    }
}
