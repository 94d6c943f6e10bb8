using EdgeAI.Llm.Chat;

namespace EdgeAI.Llm.Tests.Chat;

/// <summary>One streamed turn, collected: its events, the streamed text and the final metrics.</summary>
internal sealed record Turn(IReadOnlyList<ChatEvent> Events, string Text, TurnMetrics Metrics)
{
    public IEnumerable<ChatEvent> Tokens => Events.Where(e => e.Kind == ChatEventKind.Token);

    /// <summary>Runs one turn; cancels after <paramref name="cancelAfterTokens"/> token events when given.</summary>
    public static async Task<Turn> Run(IChatSession session, string message, int? cancelAfterTokens = null)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var events = new List<ChatEvent>();
        int tokens = 0;
        await foreach (ChatEvent e in session.SendAsync(message, cancel.Token))
        {
            events.Add(e);
            if (e.Kind == ChatEventKind.Token && ++tokens == cancelAfterTokens)
            {
                await cancel.CancelAsync();
            }
        }

        ChatEvent done = Assert.Single(events, e => e.Kind == ChatEventKind.Done);
        Assert.Equal(ChatEventKind.Done, events[^1].Kind);
        return new Turn(events, string.Concat(events.Where(e => e.Kind == ChatEventKind.Token).Select(e => e.Text)), done.Metrics);
    }
}
