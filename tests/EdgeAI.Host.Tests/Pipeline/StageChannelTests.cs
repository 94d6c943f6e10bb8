using System.Threading.Channels;
using EdgeAI.Host.Pipeline;

namespace EdgeAI.Host.Tests.Pipeline;

public sealed class StageChannelTests
{
    [Fact]
    public async Task LatestWins_Full_DropsTheOldestAndCountsIt()
    {
        var channel = new StageChannel<int>("snapshots", 2, BoundedChannelFullMode.DropOldest);
        for (int i = 1; i <= 5; i++) await channel.WriteAsync(i, TestContext.Current.CancellationToken);

        Assert.Equal(5, channel.Written);
        Assert.Equal(3, channel.Dropped);
        Assert.Equal(2, channel.Count);
        Assert.Equal("latest-wins", channel.Policy);
        Assert.True(channel.Reader.TryRead(out int first) && first == 4);
        Assert.True(channel.Reader.TryRead(out int second) && second == 5);
    }

    [Fact]
    public async Task Wait_Full_HoldsTheWriterAndNeverDrops()
    {
        var channel = new StageChannel<int>("can", 1, BoundedChannelFullMode.Wait);
        await channel.WriteAsync(1, TestContext.Current.CancellationToken);
        var second = channel.WriteAsync(2, TestContext.Current.CancellationToken);
        Assert.False(second.IsCompleted);

        Assert.True(channel.Reader.TryRead(out int one) && one == 1);
        await second;
        Assert.Equal(0, channel.Dropped);
        Assert.Equal("wait", channel.Policy);
    }

    [Fact]
    public void Create_NoCapacity_Refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new StageChannel<int>("x", 0, BoundedChannelFullMode.Wait));
}
