using EdgeAI.Services.Feeds;
using EdgeAI.Services.Map;
using EdgeAI.Services.Parking;
using EdgeAI.TestKit;

namespace EdgeAI.Services.Tests.Parking;

/// <summary>
/// The parking ranking on a straight hand-built street (nodes every 100 m, the destination at its west end), where walks,
/// prices and forecasts can be worked out by hand.
/// </summary>
public class ParkingAdvisorTests
{
    private static readonly DateTime Now = new(2026, 6, 12, 18, 20, 0); // a Friday
    private static readonly DateTime Arrival = Now.AddMinutes(20);

    private static Poi CarPark(string id, double eastM, ParkingInfo info) =>
        new(id, PoiKind.Parking, id, HandGraph.At(eastM, 10), Generated: true) { Parking = info };

    private static ParkingInfo Info(double fee = 2, int evSpaces = 0) => new(200, fee, null, false, null, evSpaces, null);

    private static Feed Occupancy(string csv) => FeedFile.Parse(new StringReader("time,poi,free\n" + csv), "test.csv", FeedKind.ParkingOccupancy);

    private static ParkingAdvice Advise(IEnumerable<Poi> pois, Feed? feed, ParkingRequest? request = null) =>
        new ParkingAdvisor(HandGraph.Street(11), pois, feed).Advise(request ?? new ParkingRequest(HandGraph.At(0, 0), Now, Arrival, TimeSpan.FromHours(2)));

    [Fact]
    public void Advise_SamePriceAndSpace_CloserCarParkFirst()
    {
        var feed = Occupancy("2026-06-12T18:20,far,50\n2026-06-12T18:20,near,50\n");
        var advice = Advise([CarPark("far", 500, Info()), CarPark("near", 100, Info())], feed);
        Assert.Equal(["near", "far"], advice.Candidates.Select(c => c.Poi.Id));
        Assert.Equal(110, advice.Candidates[0].WalkM, 0.5); // 10 m to the street, 100 m along it
        Assert.Equal(510, advice.Candidates[1].WalkM, 0.5);
        Assert.Equal(110 / 1.4, advice.Candidates[0].WalkSeconds, 0.5);
    }

    [Fact]
    public void Advise_FreeCarPark400MetresFarther_BeatsSixEuros()
    {
        // near: 2 × 1.3 min walk + 2 × €6 = 14.6; far: 2 × 6.1 min + €0 = 12.1 (both with space for sure)
        var feed = Occupancy("2026-06-12T18:20,far,80\n2026-06-12T18:20,near,80\n");
        var advice = Advise([CarPark("near", 100, Info(fee: 3)), CarPark("far", 500, Info(fee: 0))], feed);
        Assert.Equal(["far", "near"], advice.Candidates.Select(c => c.Poi.Id));
        Assert.Equal(6.0, advice.Candidates[1].PriceEur);
        Assert.Equal(0.0, advice.Candidates[0].PriceEur);
    }

    [Fact]
    public void Advise_FullCarPark_IsRefusedAndTheNextOneSuggested()
    {
        var feed = Occupancy("2026-06-12T18:20,near,0\n2026-06-12T18:20,far,30\n");
        var advice = Advise([CarPark("near", 100, Info()), CarPark("far", 500, Info())], feed);
        Assert.Equal(["far"], advice.Candidates.Select(c => c.Poi.Id));
        var rejected = Assert.Single(advice.Rejected);
        Assert.Equal("near: full: ~0 free at 18:40 (confidence 0.68)", rejected.Reason);
    }

    [Fact]
    public void Advise_GarageLowerThanTheCar_IsRefused()
    {
        var low = CarPark("low", 100, Info() with { Covered = true, MaxHeightM = 1.9 });
        var advice = Advise([low, CarPark("open-air", 300, Info())], null,
            new ParkingRequest(HandGraph.At(0, 0), Now, Arrival, TimeSpan.FromHours(2)) { VehicleHeightM = 2.05 });
        Assert.Equal(["open-air"], advice.Candidates.Select(c => c.Poi.Id));
        Assert.Equal("low: too low: 1.90 m limit, car 2.05 m", Assert.Single(advice.Rejected).Reason);
    }

    [Fact]
    public void Advise_ClosedOnSaturdayOrClosingDuringTheStay_IsRefused()
    {
        var weekdays = CarPark("weekdays", 100, Info() with { OpeningHours = "Mo-Fr 06:00-21:00; Sa,Su,PH off" });
        var saturday = new DateTime(2026, 6, 13, 10, 0, 0);
        var closed = Advise([weekdays], null, new ParkingRequest(HandGraph.At(0, 0), saturday, saturday, TimeSpan.FromHours(1)));
        Assert.Empty(closed.Candidates);
        Assert.Equal("weekdays: closed at 10:00 (Mo-Fr 06:00-21:00; Sa,Su,PH off)", Assert.Single(closed.Rejected).Reason);

        var late = Advise([weekdays], null, new ParkingRequest(HandGraph.At(0, 0), Now, Arrival, TimeSpan.FromHours(3)));
        Assert.Equal("weekdays: closes before the stay ends at 21:40 (Mo-Fr 06:00-21:00; Sa,Su,PH off)", Assert.Single(late.Rejected).Reason);
        Assert.Single(Advise([weekdays], null).Candidates); // 18:40 for 2 h ends at 20:40
    }

    [Fact]
    public void Advise_NeedsEvSpace_RefusesCarParksWithout()
    {
        var advice = Advise([CarPark("plain", 100, Info()), CarPark("ev", 300, Info(evSpaces: 4))], null,
            new ParkingRequest(HandGraph.At(0, 0), Now, Arrival, TimeSpan.FromHours(2)) { NeedsEvSpace = true });
        Assert.Equal(["ev"], advice.Candidates.Select(c => c.Poi.Id));
        Assert.Equal("plain: no EV spaces", Assert.Single(advice.Rejected).Reason);
    }

    [Fact]
    public void Advise_BeyondTheWalkingDistance_IsLeftOut()
    {
        var advice = Advise([CarPark("near", 100, Info()), CarPark("far", 900, Info())], null,
            new ParkingRequest(HandGraph.At(0, 0), Now, Arrival, TimeSpan.FromHours(2)) { MaxWalkM = 500 });
        Assert.Equal(["near"], advice.Candidates.Select(c => c.Poi.Id));
        Assert.Empty(advice.Rejected);
    }

    [Fact]
    public void Explanation_NamesWalkForecastFeedTimePriceAndEvSpaces()
    {
        // live 50 at 18:20, yesterday 30 at 18:40: w = exp(-20/60) = 0.717, free = 0.717·50 + 0.283·30 = 44.3, confidence 0.82
        var feed = Occupancy("2026-06-11T18:35,p,30\n2026-06-11T18:45,p,60\n2026-06-12T18:20,p,50\n");
        var advice = Advise([CarPark("p", 100, Info(evSpaces: 4))], feed);
        var c = Assert.Single(advice.Candidates);
        Assert.Equal(44.33, c.Forecast.Free!.Value, 0.01);
        Assert.Equal(0.822, c.Forecast.Confidence, 0.001);
        Assert.Equal("p: 110 m walk (1 min), ~44 free at 18:40 (feed 18:20, confidence 0.8), €4.00 for 2 h, 4 EV spaces", c.Explanation);
    }

    [Fact]
    public void Forecast_SamplesAfterNow_AreNotKnownYet()
    {
        // The feed file holds the whole replay; at 18:20 the 18:30 sample (full) has not happened.
        var feed = Occupancy("2026-06-12T18:20,p,40\n2026-06-12T18:30,p,0\n");
        var forecast = new OccupancyForecaster(feed).Forecast("p", 200, Now, Arrival);
        Assert.Equal(40, forecast.Free);
        Assert.Equal(Now, forecast.SampledAt);
        Assert.Equal(0.95 * Math.Exp(-20.0 / 60), forecast.Confidence, 1e-9);
    }

    [Fact]
    public void Forecast_NoLiveValue_FallsBackToTheUsualValueWithLowConfidence()
    {
        var feed = Occupancy("2026-06-10T18:40,p,20\n2026-06-11T18:40,p,40\n2026-06-11T18:50,p,90\n");
        var forecast = new OccupancyForecaster(feed).Forecast("p", 200, Now, Arrival); // the last sample is 23.5 h old
        Assert.Equal(30, forecast.Free); // mean of 20 and 40
        Assert.Null(forecast.SampledAt);
        Assert.Equal(0.4, forecast.Confidence);
        Assert.Equal(new ParkingForecast(null, null, 0), new OccupancyForecaster(feed).Forecast("other", 200, Now, Arrival));
    }

    [Theory]
    [InlineData(2.0, null, 150, 6.0)]   // 2 h 30 min = 3 started hours
    [InlineData(2.0, 5.0, 150, 5.0)]    // capped by the daily maximum
    [InlineData(2.0, 5.0, 1500, 7.0)]   // 25 h: one capped day (€5) and one started hour (€2)
    [InlineData(0.0, null, 600, 0.0)]
    [InlineData(1.5, null, 60, 1.5)]
    public void PriceEur_FeePerStartedHour_CappedPerDay(double fee, double? dailyMax, int minutes, double expected) =>
        Assert.Equal(expected, ParkingTariff.PriceEur(new ParkingInfo(100, fee, dailyMax, false, null, 0, null), TimeSpan.FromMinutes(minutes)), 1e-9);
}
