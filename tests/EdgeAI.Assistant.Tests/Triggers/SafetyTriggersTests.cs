using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Assistant.Tests.Fixtures;
using EdgeAI.Assistant.Triggers;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Tests.Triggers;

/// <summary>The safety reminders: belt, open door, charge port, parking brake, each above its own speed.</summary>
public class SafetyTriggersTests
{
    private static ScriptedDrive Drive(ITrigger trigger, double speed)
    {
        var drive = new ScriptedDrive([trigger], Templates.EnglishWriter);
        drive.Send(ContextKeys.Speed, speed);
        return drive;
    }

    public static TheoryData<string, double> Thresholds => new()
    {
        { "belt", 10 }, { "door", 5 }, { "charge_port", 2 }, { "parking_brake", 5 },
    };

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void Speed_AtItsThresholdNothing_AboveItFires(string name, double kmh)
    {
        var (drive, trigger) = TriggerCases.All[name].Start();
        drive.Send(ContextKeys.Speed, kmh);
        Assert.Null(trigger.Evaluate(drive.Moment));
        drive.Send(ContextKeys.Speed, kmh + 0.5);
        Assert.NotNull(trigger.Evaluate(drive.Moment));
        drive.Send(ContextKeys.Speed, 0);
        Assert.Null(trigger.Evaluate(drive.Moment));
    }

    [Theory]
    [MemberData(nameof(TriggerCases.Safety), MemberType = typeof(TriggerCases))]
    public void ConditionCleared_WithdrawnAfterItsReleaseS(string name)
    {
        var (drive, trigger) = TriggerCases.All[name].Start();
        Assert.NotNull(drive.RunUntil("suggestion", 10));
        drive.Send(ContextKeys.Speed, 0); // stopped: no reminder is due
        if (name == "attention") drive.Send(ContextKeys.Attention, (int)DriverAttention.Attentive);
        double cleared = drive.T + ScriptedDrive.TickS;
        var withdrawn = drive.RunUntil("withdrawn", 30);
        Assert.Equal("no_longer_true", withdrawn!.Reason);
        Assert.Equal(drive.At(cleared + trigger.Policy.ReleaseS), withdrawn.TimeNs);
    }

    [Fact]
    public void Belt_Unbuckled_ReminderWithTheSpeed_Buckled_Nothing()
    {
        var trigger = new BeltTrigger();
        var drive = Drive(trigger, 31.4);
        drive.Send(ContextKeys.DriverBelt, false);
        var s = drive.RunUntil("suggestion", 10)!.Suggestion!;
        Assert.Equal("Your seat belt is not fastened.", s.Text);
        Assert.Equal("driver belt unbuckled at 31 km/h", s.Reason);
        Assert.Equal("31 km/h", s.Proposal.Fact("speed")!.Shown);
        Assert.Equal([SuggestionAction.AcceptId], s.Actions.Select(a => a.Id));

        drive.Send(ContextKeys.DriverBelt, true);
        Assert.Null(trigger.Evaluate(drive.Moment));
    }

    public static TheoryData<string, string> Openings => new()
    {
        { ContextKeys.DoorDriver, "driver door" }, { ContextKeys.DoorPassenger, "passenger door" },
        { ContextKeys.DoorRearLeft, "rear left door" }, { ContextKeys.DoorRearRight, "rear right door" },
        { ContextKeys.Trunk, "trunk" }, { "Vehicle.Body.Hood.IsOpen", "hood" },
    };

    [Theory]
    [MemberData(nameof(Openings))]
    public void Door_EachOpening_NamedInTheReminder(string key, string name)
    {
        var trigger = new DoorOpenTrigger();
        var drive = Drive(trigger, 20);
        drive.Send(key, true);
        var s = drive.RunUntil("suggestion", 10)!.Suggestion!;
        Assert.Equal(name, s.Proposal.Fact("opening")!.Value);
        Assert.Equal($"The {name} is open.", s.Text);
        Assert.Equal($"{name} open at 20 km/h", s.Reason);

        drive.Send(key, false);
        Assert.Null(trigger.Evaluate(drive.Moment));
    }

    [Fact]
    public void Door_SeveralOpen_TheFirstIsNamed_AnotherClosingKeepsTheSameSuggestion()
    {
        var trigger = new DoorOpenTrigger();
        var drive = Drive(trigger, 20);
        drive.Send(ContextKeys.Trunk, true);
        drive.Send(ContextKeys.DoorPassenger, true);
        var s = drive.RunUntil("suggestion", 10)!.Suggestion!;
        Assert.Equal("passenger door", s.Proposal.Fact("opening")!.Value);

        drive.Send(ContextKeys.DoorPassenger, false);
        drive.RunFor(10);
        Assert.Equal("trunk", trigger.Evaluate(drive.Moment)!.Fact("opening")!.Value);
        Assert.Same(s, drive.Engine.ShownOf("safety")); // one reminder about openings, not one per door
    }

    [Theory]
    [InlineData(1, true)] // OPEN
    [InlineData(0, false)] // CLOSED
    [InlineData(5, false)] // a value without a label
    public void ChargePort_OnlyTheOpenLabelFires(double flap, bool fires)
    {
        var trigger = new ChargePortTrigger();
        var drive = Drive(trigger, 10);
        drive.Send(ChargePortTrigger.ChargePortFlap, flap);
        Assert.Equal(fires, trigger.Evaluate(drive.Moment) is not null);
    }

    [Fact]
    public void ParkingBrake_Engaged_ReminderText_Released_Nothing()
    {
        var trigger = new ParkingBrakeTrigger();
        var drive = Drive(trigger, 12);
        drive.Send(ContextKeys.ParkingBrake, true);
        var s = drive.RunUntil("suggestion", 10)!.Suggestion!;
        Assert.Equal("The parking brake is on while driving.", s.Text);
        Assert.Equal("parking brake engaged at 12 km/h", s.Reason);
        drive.Send(ContextKeys.ParkingBrake, false);
        Assert.Null(trigger.Evaluate(drive.Moment));
    }
}
