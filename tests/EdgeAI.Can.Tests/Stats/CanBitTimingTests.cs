using EdgeAI.Can.Stats;

namespace EdgeAI.Can.Tests.Stats;

public class CanBitTimingTests
{
    [Theory]
    // Standard 8-byte data frame: 19 head + 64 data + 15 CRC = 98 stuffable bits, + 13 tail = 111;
    // worst case adds (98 - 1) / 4 = 24 stuff bits = 135 (the textbook figures).
    [InlineData(false, 8, false, 111)]
    [InlineData(false, 8, true, 135)]
    // Extended 8-byte: 39 + 64 + 15 = 118 stuffable, 131 total; worst case + 29 = 160.
    [InlineData(true, 8, false, 131)]
    [InlineData(true, 8, true, 160)]
    // Standard, no data: 19 + 15 + 13 = 47 bits.
    [InlineData(false, 0, false, 47)]
    public void Count_ClassicFrame_MatchesIso11898Arithmetic(bool extended, int length, bool worstCase, int expectedBits)
    {
        var frame = new CanFrame(0x123, new byte[length], extended ? CanFlags.Extended : CanFlags.None);

        var (nominal, data) = CanBitTiming.Count(in frame, worstCase);

        Assert.Equal(expectedBits, nominal);
        Assert.Equal(0, data);
    }

    [Fact]
    public void Count_FdFrameWithoutBrs_AllBitsAtNominalRate()
    {
        // SOF..BRS 17, ESI 1 + DLC 4 + 64 data, stuff count 4, CRC17, 6 fixed stuff bits, 13 tail = 126.
        var frame = new CanFrame(0x123, new byte[8], CanFlags.Fd);

        Assert.Equal((126, 0), CanBitTiming.Count(in frame, worstCaseStuffing: false));
    }

    [Fact]
    public void Count_FdFrameWithBrs_SplitsArbitrationAndDataPhase()
    {
        // 64 bytes: CRC21 with (4 + 21 + 3) / 4 = 7 fixed stuff bits; data phase 1 + 4 + 512 + 4 + 21 + 7 = 549.
        var frame = new CanFrame(0x123, new byte[64], CanFlags.Fd | CanFlags.Brs);

        Assert.Equal((17 + 13, 549), CanBitTiming.Count(in frame, worstCaseStuffing: false));
    }

    [Fact]
    public void BusStatistics_TenMillisecondFrames_ReportPeriodJitterAndLoad()
    {
        var stats = new CanBusStatistics(500_000);
        long t = 0;
        long[] gaps = [10_000_000, 10_000_000, 12_000_000, 8_000_000];
        stats.Add(new CanFrame(0x100, new byte[8], timestampNs: t));
        foreach (var gap in gaps) stats.Add(new CanFrame(0x100, new byte[8], timestampNs: t += gap));

        var id = Assert.Single(stats.Ids);
        var channel = Assert.Single(stats.Channels);
        Assert.Equal(5, id.Count);
        Assert.Equal(0.010, id.PeriodMean, 9);
        Assert.Equal(0.008, id.PeriodMin, 9);
        Assert.Equal(0.012, id.PeriodMax, 9);
        Assert.Equal(Math.Sqrt(2e-6), id.Jitter, 9); // gaps deviate by 0, 0, +2, -2 ms: variance 2 ms^2
        Assert.Equal(100.0 * 5 * 111 / 500_000 / 0.040, channel.BusLoadNominalPercent, 9);
    }
}
