using EdgeAI.Assistant.Suggestions;
using EdgeAI.Assistant.Tests.Fixtures;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Tests.Triggers;

/// <summary>
/// The rules every trigger keeps, each trigger driven through the real engine with the English templates on the fake
/// clock (<see cref="TriggerCases"/>): it fires on its condition after its own hold, is held by the workload gate (or,
/// for safety, is not), expires at its lifetime, waits its cooldown, backs off after a dismissal, and never fires on a
/// stale, never-seen or implausible input.
/// </summary>
public class EveryTriggerTests
{
    [Theory]
    [MemberData(nameof(TriggerCases.Names), MemberType = typeof(TriggerCases))]
    public void Fires_OnItsCondition_AfterItsHoldS_InItsTemplatesWords(string name)
    {
        var c = TriggerCases.All[name];
        var (drive, trigger) = c.Start();
        var shown = drive.RunUntil("suggestion", 60);

        Assert.NotNull(shown);
        Assert.Equal(drive.At(ScriptedDrive.TickS + trigger.Policy.HoldS), shown.TimeNs); // first seen at the first tick
        var s = shown.Suggestion!;
        Assert.Equal(trigger.Kind, s.Kind);
        Assert.Equal(trigger.Priority, s.Priority);
        Assert.Equal(c.Template, s.Proposal.Template);
        Assert.Equal(Templates.English.Render(c.Template, s.Grounding, moving: true), s.Text);
        Assert.DoesNotContain("{", s.Text);
        Assert.False(string.IsNullOrWhiteSpace(s.Reason));
        Assert.InRange(s.Actions.Count, 1, 3);
        Assert.Equal(s.ShownNs + (long)(trigger.Policy.LifetimeS * 1e9), s.ExpiresNs);
    }

    [Theory]
    [MemberData(nameof(TriggerCases.Inputs), MemberType = typeof(TriggerCases))]
    public void StaleInput_NeverFires(string name, string key)
    {
        var (drive, trigger) = TriggerCases.All[name].Start();
        drive.SetStale(key, drive.Context.Read(key, drive.NowNs).Value);
        drive.RunTo(trigger.Policy.HoldS + 30);
        Assert.Empty(drive.Events);
    }

    [Theory]
    [MemberData(nameof(TriggerCases.Inputs), MemberType = typeof(TriggerCases))]
    public void InputNeverSeen_NeverFires(string name, string key)
    {
        var (drive, trigger) = TriggerCases.All[name].Start();
        drive.Forget(key);
        drive.RunTo(trigger.Policy.HoldS + 30);
        Assert.Empty(drive.Events);
    }

    [Theory]
    [MemberData(nameof(TriggerCases.ImplausibleInputs), MemberType = typeof(TriggerCases))]
    public void ImplausibleInput_NeverFires(string name, string key)
    {
        var c = TriggerCases.All[name];
        var (drive, trigger) = c.Start();
        drive.Send(key, c.Implausible[key]);
        drive.RunTo(trigger.Policy.HoldS + 30);
        Assert.Empty(drive.Events);
    }

    [Theory]
    [MemberData(nameof(TriggerCases.KeptInputs), MemberType = typeof(TriggerCases))]
    public void InputGoingStaleWhileShown_WithdrawnAfterItsReleaseS(string name, string key)
    {
        var (drive, trigger) = TriggerCases.All[name].Start();
        Assert.NotNull(drive.RunUntil("suggestion", 60));
        drive.SetStale(key, drive.Context.Read(key, drive.NowNs).Value);
        double gone = drive.T + ScriptedDrive.TickS;
        var withdrawn = drive.RunUntil("withdrawn", gone + trigger.Policy.ReleaseS + 5);

        Assert.NotNull(withdrawn);
        Assert.Equal("no_longer_true", withdrawn.Reason);
        Assert.Equal(drive.At(gone + trigger.Policy.ReleaseS), withdrawn.TimeNs);
    }

    [Theory]
    [MemberData(nameof(TriggerCases.Gated), MemberType = typeof(TriggerCases))]
    public void HighWorkload_HeldUntilItDrops_ThenShownWithTheTimeHeld(string name)
    {
        var (drive, trigger) = TriggerCases.All[name].Start();
        drive.Send(ContextKeys.Workload, 0.5);
        drive.RunTo(trigger.Policy.HoldS + 10);
        var held = Assert.Single(drive.Events);
        Assert.Equal("held", held.Type);
        Assert.Equal("workload", held.Reason);
        Assert.Equal(drive.At(ScriptedDrive.TickS + trigger.Policy.HoldS), held.TimeNs);

        drive.Send(ContextKeys.Workload, 0.2);
        var shown = drive.RunUntil("suggestion", drive.T + 1);
        Assert.NotNull(shown);
        Assert.Equal(drive.SecondsOf(shown.TimeNs) - drive.SecondsOf(held.TimeNs), shown.Suggestion!.HeldS, 9);
        Assert.True(shown.Suggestion.HeldS >= 10);
    }

    [Theory]
    [MemberData(nameof(TriggerCases.Safety), MemberType = typeof(TriggerCases))]
    public void HighWorkloadAndAnAlert_SafetyIsShownAnyway(string name)
    {
        var (drive, trigger) = TriggerCases.All[name].Start();
        drive.Send(ContextKeys.Workload, 0.9);
        if (name != "attention") drive.Send(ContextKeys.Attention, (int)DriverAttention.Critical);
        var shown = drive.RunUntil("suggestion", 60);
        Assert.Equal(drive.At(ScriptedDrive.TickS + trigger.Policy.HoldS), shown!.TimeNs);
        Assert.Empty(drive.Of("held"));
    }

    [Theory]
    [MemberData(nameof(TriggerCases.Names), MemberType = typeof(TriggerCases))]
    public void ConditionLasting_ExpiresAtItsLifetime(string name)
    {
        var (drive, trigger) = TriggerCases.All[name].Start();
        var shown = drive.RunUntil("suggestion", 60)!;
        var withdrawn = drive.RunUntil("withdrawn", drive.SecondsOf(shown.TimeNs) + trigger.Policy.LifetimeS + 5);

        Assert.NotNull(withdrawn);
        Assert.Equal("expired", withdrawn.Reason);
        Assert.Equal(shown.Suggestion!.Id, withdrawn.Ref);
        Assert.Equal(shown.TimeNs + (long)(trigger.Policy.LifetimeS * 1e9), withdrawn.TimeNs);
    }

    [Theory]
    [MemberData(nameof(TriggerCases.Names), MemberType = typeof(TriggerCases))]
    public void AfterExpiry_TheNextWaitsItsCooldownS(string name)
    {
        var c = TriggerCases.All[name];
        var (drive, trigger) = c.Start();
        drive.RunUntil("suggestion", 60);
        var end = drive.RunUntil("withdrawn", 60 + trigger.Policy.LifetimeS)!;
        AssertNextAfter(c, drive, drive.SecondsOf(end.TimeNs) + trigger.Policy.CooldownS, trigger.Policy.HoldS);
    }

    [Theory]
    [MemberData(nameof(TriggerCases.Names), MemberType = typeof(TriggerCases))]
    public void Dismissed_TheNextWaitsItsCooldownTimesTheBackoffFactor_OrItCannotBeDismissed(string name)
    {
        var c = TriggerCases.All[name];
        var (drive, trigger) = c.Start();
        var shown = drive.RunUntil("suggestion", 60)!;
        drive.RunFor(1);
        bool dismissable = shown.Suggestion!.Actions.Any(a => a.Id == SuggestionAction.DismissId);
        Assert.Equal(dismissable, drive.Act(trigger.Kind, SuggestionAction.DismissId));
        if (!dismissable)
        {
            Assert.Equal(SuggestionPriority.Safety, trigger.Priority); // only reminders the driver cannot wave away
            return;
        }
        var dismissed = Assert.Single(drive.Of("dismissed"));
        AssertNextAfter(c, drive, drive.SecondsOf(dismissed.TimeNs) + trigger.Policy.CooldownS * trigger.Policy.BackoffFactor, trigger.Policy.HoldS);
    }

    // Nothing before `due`; then, while the condition lasts, the next at `due` exactly.
    private static void AssertNextAfter(TriggerCase c, ScriptedDrive drive, double due, double holdS)
    {
        int before = drive.Of("suggestion").Count;
        if (c.Pause is { } pause)
        {
            pause(drive, true);
            drive.RunTo(due - holdS - 5);
            pause(drive, false);
        }
        var next = drive.RunUntil("suggestion", due + holdS + 5);
        if (c.LastsS is { } lasts && due >= lasts)
        {
            Assert.Null(next); // its condition is over by then
            return;
        }
        Assert.NotNull(next);
        Assert.Equal(before + 1, drive.Of("suggestion").Count);
        Assert.Equal(drive.At(due), next.TimeNs);
    }
}
