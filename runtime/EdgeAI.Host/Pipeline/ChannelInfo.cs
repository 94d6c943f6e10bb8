namespace EdgeAI.Host.Pipeline;

/// <summary>What status and metrics show of one channel, whatever it carries.</summary>
/// <param name="Name">The channel's name.</param>
/// <param name="Policy">Its full mode in words (wait, latest-wins).</param>
/// <param name="Capacity">Its capacity.</param>
/// <param name="Count">Items waiting now.</param>
/// <param name="Written">Items written so far.</param>
/// <param name="Dropped">Items dropped so far.</param>
public sealed record ChannelInfo(string Name, string Policy, int Capacity, Func<int> Count, Func<long> Written, Func<long> Dropped)
{
    /// <summary>The view of <paramref name="channel"/>.</summary>
    public static ChannelInfo Of<T>(StageChannel<T> channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return new(channel.Name, channel.Policy, channel.Capacity, () => channel.Count, () => channel.Written, () => channel.Dropped);
    }
}
