using System.Text;
using EdgeAI.Host.Hmi;

namespace EdgeAI.Hmi.Tests;

/// <summary>The fan-out on its own: publishing never waits, a full queue drops its client with a reason.</summary>
[Trait("Category", "Hmi")]
public sealed class EventHubTests
{
    [Fact]
    public void Publish_ToAClientThatDoesNotRead_DropsItWithAReason_OthersKeepEverything()
    {
        var hub = new EventHub();
        var reader = hub.Subscribe("reader", EventHub.HistoryLength + 2);
        var stalled = hub.Subscribe("stalled", EventHub.HistoryLength + 2);
        var received = new List<string>();
        for (int i = 0; i < 1000; i++)
        {
            hub.Publish($"{{\"v\":1,\"type\":\"drive\",\"n\":{i}}}");
            while (reader.Reader.TryRead(out var line)) received.Add(Encoding.UTF8.GetString(line.Span));
        }
        Assert.Equal(1000, received.Count);
        Assert.Equal("{\"v\":1,\"type\":\"drive\",\"n\":999}", received[^1]);
        Assert.Null(reader.DropReason);
        Assert.StartsWith("slow client", stalled.DropReason);
        Assert.Equal(1, hub.Dropped);
        Assert.Equal(1, hub.Clients);
        Assert.True(stalled.Reader.Completion.IsCompleted || stalled.Reader.Count == stalled.Capacity);
    }

    [Fact]
    public void Subscribe_MidDrive_GetsTheRecentTimelineAndOnlyTheLatestContext()
    {
        var hub = new EventHub();
        for (int i = 0; i < 300; i++) hub.Publish($"{{\"type\":\"drive\",\"n\":{i}}}");
        hub.Publish("{\"type\":\"context\",\"n\":1}");
        hub.Publish("{\"type\":\"context\",\"n\":2}");
        var late = hub.Subscribe("late");
        var lines = new List<string>();
        while (late.Reader.TryRead(out var line)) lines.Add(Encoding.UTF8.GetString(line.Span));
        Assert.Equal(EventHub.HistoryLength + 1, lines.Count);
        Assert.Equal("{\"type\":\"drive\",\"n\":100}", lines[0]);
        Assert.Equal("{\"type\":\"context\",\"n\":2}", lines[^1]);
    }
}
