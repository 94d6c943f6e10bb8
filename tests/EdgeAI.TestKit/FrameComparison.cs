using EdgeAI.Can;

namespace EdgeAI.TestKit;

/// <summary>Compares frames across logs, where channel indexes differ but channel names must not.</summary>
public static class FrameComparison
{
    /// <summary>Each frame as (channel name, frame on channel 0), comparable with Assert.Equal across readers.</summary>
    public static List<(string Channel, CanFrame Frame)> Named(IEnumerable<CanFrame> frames, CanChannelTable channels) =>
        frames.Select(f => (channels.NameOf(f.Channel), f.WithChannel(0))).ToList();

    /// <summary>A channel table with the given names at indexes 0, 1, ...</summary>
    public static CanChannelTable Channels(params string[] names)
    {
        var table = new CanChannelTable();
        foreach (var name in names) table.GetOrAdd(name);
        return table;
    }
}
