using EdgeAI.Assistant.Drive;
using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Assistant.Tests.Fixtures;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Tests.Drive;

/// <summary>
/// The ticker as the host runs it: ticked on its own thread over a scripted context, a cabin button pressed on another
/// thread is done at the next tick, with the tick's events.
/// </summary>
public sealed class AssistantTickerTests
{
    private const long TickNs = 500_000_000;

    [Fact]
    public async Task PostActOnFirst_DismissButtonPressedOnAnotherThread_DoneAtTheNextTick()
    {
        var context = new ScriptedContext();
        var trigger = new FlagTrigger(ContextKeys.Hazard);
        var ticker = new AssistantTicker(context, new AssistantEngine([trigger], new ScriptedDrive.EchoWriter()), ScriptedDrive.Berlin);
        var events = new List<TimelineEvent>();
        long now = ScriptedDrive.StartNs;
        async Task Tick()
        {
            now += TickNs;
            context.Set(ContextKeys.Hazard, 1, now);
            context.Set(ContextKeys.Workload, 0.1, now);
            context.Set(ContextKeys.Attention, (int)DriverAttention.Attentive, now);
            await ticker.TickAsync(now, events.Add, TestContext.Current.CancellationToken);
        }

        // Held 2 s, then shown.
        for (int i = 0; i < 8; i++) await Tick();
        var shown = Assert.Single(events, e => e.Type == "suggestion");
        Assert.Equal(1, ticker.ShownCount);

        await Task.Run(() => ticker.PostActOnFirst(SuggestionAction.DismissId), TestContext.Current.CancellationToken);
        Assert.DoesNotContain(events, e => e.Type == "dismissed");
        await Tick();

        var dismissed = Assert.Single(events, e => e.Type == "dismissed");
        Assert.Equal(shown.Id, dismissed.Suggestion?.Id);
        Assert.Equal(now, dismissed.TimeNs);
        Assert.Equal(0, ticker.ShownCount);

        // A press with nothing shown does nothing.
        ticker.PostActOnFirst(SuggestionAction.AcceptId);
        int before = events.Count;
        await Tick();
        Assert.Equal(before, events.Count);
        Assert.Empty(trigger.Actions);
    }
}
