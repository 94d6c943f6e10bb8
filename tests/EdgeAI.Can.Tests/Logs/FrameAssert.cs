namespace EdgeAI.Can.Tests.Logs;

/// <summary>Frame list comparisons for logs whose times are kept only to some precision.</summary>
public static class FrameAssert
{
    /// <summary>Same frames in the same order on the same-named channels, times within <paramref name="toleranceNs"/>.</summary>
    public static void Equal(IReadOnlyList<CanFrame> expected, CanChannelTable expectedChannels,
        IReadOnlyList<CanFrame> actual, CanChannelTable actualChannels, long toleranceNs = 0)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            var a = actual[i];
            Assert.True(Math.Abs(e.TimestampNs - a.TimestampNs) <= toleranceNs, $"frame {i}: time {a.TimestampNs} is not {e.TimestampNs} (±{toleranceNs} ns): {a}");
            Assert.Equal((i, expectedChannels.NameOf(e.Channel), e.WithTimestamp(0).WithChannel(0)), (i, actualChannels.NameOf(a.Channel), a.WithTimestamp(0).WithChannel(0)));
        }
    }
}
