using EdgeAI.Assistant.Suggestions;
using EdgeAI.Assistant.Tests.Fixtures;
using EdgeAI.Assistant.Triggers;
using EdgeAI.Fusion.Context;
using EdgeAI.Services.Geo;

namespace EdgeAI.Assistant.Tests.Triggers;

/// <summary>The charging proposal on the bundled drive: 15.2 % at the first fix, 15 % reserve, to Dörpfeldstraße.</summary>
public class ChargingTriggerTests
{
    private static ScriptedDrive Drive(ChargingTrigger trigger, double socPercent)
    {
        var drive = new ScriptedDrive([trigger], Templates.EnglishWriter);
        drive.Moment.Trip = AdlershofDrive.Trip(AdlershofDrive.FirstFix, socPercent, drive.NowNs);
        drive.Send(ContextKeys.Speed, 30);
        drive.Send(ContextKeys.StateOfCharge, socPercent);
        return drive;
    }

    [Fact]
    public void DrivesStart_ProposesThePlannersCharger_WithTheNumbersItRestsOn()
    {
        var drive = Drive(new ChargingTrigger(), AdlershofDrive.StartSocPercent);
        var trip = drive.Moment.Trip!;
        var stop = Assert.Single(trip.Plan!.Charging.Stops);
        Assert.Equal(AdlershofDrive.PlannedChargerId, stop.Charger.Id);

        var s = drive.RunUntil("suggestion", 10)!.Suggestion!;
        Assert.Equal(AdlershofDrive.PlannedChargerId, s.Proposal.Key);
        Assert.Equal(SuggestionPriority.Navigation, s.Priority);
        Assert.Equal(AdlershofDrive.PlannedChargerName, s.Proposal.Fact("charger")!.Value);
        Assert.Equal("15 %", s.Proposal.Fact("soc")!.Shown);
        Assert.Equal("15 %", s.Proposal.Fact("reserve")!.Shown);
        Assert.Equal("150 kW", s.Proposal.Fact("charger_kw")!.Shown);
        Assert.Equal(AdlershofDrive.DestinationName, s.Proposal.Fact("destination")!.Value);
        Assert.Equal(Facts.Distance("x", trip.RemainingM).Shown, s.Proposal.Fact("route_left")!.Shown);
        Assert.Equal(Facts.Distance("x", stop.Charger.AlongRouteM).Shown, s.Proposal.Fact("charger_in")!.Shown);
        Assert.Contains(AdlershofDrive.PlannedChargerName, s.Text);
        Assert.True(s.Text.Length <= 120, s.Text);
        Assert.StartsWith("SoC 15 %, 1.6 km of route left needing 0.2 kWh, plus the 15 % reserve", s.Reason);

        Assert.Equal(SuggestionAction.AcceptId, s.Actions[0].Id);
        Assert.Equal(SuggestionAction.DismissId, s.Actions[^1].Id);
        var alternative = Assert.Single(s.Actions, a => a.Id.StartsWith("alt:", StringComparison.Ordinal));
        var other = Assert.Single(trip.Plan.Chargers, c => "alt:" + c.Id == alternative.Id);
        Assert.NotEqual(AdlershofDrive.PlannedChargerId, other.Id);
        Assert.Equal(other.Name, alternative.Label);
    }

    [Fact]
    public void WithRangeKnown_TheReasonAndTheFactsGiveIt()
    {
        var drive = Drive(new ChargingTrigger(), AdlershofDrive.StartSocPercent);
        drive.Send(ContextKeys.Range, 41);
        var s = drive.RunUntil("suggestion", 10)!.Suggestion!;
        Assert.Equal("41 km", s.Proposal.Fact("range")!.Shown);
        Assert.StartsWith("SoC 15 %, 41 km of range, 1.6 km of route left", s.Reason);
    }

    [Fact]
    public void Accept_PutsThePlannersStopIntoTheTrip_AndTheProposalEnds()
    {
        var trigger = new ChargingTrigger();
        var drive = Drive(trigger, AdlershofDrive.StartSocPercent);
        var trip = drive.Moment.Trip!;
        var stop = trip.Plan!.Charging.Stops[0];
        drive.RunUntil("suggestion", 10);
        Assert.True(drive.Act("charging", SuggestionAction.AcceptId));

        var accepted = trip.Charger!;
        var poi = AdlershofDrive.Poi(AdlershofDrive.PlannedChargerId);
        Assert.Equal(AdlershofDrive.PlannedChargerId, accepted.PoiId);
        Assert.Equal(AdlershofDrive.PlannedChargerName, accepted.Name);
        Assert.Equal(poi.Position, accepted.Position);
        Assert.Equal(150, accepted.PowerKw);
        Assert.Equal(stop.DepartureSoc, accepted.TargetSoc);
        Assert.False(accepted.Reached);
        Assert.Equal(long.MinValue, trip.PlannedNs); // replanned at the next update, through the charger

        drive.RunFor(600);
        Assert.Single(drive.Of("suggestion"));
        Assert.Null(trigger.Evaluate(drive.Moment));
    }

    [Fact]
    public void Alternative_PutsThatChargerIntoTheTrip_WithEnoughChargeForTheRouteAndReserve()
    {
        var drive = Drive(new ChargingTrigger(), AdlershofDrive.StartSocPercent);
        var trip = drive.Moment.Trip!;
        var s = drive.RunUntil("suggestion", 10)!.Suggestion!;
        string alternative = s.Actions.Single(a => a.Id.StartsWith("alt:", StringComparison.Ordinal)).Id;
        Assert.True(drive.Act("charging", alternative));

        Assert.Equal(alternative[4..], trip.Charger!.PoiId);
        double expected = Math.Min(0.8, 0.15 + trip.Plan!.EnergyKwh / trip.Services.Vehicle.BatteryKwh + 0.05);
        Assert.Equal(expected, trip.Charger.TargetSoc, 9);
        Assert.Equal("action", drive.Events[^1].Type);
    }

    [Fact]
    public void EnoughCharge_NothingIsProposed()
    {
        var drive = Drive(new ChargingTrigger(), 80);
        Assert.Empty(drive.Moment.Trip!.Plan!.Charging.Stops);
        drive.RunTo(60);
        Assert.Empty(drive.Events);
    }

    [Fact]
    public void WhileCharging_NothingIsProposed()
    {
        var drive = Drive(new ChargingTrigger(), AdlershofDrive.StartSocPercent);
        drive.Send(ContextKeys.IsCharging, true);
        drive.RunTo(60);
        Assert.Empty(drive.Events);
    }

    [Fact]
    public void NoTrip_NothingIsProposed()
    {
        var drive = Drive(new ChargingTrigger(), AdlershofDrive.StartSocPercent);
        drive.Moment.Trip = null;
        drive.RunTo(60);
        Assert.Empty(drive.Events);
    }

    [Fact]
    public void ReleaseMargin_ChargeJustEnoughWithoutAStop_KeepsTheProposal_UntilTheMarginIsCovered()
    {
        var trigger = new ChargingTrigger();
        var drive = Drive(trigger, AdlershofDrive.StartSocPercent);
        var trip = drive.Moment.Trip!;
        var shown = drive.RunUntil("suggestion", 10)!.Suggestion!;
        double battery = trip.Services.Vehicle.BatteryKwh, energy = trip.Plan!.EnergyKwh;

        // Enough above the reserve for the route, but not by the margin: the planner needs no stop, the trigger stays on.
        double band = 15 + energy * (1 + ChargingTrigger.ReleaseMargin) / 2 / battery * 100;
        drive.Send(ContextKeys.StateOfCharge, band);
        trip.Update(AdlershofDrive.FirstFix, band / 100, drive.NowNs, AdlershofDrive.OutsideC, force: true);
        Assert.Empty(trip.Plan!.Charging.Stops);
        var proposal = trigger.Evaluate(drive.Moment);
        Assert.NotNull(proposal);
        Assert.Equal(AdlershofDrive.PlannedChargerId, proposal.Key);
        drive.RunFor(60);
        Assert.Equal(["suggestion"], drive.Events.Select(e => e.Type));
        Assert.Same(shown, drive.Engine.ShownOf("charging"));

        // Covered by the margin: off, and withdrawn after ReleaseS.
        double above = 15 + energy * (ChargingTrigger.ReleaseMargin + 0.1) / battery * 100;
        drive.Send(ContextKeys.StateOfCharge, above);
        trip.Update(AdlershofDrive.FirstFix, above / 100, drive.NowNs, AdlershofDrive.OutsideC, force: true);
        double off = drive.T + ScriptedDrive.TickS;
        var withdrawn = drive.RunUntil("withdrawn", drive.T + 30);
        Assert.Equal("no_longer_true", withdrawn!.Reason);
        Assert.Equal(drive.At(off + trigger.Policy.ReleaseS), withdrawn.TimeNs);

        // Back in the band: the planner needs no stop, and the trigger is off: nothing.
        drive.Send(ContextKeys.StateOfCharge, band);
        trip.Update(AdlershofDrive.FirstFix, band / 100, drive.NowNs, AdlershofDrive.OutsideC, force: true);
        Assert.Null(trigger.Evaluate(drive.Moment));
    }

    [Fact]
    public void ReleaseMargin_NeverSwitchedOn_TheBandAloneProposesNothing()
    {
        var trigger = new ChargingTrigger();
        var drive = Drive(trigger, 80);
        var trip = drive.Moment.Trip!;
        double band = 15 + trip.Plan!.EnergyKwh * 1.05 / trip.Services.Vehicle.BatteryKwh * 100;
        drive.Send(ContextKeys.StateOfCharge, band);
        trip.Update(AdlershofDrive.FirstFix, band / 100, drive.NowNs, AdlershofDrive.OutsideC, force: true);
        drive.RunTo(60);
        Assert.Empty(drive.Events);
    }

    [Fact]
    public void AtTheDestination_NoRouteLeft_NothingIsProposed()
    {
        var drive = Drive(new ChargingTrigger(), 15.1);
        drive.Moment.Trip = AdlershofDrive.Trip(AdlershofDrive.Destination, 15.1, drive.NowNs);
        drive.RunTo(60);
        Assert.Empty(drive.Events);
    }
}
