using EdgeAI.Assistant.Suggestions;
using EdgeAI.Assistant.Tests.Fixtures;
using EdgeAI.Assistant.Trip;
using EdgeAI.Assistant.Triggers;
using EdgeAI.Fusion.Context;
using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;
using EdgeAI.Services.OpeningHours;
using EdgeAI.TestKit;

namespace EdgeAI.Assistant.Tests.Triggers;

/// <summary>
/// Parking near the destination: on the bundled drive (Dörpfeldstraße by Bhf Adlershof, with the parking feed), and on
/// the hand-made street where the distances of the hysteresis can be driven.
/// </summary>
public class ParkingTriggerTests
{
    private static (ScriptedDrive Drive, ParkingTrigger Trigger) Demo(GeoPoint at)
    {
        var trigger = new ParkingTrigger();
        var drive = new ScriptedDrive([trigger], Templates.EnglishWriter);
        drive.Moment.Trip = AdlershofDrive.Trip(at, 80, drive.NowNs);
        drive.Send(ContextKeys.Speed, 30);
        return (drive, trigger);
    }

    [Fact]
    public void WithinEnterM_ProposesACarParkByTheDestinationOpenAtArrival_WithTheFeedsFreeSpaces()
    {
        var (drive, _) = Demo(AdlershofDrive.OnTheRoute(900));
        var trip = drive.Moment.Trip!;
        Assert.InRange(trip.RemainingM, 600, ParkingTrigger.EnterM);
        var s = drive.RunUntil("suggestion", 10)!.Suggestion!;

        var poi = AdlershofDrive.Poi(s.Proposal.Key);
        Assert.Equal(PoiKind.Parking, poi.Kind);
        Assert.Equal(poi.Name, s.Proposal.Fact("parking")!.Value);
        Assert.InRange(GeoPoint.DistanceM(poi.Position, AdlershofDrive.Destination), 0, 800);
        var arrival = trip.ArrivalLocal!.Value;
        if (poi.Parking!.OpeningHours is { } hours)
            Assert.True(OpeningHoursRule.Parse(hours).IsOpenThrough(arrival, AdlershofDrive.Stay, PublicHolidays.Berlin), $"{poi.Name}: {hours} at {arrival}");
        Assert.Equal(arrival.ToString("HH:mm"), s.Proposal.Fact("arrival")!.Value);
        Assert.Equal("2.0 h", s.Proposal.Fact("stay_h")!.Shown);
        Assert.Equal(Facts.Distance("x", trip.RemainingM).Shown, s.Proposal.Fact("route_left")!.Shown);
        Assert.Equal("parking.best_free", s.Proposal.Template);
        Assert.EndsWith(" spaces", s.Proposal.Fact("free")!.Shown);
        Assert.Contains(poi.Name, s.Text);
        Assert.StartsWith($"{Facts.Distance("x", trip.RemainingM).Shown} to {AdlershofDrive.DestinationName}, arriving {arrival:HH:mm}; {poi.Name}: ", s.Reason);

        var alternative = Assert.Single(s.Actions, a => a.Id.StartsWith("alt:", StringComparison.Ordinal));
        var other = AdlershofDrive.Poi(alternative.Id[4..]);
        Assert.Equal(PoiKind.Parking, other.Kind);
        Assert.NotEqual(poi.Id, other.Id);
    }

    [Fact]
    public void Accept_RemembersTheCarPark_AndProposesNoMore()
    {
        var (drive, trigger) = Demo(AdlershofDrive.OnTheRoute(900));
        var s = drive.RunUntil("suggestion", 10)!.Suggestion!;
        Assert.True(drive.Act("parking", SuggestionAction.AcceptId));
        Assert.Equal(s.Proposal.Key, trigger.Accepted);
        drive.RunFor(900);
        Assert.Single(drive.Of("suggestion"));
    }

    [Fact]
    public void Alternative_RemembersThatCarPark()
    {
        var (drive, trigger) = Demo(AdlershofDrive.OnTheRoute(900));
        var s = drive.RunUntil("suggestion", 10)!.Suggestion!;
        string alternative = s.Actions.Single(a => a.Id.StartsWith("alt:", StringComparison.Ordinal)).Id;
        Assert.True(drive.Act("parking", alternative));
        Assert.Equal(alternative[4..], trigger.Accepted);
        Assert.Null(trigger.Evaluate(drive.Moment));
    }

    [Fact]
    public void ChargingStopPending_NothingIsProposed()
    {
        var (drive, _) = Demo(AdlershofDrive.OnTheRoute(900));
        var charger = AdlershofDrive.Poi(AdlershofDrive.PlannedChargerId);
        drive.Moment.Trip!.Charger = new AcceptedStop(charger.Id, charger.Name, charger.Position, 150, 0.3);
        drive.RunTo(60);
        Assert.Empty(drive.Events);
    }

    [Fact]
    public void Arrived_NothingIsProposed()
    {
        var (drive, _) = Demo(AdlershofDrive.Destination);
        Assert.InRange(drive.Moment.Trip!.RemainingM, 0, ParkingTrigger.ArrivedM);
        drive.RunTo(60);
        Assert.Empty(drive.Events);
    }

    [Fact]
    public void NoPlan_NothingIsProposed()
    {
        var (drive, _) = Demo(AdlershofDrive.OnTheRoute(900));
        drive.Moment.Trip = new TripState(AdlershofDrive.Services, AdlershofDrive.Destination, AdlershofDrive.DestinationName, 15, AdlershofDrive.Stay);
        drive.RunTo(60);
        Assert.Empty(drive.Events);
    }

    [Fact]
    public void Hysteresis_OnWithinEnterM_StaysOnUpToExitM_OffBeyond()
    {
        var trigger = new ParkingTrigger();
        var drive = new ScriptedDrive([trigger]);
        var trip = HandRegion.Trip(HandRegion.Services(), 1200, drive.NowNs);
        drive.Moment.Trip = trip;
        void At(double eastM) => trip.Update(HandGraph.At(eastM, 0), 0.8, drive.NowNs, 20, force: true);

        Assert.InRange(trip.RemainingM, 1150, 1250);
        Assert.Null(trigger.Evaluate(drive.Moment)); // approaching, not near yet

        At(900);
        var near = trigger.Evaluate(drive.Moment);
        Assert.NotNull(near);
        Assert.Equal(HandRegion.CarPark.Id, near.Key);
        Assert.Equal("parking.best", near.Template); // no occupancy feed here

        At(1200); // a detour takes the car out again, less than ExitM
        Assert.NotNull(trigger.Evaluate(drive.Moment));
        At(1290);
        Assert.NotNull(trigger.Evaluate(drive.Moment));

        At(1400);
        Assert.True(trip.RemainingM > ParkingTrigger.ExitM);
        Assert.Null(trigger.Evaluate(drive.Moment));

        At(1200); // not within EnterM again yet
        Assert.Null(trigger.Evaluate(drive.Moment));
        At(950);
        Assert.NotNull(trigger.Evaluate(drive.Moment));
    }
}
