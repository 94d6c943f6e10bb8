using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Profile;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Assistant.Tests.Fixtures;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Tests.Engine;

/// <summary>
/// The engine's rules, the same for every trigger, on one flag trigger with round timings (hold 2 s, release 3 s,
/// lifetime 20 s, cooldown 10 s, back-off x4), ticked every 0.5 s on the fake clock. The condition is sent from t = 0, so
/// the trigger first sees it at the 0.5 s tick and the suggestion is shown at 2.5 s.
/// </summary>
public class AssistantEngineTests
{
    private const string Flag = ContextKeys.Hazard;

    private static (ScriptedDrive Drive, FlagTrigger Trigger) Drive(UserProfile? profile = null, SuggestionPriority priority = SuggestionPriority.Convenience)
    {
        var trigger = new FlagTrigger(Flag, priority);
        return (new ScriptedDrive([trigger], profile: profile), trigger);
    }

    private static AssistantEvent Single(ScriptedDrive drive, string type) => Assert.Single(drive.Events, e => e.Type == type);

    [Fact]
    public void Hold_ConditionShorterThanHoldS_NothingIsShown()
    {
        var (drive, _) = Drive();
        drive.Send(Flag, true);
        drive.RunTo(2); // seen at 0.5, 1.0, 1.5, 2.0: 1.5 s
        drive.Send(Flag, false);
        drive.RunTo(60);
        Assert.Empty(drive.Events);
    }

    [Fact]
    public void Hold_ConditionHeldForHoldS_ShownThenWithItsLifetime()
    {
        var (drive, _) = Drive();
        drive.Send(Flag, true);
        var shown = drive.RunUntil("suggestion", 10);

        Assert.NotNull(shown);
        Assert.Equal(drive.At(2.5), shown.TimeNs);
        var s = shown.Suggestion!;
        Assert.Equal("s1", s.Id);
        Assert.Equal("test", s.Kind);
        Assert.Equal(drive.At(2.5), s.ShownNs);
        Assert.Equal(drive.At(22.5), s.ExpiresNs);
        Assert.Equal(0, s.HeldS);
        Assert.Equal("test.a(subject=a)", s.Text);
        Assert.Null(shown.Ref);
        Assert.Same(s, drive.Engine.ShownOf("test"));
    }

    [Fact]
    public void Hold_ConditionFlickers_HoldStartsAgain()
    {
        var (drive, _) = Drive();
        drive.Send(Flag, true);
        drive.RunTo(1.5);
        drive.Send(Flag, false);
        drive.RunTo(2);
        drive.Send(Flag, true);
        var shown = drive.RunUntil("suggestion", 10);
        Assert.Equal(drive.At(4.5), shown!.TimeNs); // seen again from 2.5
    }

    [Fact]
    public void Release_ConditionGoneShorterThanReleaseS_TheSameSuggestionStays()
    {
        var (drive, _) = Drive();
        drive.Send(Flag, true);
        drive.RunTo(4.5);
        drive.Send(Flag, false);
        drive.RunTo(7); // gone at 5.0 .. 7.0: 2 s
        drive.Send(Flag, true);
        drive.RunTo(20);

        Assert.Equal(["suggestion"], drive.Events.Select(e => e.Type));
        Assert.Equal("s1", drive.Engine.ShownOf("test")!.Id);
    }

    [Fact]
    public void Release_ConditionGoneForReleaseS_WithdrawnAsNoLongerTrue()
    {
        var (drive, _) = Drive();
        drive.Send(Flag, true);
        drive.RunTo(4.5);
        drive.Send(Flag, false);
        var withdrawn = drive.RunUntil("withdrawn", 30);

        Assert.Equal(drive.At(8), withdrawn!.TimeNs); // gone from 5.0, 3 s
        Assert.Equal("no_longer_true", withdrawn.Reason);
        Assert.Equal("s1", withdrawn.Ref);
        Assert.Null(drive.Engine.ShownOf("test"));
        Assert.Empty(drive.Engine.Active);
    }

    [Fact]
    public void Expiry_ConditionTrueThroughout_WithdrawnAsExpiredAtItsLifetime()
    {
        var (drive, _) = Drive();
        drive.Send(Flag, true);
        var withdrawn = drive.RunUntil("withdrawn", 60);

        Assert.Equal(drive.At(22.5), withdrawn!.TimeNs);
        Assert.Equal("expired", withdrawn.Reason);
        Assert.Equal("s1", withdrawn.Ref);
    }

    [Fact]
    public void Expiry_ConditionGoingAwayJustBeforeItsLifetime_StillWithdrawnAtItsLifetime()
    {
        var (drive, _) = Drive();
        drive.Send(Flag, true);
        drive.RunTo(21.5);
        drive.Send(Flag, false); // gone from 22.0; the release would end it at 25.0, the lifetime at 22.5
        var withdrawn = drive.RunUntil("withdrawn", 60);

        Assert.Equal(drive.At(22.5), withdrawn!.TimeNs);
        Assert.Equal("expired", withdrawn.Reason);
    }

    [Fact]
    public void Cooldown_AfterNoLongerTrue_TheNextWaitsCooldownS()
    {
        var (drive, _) = Drive();
        drive.Send(Flag, true);
        drive.RunTo(4.5);
        drive.Send(Flag, false);
        drive.RunTo(8); // withdrawn at 8.0
        drive.Send(Flag, true); // back from 8.5: held by 10.5, but the cooldown runs to 18.0
        drive.RunTo(17.5);
        Assert.Single(drive.Of("suggestion"));
        var next = drive.RunUntil("suggestion", 60);
        Assert.Equal(drive.At(18), next!.TimeNs);
        Assert.Equal("s2", next.Suggestion!.Id);
    }

    [Fact]
    public void Cooldown_AfterExpiry_TheNextWaitsCooldownS()
    {
        var (drive, _) = Drive();
        drive.Send(Flag, true);
        drive.RunTo(22.5); // expired at 22.5
        var next = drive.RunUntil("suggestion", 60);
        Assert.Equal(drive.At(32.5), next!.TimeNs);
    }

    [Fact]
    public void Accept_EndsTheSuggestion_TellsTheTrigger_CountsInTheProfile_AndWaitsCooldownS()
    {
        var (drive, trigger) = Drive();
        drive.Send(Flag, true);
        drive.RunTo(5);
        Assert.True(drive.Act("test", SuggestionAction.AcceptId));

        var accepted = Single(drive, "accepted");
        Assert.Equal(drive.At(5), accepted.TimeNs);
        Assert.Equal("accept", accepted.Reason);
        Assert.Equal("s1", accepted.Ref);
        Assert.Equal(["a:accept"], trigger.Actions);
        Assert.Equal((1, 0), drive.Engine.Profile.Of("test"));
        Assert.Null(drive.Engine.ShownOf("test"));

        var next = drive.RunUntil("suggestion", 60);
        Assert.Equal(drive.At(15), next!.TimeNs);
    }

    [Fact]
    public void Alternative_IsAnActionEvent_TellsTheTrigger_AndWaitsCooldownS()
    {
        var (drive, trigger) = Drive();
        drive.Send(Flag, true);
        drive.RunTo(5);
        Assert.True(drive.Act("test", "alt:b"));

        var action = Single(drive, "action");
        Assert.Equal("alt:b", action.Reason);
        Assert.Equal(["a:alt:b"], trigger.Actions);
        Assert.Equal((0, 0), drive.Engine.Profile.Of("test"));
        Assert.Equal(drive.At(15), drive.RunUntil("suggestion", 60)!.TimeNs);
    }

    [Fact]
    public void Act_OnNoSuchSuggestionOrAnActionNotOffered_IsRefused()
    {
        var (drive, trigger) = Drive();
        drive.Send(Flag, true);
        drive.RunTo(5);
        var shown = drive.Engine.ShownOf("test")!;
        int events = drive.Events.Count;

        Assert.False(drive.Engine.Act("s99", SuggestionAction.AcceptId, drive.Moment, drive.Events));
        Assert.False(drive.Engine.Act(shown.Id, "alt:zz", drive.Moment, drive.Events));
        Assert.Equal(events, drive.Events.Count);
        Assert.Empty(trigger.Actions);
        Assert.Same(shown, drive.Engine.ShownOf("test"));

        drive.Send(Flag, false);
        drive.RunTo(10); // withdrawn at 8.0
        Assert.False(drive.Engine.Act(shown.Id, SuggestionAction.AcceptId, drive.Moment, drive.Events));
    }

    [Fact]
    public void Dismiss_Once_TheNextWaitsCooldownTimesBackoffFactor()
    {
        var (drive, trigger) = Drive();
        drive.Send(Flag, true);
        drive.RunTo(5);
        Assert.True(drive.Act("test", SuggestionAction.DismissId));

        var dismissed = Single(drive, "dismissed");
        Assert.Equal("dismiss", dismissed.Reason);
        Assert.Equal("s1", dismissed.Ref);
        Assert.Empty(trigger.Actions); // dismissals are the engine's business
        Assert.Equal((0, 1), drive.Engine.Profile.Of("test"));

        var next = drive.RunUntil("suggestion", 400);
        Assert.Equal(drive.At(5 + 10 * 4), next!.TimeNs);
    }

    [Fact]
    public void Dismiss_Twice_TheNextWaitsCooldownTimesBackoffFactorSquared()
    {
        var (drive, _) = Drive();
        drive.Send(Flag, true);
        drive.RunTo(5);
        drive.Act("test", SuggestionAction.DismissId);
        drive.RunTo(45); // shown again at 45.0
        drive.Act("test", SuggestionAction.DismissId);

        var next = drive.RunUntil("suggestion", 1000);
        Assert.Equal(drive.At(45 + 10 * 16), next!.TimeNs);
        Assert.False(drive.Engine.IsMuted("test"));
    }

    [Fact]
    public void Dismiss_ThreeTimes_MutesTheKindForTheTrip()
    {
        var (drive, _) = Drive();
        drive.Send(Flag, true);
        drive.RunTo(5);
        drive.Act("test", SuggestionAction.DismissId);
        drive.RunTo(45);
        drive.Act("test", SuggestionAction.DismissId);
        drive.RunTo(205);
        Assert.NotNull(drive.Engine.ShownOf("test"));
        drive.Act("test", SuggestionAction.DismissId);

        var muted = Single(drive, "muted");
        Assert.Equal(drive.At(205), muted.TimeNs);
        Assert.Equal("dismissed_3_times", muted.Reason);
        Assert.Equal("s3", muted.Suggestion!.Id);
        Assert.True(drive.Engine.IsMuted("test"));
        Assert.Equal((0, 3), drive.Engine.Profile.Of("test"));

        drive.RunTo(205 + 10 * 64 * 2);
        Assert.Equal(3, drive.Of("suggestion").Count);
        Assert.Equal("muted", drive.Events[^1].Type);
    }

    [Theory]
    [InlineData(0, 0, 4)] // a new user: x4
    [InlineData(0, 1, 16)] // dismissed once on earlier trips
    [InlineData(0, 2, 64)]
    [InlineData(0, 9, 64)] // at most 2 learned steps
    [InlineData(1, 3, 64)]
    [InlineData(3, 1, 4)] // accepted more often than dismissed: no learned back-off
    public void Dismiss_WithALearnedBackoff_WaitsLongerFromTheFirstDismissal(int accepted, int dismissed, int factor)
    {
        var profile = new UserProfile();
        for (int i = 0; i < accepted; i++) profile.Accepted("test");
        for (int i = 0; i < dismissed; i++) profile.Dismissed("test");
        var (drive, _) = Drive(profile);
        drive.Send(Flag, true);
        drive.RunTo(5);
        drive.Act("test", SuggestionAction.DismissId);

        var next = drive.RunUntil("suggestion", 1000);
        Assert.Equal(drive.At(5 + 10 * factor), next!.TimeNs);
        Assert.Equal((accepted, dismissed + 1), profile.Of("test"));
    }

    [Fact]
    public void Dismiss_SavedProfile_TheNextTripStartsWithTheLearnedBackoff()
    {
        using var folder = new EdgeAI.TestKit.TempDirectory();
        string path = folder.File("profile.json");
        var (first, _) = Drive(UserProfile.Load(path));
        first.Send(Flag, true);
        first.RunTo(5);
        first.Act("test", SuggestionAction.DismissId);
        first.Engine.Profile.Save(path);

        var (second, _) = Drive(UserProfile.Load(path));
        second.Send(Flag, true);
        second.RunTo(5);
        second.Act("test", SuggestionAction.DismissId);
        Assert.Equal(second.At(5 + 10 * 16), second.RunUntil("suggestion", 1000)!.TimeNs);
    }

    [Fact]
    public void Gate_HighWorkload_HeldOnceThenShownWhenItDrops()
    {
        var (drive, _) = Drive();
        drive.Send(ContextKeys.Workload, 0.6);
        drive.Send(Flag, true);
        drive.RunTo(10);

        var held = Single(drive, "held");
        Assert.Equal(drive.At(2.5), held.TimeNs);
        Assert.Equal("workload", held.Reason);
        Assert.Equal("test", held.Kind);
        Assert.Null(held.Suggestion);
        Assert.Null(drive.Engine.ShownOf("test"));

        drive.Send(ContextKeys.Workload, 0.2);
        var shown = drive.RunUntil("suggestion", 30);
        Assert.Equal(drive.At(10.5), shown!.TimeNs);
        Assert.Equal(8, shown.Suggestion!.HeldS, 9);
        Assert.Equal(drive.At(30.5), shown.Suggestion.ExpiresNs);
    }

    [Theory]
    [InlineData(0.35, true)]
    [InlineData(0.349, false)]
    [InlineData(1.0, true)]
    [InlineData(0.0, false)]
    public void Gate_Workload_HeldFromThePointThirtyFive(double workload, bool held)
    {
        var (drive, _) = Drive();
        drive.Send(ContextKeys.Workload, workload);
        drive.Send(Flag, true);
        drive.RunTo(5);
        Assert.Equal(held, drive.Engine.ShownOf("test") is null);
        Assert.Equal(held ? ["held"] : ["suggestion"], drive.Events.Select(e => e.Type));
    }

    [Fact]
    public void Gate_WorkloadNeverSeen_Held()
    {
        var (drive, _) = Drive();
        drive.Forget(ContextKeys.Workload);
        drive.Send(Flag, true);
        drive.RunTo(5);
        Assert.Equal("workload", Single(drive, "held").Reason);
    }

    [Fact]
    public void Gate_WorkloadImplausible_Held()
    {
        var (drive, _) = Drive();
        drive.Send(ContextKeys.Workload, -0.2); // below its range 0..1: a low value that cannot be trusted
        drive.Send(Flag, true);
        drive.RunTo(5);
        Assert.Equal("workload", Single(drive, "held").Reason);
    }

    [Theory]
    [InlineData(DriverAttention.Alert, true)]
    [InlineData(DriverAttention.Critical, true)]
    [InlineData(DriverAttention.PreAlert, false)]
    [InlineData(DriverAttention.Unknown, false)]
    [InlineData(DriverAttention.Attentive, false)]
    public void Gate_DriverMonitorAlert_Held(DriverAttention attention, bool held)
    {
        var (drive, _) = Drive();
        drive.Send(ContextKeys.Attention, (int)attention);
        drive.Send(Flag, true);
        drive.RunTo(5);
        Assert.Equal(held ? ["held"] : ["suggestion"], drive.Events.Select(e => e.Type));
        if (held) Assert.Equal("attention", drive.Events[0].Reason);
    }

    [Fact]
    public void Gate_Safety_PassesHighWorkloadAndAnAlert()
    {
        var (drive, _) = Drive(priority: SuggestionPriority.Safety);
        drive.Send(ContextKeys.Workload, 0.9);
        drive.Send(ContextKeys.Attention, (int)DriverAttention.Critical);
        drive.Send(Flag, true);
        drive.RunTo(5);
        var shown = Single(drive, "suggestion");
        Assert.Equal(drive.At(2.5), shown.TimeNs);
        Assert.Equal(0, shown.Suggestion!.HeldS);
    }

    [Theory]
    [InlineData(SuggestionPriority.Information, true)]
    [InlineData(SuggestionPriority.Convenience, false)]
    [InlineData(SuggestionPriority.Navigation, false)]
    public void Gate_Turning_HoldsInformationOnly(SuggestionPriority priority, bool held)
    {
        var (drive, _) = Drive(priority: priority);
        drive.Send(ContextKeys.Turning, true);
        drive.Send(Flag, true);
        drive.RunTo(5);
        Assert.Equal(held ? ["held"] : ["suggestion"], drive.Events.Select(e => e.Type));
        if (held) Assert.Equal("turning", drive.Events[0].Reason);
    }

    [Theory]
    [InlineData(SuggestionPriority.Information, 3.0, true)]
    [InlineData(SuggestionPriority.Information, 4.0, true)]
    [InlineData(SuggestionPriority.Information, 4.5, false)]
    [InlineData(SuggestionPriority.Information, 0.0, false)] // green now: nothing to wait for
    [InlineData(SuggestionPriority.Convenience, 3.0, false)]
    public void Gate_GreenSoon_HoldsInformationInTheLastFourSeconds(SuggestionPriority priority, double timeToGreenS, bool held)
    {
        var (drive, _) = Drive(priority: priority);
        drive.Moment.Light = Lights.Red(timeToGreenS);
        drive.Send(Flag, true);
        drive.RunTo(5);
        Assert.Equal(held ? ["held"] : ["suggestion"], drive.Events.Select(e => e.Type));
        if (held) Assert.Equal("green_soon", drive.Events[0].Reason);
    }

    [Fact]
    public void Gate_HeldAndThenNoLongerTrue_NeverShownNorWithdrawn()
    {
        var (drive, _) = Drive();
        drive.Send(ContextKeys.Workload, 0.6);
        drive.Send(Flag, true);
        drive.RunTo(6);
        drive.Send(Flag, false);
        drive.RunTo(8);
        drive.Send(ContextKeys.Workload, 0.1);
        drive.RunTo(30);
        Assert.Equal(["held"], drive.Events.Select(e => e.Type));

        drive.Send(Flag, true); // true again from 30.5: a new candidate, shown after its hold, without a wait
        var shown = drive.RunUntil("suggestion", 60);
        Assert.Equal(drive.At(32.5), shown!.TimeNs);
        Assert.Equal(0, shown.Suggestion!.HeldS);
    }

    [Fact]
    public void Replaced_AnotherSubject_WithdrawsTheShownAtOnce_AndShowsTheNewAfterItsHold()
    {
        var (drive, trigger) = Drive();
        drive.Send(Flag, true);
        drive.RunTo(5);
        trigger.Subject = "b";
        drive.RunTo(10);

        Assert.Equal(["suggestion", "withdrawn", "suggestion"], drive.Events.Select(e => e.Type));
        var withdrawn = drive.Events[1];
        Assert.Equal(drive.At(5.5), withdrawn.TimeNs);
        Assert.Equal("replaced", withdrawn.Reason);
        Assert.Equal("s1", withdrawn.Ref);
        var next = drive.Events[2];
        Assert.Equal(drive.At(7.5), next.TimeNs);
        Assert.Equal("b", next.Suggestion!.Proposal.Key);
        Assert.Equal("s2", next.Suggestion.Id);
    }

    [Fact]
    public void Active_HighestPriorityFirst_WhateverTheOrderGiven()
    {
        var info = new FlagTrigger(Flag, SuggestionPriority.Information, kind: "info");
        var convenience = new FlagTrigger(Flag, SuggestionPriority.Convenience, kind: "convenience");
        var safety = new FlagTrigger(Flag, SuggestionPriority.Safety, kind: "safety");
        var drive = new ScriptedDrive([info, convenience, safety]);
        drive.Send(Flag, true);
        drive.RunTo(3);

        Assert.Equal(["safety", "convenience", "info"], drive.Engine.Active.Select(s => s.Kind));
        Assert.Equal(["safety", "convenience", "info"], drive.Events.Select(e => e.Kind));
        Assert.Equal(["s1", "s2", "s3"], drive.Events.Select(e => e.Suggestion!.Id));
    }

    [Fact]
    public void ActOnFirst_CabinButton_ActsOnTheHighestPriorityShown()
    {
        var convenience = new FlagTrigger(Flag, SuggestionPriority.Convenience, kind: "convenience");
        var safety = new FlagTrigger(Flag, SuggestionPriority.Safety, kind: "safety");
        var drive = new ScriptedDrive([convenience, safety]);
        // Nothing shown yet: the press does nothing.
        Assert.Null(drive.Engine.ActOnFirst(SuggestionAction.DismissId, drive.Moment, drive.Events));
        Assert.Empty(drive.Events);

        drive.Send(Flag, true);
        drive.RunTo(3);
        var dismissed = drive.Engine.ActOnFirst(SuggestionAction.DismissId, drive.Moment, drive.Events);

        Assert.Equal("safety", dismissed?.Kind);
        Assert.Equal((0, 1), drive.Engine.Profile.Of("safety"));
        Assert.Equal(["convenience"], drive.Engine.Active.Select(s => s.Kind));
        Assert.Equal(("dismissed", "safety", dismissed!.Id), (drive.Events[^1].Type, drive.Events[^1].Kind, drive.Events[^1].Suggestion?.Id));

        var accepted = drive.Engine.ActOnFirst(SuggestionAction.AcceptId, drive.Moment, drive.Events);
        Assert.Equal("convenience", accepted?.Kind);
        Assert.Equal(["a:accept"], convenience.Actions);
        Assert.Empty(drive.Engine.Active);
        // An action no shown suggestion offers does nothing.
        Assert.Null(drive.Engine.ActOnFirst("alt:none", drive.Moment, drive.Events));
    }

    [Fact]
    public void Replay_TheSameScriptTwice_GivesTheSameEvents()
    {
        static List<string> Run()
        {
            var (drive, trigger) = Drive();
            drive.Send(Flag, true);
            drive.RunTo(5);
            drive.Act("test", SuggestionAction.DismissId);
            drive.Send(ContextKeys.Workload, 0.5);
            drive.RunTo(50);
            drive.Send(ContextKeys.Workload, 0.1);
            drive.RunTo(60);
            trigger.Subject = "b";
            drive.RunTo(100);
            return [.. drive.Events.Select(e => $"{e.TimeNs} {e.Type} {e.Kind} {e.Reason} {e.Suggestion?.Id} {e.Suggestion?.Text} {e.Suggestion?.HeldS}")];
        }

        var first = Run();
        Assert.True(first.Count >= 5, string.Join("\n", first));
        Assert.Equal(first, Run());
    }
}
