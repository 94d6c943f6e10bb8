using EdgeAI.Can;
namespace EdgeAI.TestKit;

/// <summary>What a reader gave: frames, channel names and the counts of what it skipped.</summary>
public sealed record LogContent(List<CanFrame> Frames, CanChannelTable Channels, long Skipped, long Bad);
