using EdgeAI.Assistant.Suggestions;
using EdgeAI.Assistant.Tests.Fixtures;
using EdgeAI.Assistant.Triggers;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Tests.Triggers;

/// <summary>Time to green and the green-light speed band at the light on Rudower Chaussee (945142211, group 1).</summary>
public class TrafficLightTriggersTests
{
    private static ScriptedDrive Drive(EdgeAI.Assistant.Engine.ITrigger trigger, double speedKmh)
    {
        var drive = new ScriptedDrive([trigger], Templates.EnglishWriter);
        drive.Send(ContextKeys.Speed, speedKmh);
        drive.Send(ContextKeys.Gear, 3); // D
        return drive;
    }

    [Fact]
    public void Countdown_StoppedAtARed_SaysHowLong()
    {
        var drive = Drive(new TrafficLightTrigger(), 0);
        drive.Moment.Light = Lights.Red(20, distanceM: 8);
        var s = drive.RunUntil("suggestion", 10)!.Suggestion!;

        Assert.Equal("945142211/1", s.Proposal.Key);
        Assert.Equal("Green in 20 s.", s.Text);
        Assert.Equal("945142211", s.Proposal.Fact("intersection")!.Value);
        Assert.Equal("90 %", s.Proposal.Fact("confidence")!.Shown);
        Assert.Equal("stopped 10 m before the stop line of 945142211, red for signal group 1; SPaT predicts green in 20 s (90 % confident)", s.Reason);
        Assert.Equal([SuggestionAction.DismissId], s.Actions.Select(a => a.Id));
    }

    [Theory]
    [InlineData(20, 0.9, 0, true)]
    [InlineData(4, 0.9, 0, false)] // too short a wait to show
    [InlineData(20, 0.4, 0, false)] // the prediction is not trusted
    [InlineData(20, 0.9, 2.5, false)] // rolling
    public void Countdown_OnlyStoppedAtAConfidentRedWithMoreThanFourSecondsToWait(double timeToGreenS, double confidence, double speedKmh, bool fires)
    {
        var trigger = new TrafficLightTrigger();
        var drive = Drive(trigger, speedKmh);
        drive.Moment.Light = Lights.Red(timeToGreenS, confidence: confidence);
        Assert.Equal(fires, trigger.Evaluate(drive.Moment) is not null);
    }

    [Theory]
    [InlineData(3, true)] // D: waiting in traffic
    [InlineData(1, true)] // R
    [InlineData(0, false)] // P: parked by the road
    [InlineData(2, false)] // N
    public void Countdown_OnlyInDriveOrReverse(double gear, bool fires)
    {
        var trigger = new TrafficLightTrigger();
        var drive = Drive(trigger, 0);
        drive.Send(ContextKeys.Gear, gear);
        drive.Moment.Light = Lights.Red(20);
        Assert.Equal(fires, trigger.Evaluate(drive.Moment) is not null);
    }

    [Fact]
    public void Countdown_NoLightAhead_Nothing()
    {
        var trigger = new TrafficLightTrigger();
        var drive = Drive(trigger, 0);
        drive.RunTo(10);
        Assert.Empty(drive.Events);
    }

    [Fact]
    public void Countdown_RunningDown_WithdrawnAtOnceWhenTheAdvisorStopsShowingIt()
    {
        var drive = Drive(new TrafficLightTrigger(), 0);
        drive.BeforeTick = d => d.Moment.Light = Lights.Red(15 - d.T); // green at 15 s
        drive.RunTo(20);

        Assert.Equal(["suggestion", "withdrawn"], drive.Events.Select(e => e.Type));
        Assert.Equal(drive.At(1.5), drive.Events[0].TimeNs);
        Assert.Equal("Green in 14 s.", drive.Events[0].Suggestion!.Text); // 13.5 s, rounded half away from zero
        Assert.Equal(drive.At(11), drive.Events[1].TimeNs); // the last 4 s are not counted down; ReleaseS is 0
        Assert.Equal("no_longer_true", drive.Events[1].Reason);
    }

    [Fact]
    public void Glosa_Approaching_GivesTheSpeedBandForTheGreen()
    {
        var drive = Drive(new GlosaTrigger(), 40);
        drive.Moment.Light = Lights.Red(10, distanceM: 200, speedKmh: 40); // green from 10 s to 30 s: 24..72 km/h, at most the limit
        var s = drive.RunUntil("suggestion", 10)!.Suggestion!;

        Assert.Equal("945142211/1", s.Proposal.Key);
        Assert.Equal("24 km/h", s.Proposal.Fact("min_kph")!.Shown);
        Assert.Equal("50 km/h", s.Proposal.Fact("max_kph")!.Shown);
        Assert.Equal("200 m", s.Proposal.Fact("stop_line")!.Shown);
        Assert.Equal("Green wave: keep 24 km/h to 50 km/h for the next light.", s.Text);
        Assert.Equal("200 m to the light at 945142211, now 40 km/h; between 24 km/h and 50 km/h it is green on arrival", s.Reason);
    }

    [Theory]
    [InlineData(200, 40, 40, 0.9, true)]
    [InlineData(200, 40, 9, 0.9, false)] // below 10 km/h
    [InlineData(300, 40, 40, 0.9, false)] // beyond the advisor's 250 m
    [InlineData(200, 40, 40, 0.3, false)] // not confident
    public void Glosa_OnlyWithABandAndMoving(double distanceM, double advisedAtKmh, double speedKmh, double confidence, bool fires)
    {
        var trigger = new GlosaTrigger();
        var drive = Drive(trigger, speedKmh);
        drive.Moment.Light = Lights.Red(10, distanceM, advisedAtKmh, confidence);
        Assert.Equal(fires, trigger.Evaluate(drive.Moment) is not null);
    }

    [Fact]
    public void Glosa_CloserThanFiftyMetres_NoTimeToAdapt_Nothing()
    {
        var trigger = new GlosaTrigger();
        var drive = Drive(trigger, 40);
        drive.Moment.Light = Lights.Red(2, distanceM: 40, speedKmh: 40);
        Assert.NotNull(drive.Moment.Light.GlosaMinKph); // the advisor has a band
        Assert.Null(trigger.Evaluate(drive.Moment));
        drive.Moment.Light = Lights.Red(3, distanceM: GlosaTrigger.MinDistanceM, speedKmh: 40);
        Assert.NotNull(drive.Moment.Light.GlosaMinKph);
        Assert.NotNull(trigger.Evaluate(drive.Moment));
    }

    [Fact]
    public void Glosa_WhileTurning_HeldByTheGate()
    {
        var drive = Drive(new GlosaTrigger(), 40);
        drive.Moment.Light = Lights.Red(10, distanceM: 200, speedKmh: 40);
        drive.Send(ContextKeys.Turning, true);
        drive.RunTo(5);
        Assert.Equal("turning", Assert.Single(drive.Events).Reason);
    }
}
