using EdgeAI.Assistant.Suggestions;
using EdgeAI.Assistant.Tests.Fixtures;
using EdgeAI.Assistant.Trip;
using EdgeAI.Assistant.Triggers;
using EdgeAI.Fusion.Context;
using EdgeAI.Services.Map;
using EdgeAI.Services.OpeningHours;

namespace EdgeAI.Assistant.Tests.Triggers;

/// <summary>A meal stop on the bundled drive (a Friday, 2 h at Dörpfeldstraße), started at various local times.</summary>
public class FoodTriggerTests
{
    private const string EarlyClosingCafe = "Frühstückscafé Dörpfeldstraße";

    private static (ScriptedDrive Drive, FoodTrigger Trigger) Drive(DateTimeOffset start, TimeSpan? stay = null)
    {
        var trigger = new FoodTrigger();
        long startNs = (start - DateTimeOffset.UnixEpoch).Ticks * 100;
        var drive = new ScriptedDrive([trigger], Templates.EnglishWriter, startNs: startNs);
        var trip = new TripState(AdlershofDrive.Services, AdlershofDrive.Destination, AdlershofDrive.DestinationName, 15, stay ?? AdlershofDrive.Stay);
        trip.Update(AdlershofDrive.FirstFix, 0.8, startNs, AdlershofDrive.OutsideC, force: true);
        drive.Moment.Trip = trip;
        drive.Send(ContextKeys.Speed, 30);
        return (drive, trigger);
    }

    private static DateTimeOffset Utc(int hour, int minute) => new(2026, 6, 12, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(9, 52)] // the drive: 11:52 in Berlin, arriving 11:54
    [InlineData(10, 13)] // arriving about 12:15, when the café by the destination closes at 12:30
    [InlineData(11, 0)] // arriving about 13:02
    [InlineData(16, 30)] // dinner: arriving about 18:32
    public void MealTimeArrival_ProposesARestaurantOpenAtArrival_NeverTheCafeClosingAtHalfPastTwelve(int hour, int minute)
    {
        var (drive, _) = Drive(Utc(hour, minute));
        var shown = drive.RunUntil("suggestion", 30);
        Assert.NotNull(shown);
        var s = shown.Suggestion!;
        var poi = AdlershofDrive.Poi(s.Proposal.Key);

        Assert.Equal(PoiKind.Restaurant, poi.Kind);
        Assert.Equal(poi.Name, s.Proposal.Fact("restaurant")!.Value);
        Assert.Equal(poi.Food!.Cuisine, s.Proposal.Fact("cuisine")!.Value);
        var local = drive.Moment.LocalTime;
        var arrival = DateTime.ParseExact(s.Proposal.Fact("arrival")!.Value, "HH:mm", null);
        var at = local.Date + arrival.TimeOfDay;
        Assert.InRange(at, local.AddMinutes(-1), local.AddMinutes(15));
        Assert.True(OpeningHoursRule.Parse(poi.Food.OpeningHours!).IsOpenThrough(at.AddMinutes(1), TimeSpan.FromMinutes(44), PublicHolidays.Berlin),
            $"{poi.Name} ({poi.Food.OpeningHours}) at {at:HH:mm}");
        Assert.InRange(double.Parse(s.Proposal.Fact("detour")!.Value), 0, 10);
        Assert.Equal("food.open_until", s.Proposal.Template);
        Assert.Contains(poi.Name, s.Text);
        Assert.StartsWith($"arriving {arrival:HH:mm} at lunch or dinner time for a stay of 2 h; {poi.Name}: ", s.Reason);

        Assert.DoesNotContain(s.Actions, a => a.Label == EarlyClosingCafe);
        foreach (var alternative in s.Actions.Where(a => a.Id.StartsWith("alt:", StringComparison.Ordinal)))
            Assert.Equal(PoiKind.Restaurant, AdlershofDrive.Poi(alternative.Id[4..]).Kind);
    }

    [Fact]
    public void QuarterPastTwelveArrival_TheCafeIsByTheDestination_ButNeverProposed()
    {
        var cafe = AdlershofDrive.Services.Map.Pois.Single(p => p.Name == EarlyClosingCafe);
        Assert.Equal(PoiKind.Cafe, cafe.Kind);
        Assert.InRange(Services.Geo.GeoPoint.DistanceM(cafe.Position, AdlershofDrive.Destination), 0, 200);

        var (drive, _) = Drive(Utc(10, 13));
        drive.RunTo(60);
        Assert.NotEmpty(drive.Of("suggestion"));
        Assert.DoesNotContain(drive.Events, e => e.Suggestion?.Proposal.Key == cafe.Id || e.Suggestion?.Actions.Any(a => a.Id == "alt:" + cafe.Id) == true);
    }

    [Theory]
    [InlineData(7, 0)] // arriving 09:02
    [InlineData(12, 30)] // arriving 14:32, after lunch
    [InlineData(19, 30)] // arriving 21:32, after dinner
    public void ArrivalOutsideMealTimes_NothingIsProposed(int hour, int minute)
    {
        var (drive, _) = Drive(Utc(hour, minute));
        drive.RunTo(60);
        Assert.Empty(drive.Events);
    }

    [Fact]
    public void ShortStayAndShortTrip_Nothing_ButALongTripProposesAMealWhateverTheStay()
    {
        var (drive, trigger) = Drive(Utc(9, 52), stay: TimeSpan.FromMinutes(30));
        drive.RunTo(60);
        Assert.Empty(drive.Events);

        drive.Moment.DriveSeconds = FoodTrigger.LongTripS; // an hour and a half on the road already
        Assert.NotNull(trigger.Evaluate(drive.Moment));
    }

    [Fact]
    public void Standing_NothingIsProposed()
    {
        var (drive, _) = Drive(Utc(9, 52));
        drive.Send(ContextKeys.Speed, 5);
        drive.RunTo(60);
        Assert.Empty(drive.Events);
    }

    [Fact]
    public void ChargingStopPending_OneErrandAtATime()
    {
        var (drive, _) = Drive(Utc(9, 52));
        var charger = AdlershofDrive.Poi(AdlershofDrive.PlannedChargerId);
        drive.Moment.Trip!.Charger = new AcceptedStop(charger.Id, charger.Name, charger.Position, 150, 0.3);
        drive.RunTo(60);
        Assert.Empty(drive.Events);
    }

    [Fact]
    public void Accept_RemembersTheRestaurant_AndProposesNoMore()
    {
        var (drive, trigger) = Drive(Utc(9, 52));
        var s = drive.RunUntil("suggestion", 30)!.Suggestion!;
        Assert.True(drive.Act("food", SuggestionAction.AcceptId));
        Assert.Equal(s.Proposal.Key, trigger.Accepted);
        Assert.Null(trigger.Evaluate(drive.Moment));
    }

    [Fact]
    public void Alternative_RemembersThatRestaurant()
    {
        var (drive, trigger) = Drive(Utc(9, 52));
        var s = drive.RunUntil("suggestion", 30)!.Suggestion!;
        string alternative = s.Actions.Single(a => a.Id.StartsWith("alt:", StringComparison.Ordinal)).Id;
        Assert.True(drive.Act("food", alternative));
        Assert.Equal(alternative[4..], trigger.Accepted);
    }

    [Fact]
    public void OpenAroundTheClock_SaysOpenWithoutAClosingTime()
    {
        var services = HandRegion.Services();
        var trigger = new FoodTrigger();
        var drive = new ScriptedDrive([trigger]);
        drive.Moment.Trip = HandRegion.Trip(services, 1000, drive.NowNs);
        drive.Send(ContextKeys.Speed, 30);
        var proposal = trigger.Evaluate(drive.Moment)!;
        Assert.Equal(HandRegion.Restaurant.Id, proposal.Key);
        Assert.Equal("food.open", proposal.Template);
        Assert.Null(proposal.Fact("open_until"));
    }
}
