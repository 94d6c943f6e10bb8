using EdgeAI.Assistant.Suggestions;
using EdgeAI.Assistant.Tests.Fixtures;
using EdgeAI.Assistant.Triggers;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Tests.Triggers;

/// <summary>The driver monitor's escalations: a reminder for the first episode, a break for a repeat within 15 min.</summary>
public class AttentionTriggerTests
{
    private static (ScriptedDrive Drive, AttentionTrigger Trigger) Drive()
    {
        var trigger = new AttentionTrigger();
        var drive = new ScriptedDrive([trigger], Templates.EnglishWriter);
        drive.Send(ContextKeys.Speed, 50);
        return (drive, trigger);
    }

    private static void Episode(ScriptedDrive drive, double lengthS, DriverAttention level = DriverAttention.PreAlert)
    {
        drive.Send(ContextKeys.Attention, (int)level);
        drive.RunFor(lengthS);
        drive.Send(ContextKeys.Attention, (int)DriverAttention.Attentive);
    }

    [Theory]
    [InlineData(DriverAttention.Attentive, false)]
    [InlineData(DriverAttention.Unknown, false)]
    [InlineData(DriverAttention.PreAlert, true)]
    [InlineData(DriverAttention.Alert, true)]
    [InlineData(DriverAttention.Critical, true)]
    public void Escalation_FromPreAlert_Reminds(DriverAttention level, bool fires)
    {
        var (drive, trigger) = Drive();
        drive.Send(ContextKeys.Attention, (int)level);
        Assert.Equal(fires, trigger.Evaluate(drive.Moment) is not null);
    }

    [Fact]
    public void FirstEpisode_ShownAtOnce_AsAReminder()
    {
        var (drive, _) = Drive();
        drive.Send(ContextKeys.Attention, (int)DriverAttention.PreAlert);
        var shown = drive.RunUntil("suggestion", 10)!;
        Assert.Equal(drive.At(0.5), shown.TimeNs); // no hold
        var s = shown.Suggestion!;
        Assert.Equal("attention.reminder", s.Proposal.Template);
        Assert.Equal("Eyes on the road, please.", s.Text);
        Assert.Equal("PreAlert", s.Proposal.Fact("state")!.Value);
        Assert.Equal("1", s.Proposal.Fact("episode")!.Value);
        Assert.Equal("the driver monitor reports PreAlert at 50 km/h", s.Reason);
    }

    [Fact]
    public void NoFaceForThreeSecondsWhileMoving_Reminds()
    {
        var (drive, _) = Drive();
        drive.Send(ContextKeys.Attention, (int)DriverAttention.Unknown); // frames keep coming, no face in them
        var shown = drive.RunUntil("suggestion", 10)!;
        Assert.Equal(drive.At(0.5 + AttentionTrigger.UnknownWarnS), shown.TimeNs);
        Assert.Equal("attention.reminder", shown.Suggestion!.Proposal.Template);
        Assert.Equal("the driver monitor has seen no face for 3 s at 50 km/h", shown.Suggestion.Reason);
    }

    [Fact]
    public void NoFaceForLessThanThreeSeconds_OrStanding_Nothing()
    {
        var (drive, _) = Drive();
        drive.Send(ContextKeys.Attention, (int)DriverAttention.Unknown);
        drive.RunTo(2.5);
        drive.Send(ContextKeys.Attention, (int)DriverAttention.Attentive);
        drive.RunTo(10);
        drive.Send(ContextKeys.Speed, 0);
        drive.Send(ContextKeys.Attention, (int)DriverAttention.Unknown);
        drive.RunTo(30);
        Assert.Empty(drive.Events);
    }

    [Fact]
    public void Standing_AnEscalationStartsNoEpisode()
    {
        var (drive, _) = Drive();
        drive.Send(ContextKeys.Speed, 3);
        drive.Send(ContextKeys.Attention, (int)DriverAttention.Alert);
        drive.RunTo(30);
        Assert.Empty(drive.Events);
    }

    [Fact]
    public void EpisodeStartedWhileMoving_GoesOnAfterTheCarStops()
    {
        var (drive, trigger) = Drive();
        drive.Send(ContextKeys.Attention, (int)DriverAttention.PreAlert);
        var s = drive.RunUntil("suggestion", 10)!.Suggestion!;
        drive.Send(ContextKeys.Speed, 0);
        drive.Send(ContextKeys.Attention, (int)DriverAttention.Alert);
        drive.RunFor(10);
        Assert.Same(s, drive.Engine.ShownOf("attention"));
        Assert.Equal("Alert", trigger.Evaluate(drive.Moment)!.Fact("state")!.Value);
    }

    [Fact]
    public void SecondEpisodeWithinFifteenMinutes_ProposesABreak()
    {
        var (drive, _) = Drive();
        Episode(drive, 5);
        drive.RunTo(300);
        drive.Send(ContextKeys.Attention, (int)DriverAttention.Alert);
        var shown = drive.RunUntil("suggestion", 310)!;

        Assert.Equal(drive.At(300.5), shown.TimeNs);
        var s = shown.Suggestion!;
        Assert.Equal("attention.break", s.Proposal.Template);
        Assert.Equal("You looked away again. Shall I find a place for a break?", s.Text);
        Assert.Equal("2", s.Proposal.Fact("episode")!.Value);
        Assert.Equal("the driver monitor reports Alert at 50 km/h, episode 2 within 15 min", s.Reason);
        Assert.Equal([SuggestionAction.AcceptId, SuggestionAction.DismissId], s.Actions.Select(a => a.Id));
        Assert.Equal(2, drive.Of("suggestion").Count);
    }

    [Fact]
    public void EpisodeMoreThanFifteenMinutesLater_IsAFirstAgain()
    {
        var (drive, _) = Drive();
        Episode(drive, 5);
        drive.RunTo(AttentionTrigger.RepeatWindowS + 10);
        drive.Send(ContextKeys.Attention, (int)DriverAttention.PreAlert);
        var s = drive.RunUntil("suggestion", drive.T + 5)!.Suggestion!;
        Assert.Equal("attention.reminder", s.Proposal.Template);
        Assert.Equal("1", s.Proposal.Fact("episode")!.Value);
    }

    [Fact]
    public void UnknownBetweenEscalations_IsTheSameEpisode()
    {
        var (drive, _) = Drive();
        drive.Send(ContextKeys.Attention, (int)DriverAttention.PreAlert);
        drive.RunFor(5);
        drive.Send(ContextKeys.Attention, (int)DriverAttention.Unknown); // face lost for a moment
        drive.RunFor(1);
        drive.Send(ContextKeys.Attention, (int)DriverAttention.Alert);
        drive.RunFor(10);
        Assert.Equal(["suggestion"], drive.Events.Select(e => e.Type));
        Assert.Equal("attention.reminder", drive.Engine.ShownOf("attention")!.Proposal.Template);
    }

    [Fact]
    public void StaleAttention_EndsNoEpisodeAndStartsNone()
    {
        var (drive, trigger) = Drive();
        drive.SetStale(ContextKeys.Attention, (int)DriverAttention.Critical);
        drive.RunTo(30);
        Assert.Empty(drive.Events);
        Assert.Null(trigger.Evaluate(drive.Moment));
    }
}
