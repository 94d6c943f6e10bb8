using EdgeAI.Assistant.Suggestions;
using EdgeAI.Assistant.Tests.Fixtures;
using EdgeAI.Assistant.Triggers;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Tests.Triggers;

/// <summary>"You can unplug": charging at the accepted stop (Ladepark Rudower Chaussee), the charge reaches the plan's target.</summary>
public class ChargeDoneTriggerTests
{
    private const double Target = 0.35;

    private static (ScriptedDrive Drive, ChargeDoneTrigger Trigger) PluggedIn(double socPercent)
    {
        var trigger = new ChargeDoneTrigger();
        var drive = new ScriptedDrive([trigger], Templates.EnglishWriter);
        drive.Moment.Trip = TriggerCases.PluggedIn(drive, socPercent: 30, targetSoc: Target);
        drive.Send(ContextKeys.Speed, 0);
        drive.Send(ContextKeys.IsCharging, true);
        drive.Send(ContextKeys.StateOfCharge, socPercent);
        return (drive, trigger);
    }

    [Fact]
    public void BelowTheTarget_Nothing_AtTheTarget_SaysTheCarCanGoWithTheArrivalCharge()
    {
        var (drive, _) = PluggedIn(34);
        drive.RunTo(30);
        Assert.Empty(drive.Events);

        drive.Send(ContextKeys.StateOfCharge, 35);
        var shown = drive.RunUntil("suggestion", 40)!;
        Assert.Equal(drive.At(32.5), shown.TimeNs);
        var s = shown.Suggestion!;
        var trip = drive.Moment.Trip!;
        string arrival = Facts.Number("x", 35 - trip.Plan!.EnergyKwh / trip.Services.Vehicle.BatteryKwh * 100, 0, "%").Shown;
        Assert.Equal(AdlershofDrive.PlannedChargerId, s.Proposal.Key);
        Assert.Equal(SuggestionPriority.Convenience, s.Priority);
        Assert.Equal("trip", s.Kind);
        Assert.Equal("35 %", s.Proposal.Fact("soc")!.Shown);
        Assert.Equal(arrival, s.Proposal.Fact("arrival_soc")!.Shown);
        Assert.Equal(AdlershofDrive.PlannedChargerName, s.Proposal.Fact("charger")!.Value);
        Assert.Equal($"35 % now: enough to reach {AdlershofDrive.DestinationName} with {arrival} left. You can unplug.", s.Text);
        Assert.Equal($"SoC 35 % reaches {AdlershofDrive.DestinationName} with {arrival}, above the 15 % reserve", s.Reason);
        Assert.Equal([SuggestionAction.AcceptId, SuggestionAction.DismissId], s.Actions.Select(a => a.Id));
    }

    [Fact]
    public void Hysteresis_StaysOnUntilTwoPointsBelowTheTarget()
    {
        var (drive, trigger) = PluggedIn(35);
        var shown = drive.RunUntil("suggestion", 10)!.Suggestion!;

        drive.Send(ContextKeys.StateOfCharge, 33.5); // a displayed value settling back: still done
        drive.RunFor(30);
        Assert.Same(shown, drive.Engine.ShownOf("trip"));
        Assert.Equal(["suggestion"], drive.Events.Select(e => e.Type));

        drive.Send(ContextKeys.StateOfCharge, 32.9);
        Assert.Null(trigger.Evaluate(drive.Moment));
        Assert.Equal("no_longer_true", drive.RunUntil("withdrawn", drive.T + 5)!.Reason);

        drive.Send(ContextKeys.StateOfCharge, 34); // between: off until the target again
        Assert.Null(trigger.Evaluate(drive.Moment));
        drive.Send(ContextKeys.StateOfCharge, 35);
        Assert.NotNull(trigger.Evaluate(drive.Moment));
    }

    [Fact]
    public void ChargingStopped_NothingEvenAboveTheTarget()
    {
        var (drive, _) = PluggedIn(40);
        drive.Send(ContextKeys.IsCharging, false);
        drive.RunTo(30);
        Assert.Empty(drive.Events);
    }

    [Fact]
    public void ChargingFlagGoingStale_SwitchesOff_AndTheTargetMustBeReachedAgain()
    {
        var (drive, trigger) = PluggedIn(35);
        Assert.NotNull(trigger.Evaluate(drive.Moment));
        drive.SetStale(ContextKeys.IsCharging, 1);
        Assert.Null(trigger.Evaluate(drive.Moment));

        drive.Send(ContextKeys.IsCharging, true);
        drive.Send(ContextKeys.StateOfCharge, 34); // inside the hysteresis band, but the state was reset
        Assert.Null(trigger.Evaluate(drive.Moment));
    }

    [Fact]
    public void NoAcceptedStop_NothingWhileCharging()
    {
        var (drive, _) = PluggedIn(40);
        drive.Moment.Trip!.Charger = null;
        drive.RunTo(30);
        Assert.Empty(drive.Events);
    }

    [Fact]
    public void TheDrive_AcceptTheStop_PlugIn_ChargedToThePlannersTarget_SaysYouCanUnplug()
    {
        var drive = new ScriptedDrive([new ChargingTrigger(), new ChargeDoneTrigger()], Templates.EnglishWriter);
        var trip = AdlershofDrive.Trip(AdlershofDrive.FirstFix, AdlershofDrive.StartSocPercent, drive.NowNs);
        drive.Moment.Trip = trip;
        drive.Send(ContextKeys.Speed, 30);
        drive.Send(ContextKeys.StateOfCharge, AdlershofDrive.StartSocPercent);
        drive.RunUntil("suggestion", 10, "charging");
        drive.Act("charging", SuggestionAction.AcceptId);
        double target = trip.Charger!.TargetSoc * 100;

        // At the charger, plugged in, a little below the target.
        var charger = AdlershofDrive.Poi(AdlershofDrive.PlannedChargerId);
        double arrived = target - 0.3;
        drive.Send(ContextKeys.Speed, 0);
        drive.Send(ContextKeys.IsCharging, true);
        drive.Send(ContextKeys.StateOfCharge, arrived);
        trip.ObserveCharging(charging: true, moving: false);
        trip.Update(charger.Position, arrived / 100, drive.NowNs, AdlershofDrive.OutsideC);
        drive.RunFor(30);
        Assert.DoesNotContain(drive.Events, e => e.Kind == "trip");

        drive.Send(ContextKeys.StateOfCharge, target + 0.1);
        var done = drive.RunUntil("suggestion", drive.T + 10, "trip")!.Suggestion!;
        Assert.Equal("trip.charged", done.Proposal.Template);
        Assert.Contains("You can unplug.", done.Text);
        Assert.Contains(AdlershofDrive.DestinationName, done.Text);
        Assert.DoesNotContain(drive.Events, e => e.Type == "suggestion" && e.Kind == "charging" && e.TimeNs > drive.At(5));
    }
}
