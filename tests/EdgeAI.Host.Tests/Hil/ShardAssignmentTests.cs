using EdgeAI.Host.Hil;
using EdgeAI.TestKit;

namespace EdgeAI.Host.Tests.Hil;

public sealed class ShardAssignmentTests
{
    private static readonly string[] Bundled = [.. Directory.GetDirectories(RepoPaths.Get("models", "scenarios", "hil")).Select(d => Path.GetFileName(d)!)];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(16)]
    public void Shards_BundledScenarios_EachInExactlyOneShard(int count)
    {
        Assert.True(Bundled.Length >= 10);
        foreach (var name in Bundled)
        {
            var owners = Enumerable.Range(1, count).Where(i => new ShardAssignment(i, count).Includes(name)).ToList();
            Assert.Single(owners);
        }
    }

    [Fact]
    public void ShardOf_IsFnv1aOfTheNameModN_PinnedValues()
    {
        // FNV-1a 32 of "charging" is 0x827260c2 (2188533954, computed independently in Python): mod 3 = 0, so shard
        // 1 of 3; mod 4 = 2, shard 3 of 4.
        Assert.Equal(1, ShardAssignment.ShardOf("charging", 3));
        Assert.Equal(3, ShardAssignment.ShardOf("charging", 4));
        Assert.Equal(1, ShardAssignment.ShardOf("anything", 1));
    }

    [Fact]
    public void ShardOf_AddingAScenario_MovesNoOther()
    {
        var before = Bundled.ToDictionary(n => n, n => ShardAssignment.ShardOf(n, 4));
        _ = ShardAssignment.ShardOf("a-new-scenario", 4);
        Assert.All(Bundled, n => Assert.Equal(before[n], ShardAssignment.ShardOf(n, 4)));
    }

    [Theory]
    [InlineData("2/4", 2, 4)]
    [InlineData("1/1", 1, 1)]
    public void Parse_IOverN_OneBased(string text, int index, int count) =>
        Assert.Equal(new ShardAssignment(index, count), ShardAssignment.Parse(text));

    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("-1/2")]
    public void Parse_OutOfRange_SaysWhatItExpected(string text) =>
        Assert.Contains("expected i/n with 1 <= i <= n", Assert.Throws<FormatException>(() => ShardAssignment.Parse(text)).Message);
}
