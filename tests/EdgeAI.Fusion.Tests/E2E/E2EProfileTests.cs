using EdgeAI.Fusion.E2E;

namespace EdgeAI.Fusion.Tests.E2E;

/// <summary>
/// The profiles' checksums against example frames computed by an independent implementation: the AUTOSAR E2E
/// Python library github.com/zariiii9003/autosar-e2e (test/test_p01.py, test/test_p02.py), which follows
/// AUTOSAR_PRS_E2EProtocol: Profile 1 with the CRC in byte 0 and the counter in the low nibble of byte 1,
/// Profile 2 likewise (its counter selects the data id from the 16-entry list).
/// </summary>
public sealed class E2EProfileTests
{
    [Theory]
    [InlineData(E2EDataIdMode.Both, 0, 0xCC)]
    [InlineData(E2EDataIdMode.Both, 1, 0x91)]
    [InlineData(E2EDataIdMode.Alternating, 0, 0xCE)]
    [InlineData(E2EDataIdMode.Alternating, 1, 0x02)]
    [InlineData(E2EDataIdMode.Low, 0, 0xCE)]
    [InlineData(E2EDataIdMode.Low, 1, 0x93)]
    public void Profile1_DataId0x123_ZeroPayload_MatchesTheReferenceFrames(E2EDataIdMode mode, int counter, int crc)
    {
        var payload = new byte[8];
        payload[1] = (byte)counter;
        Assert.Equal(crc, E2EChecker.Compute(E2EAlgorithm.Crc8SaeJ1850, payload, 0, dataId: 0x123, counter: counter, dataIdMode: mode));
    }

    [Theory]
    [InlineData("00 01 00 00 00 00 00 00", false, 1, 0x45)]
    [InlineData("00 02 02 03 04 05 06 07", true, 2, 0xBC)]
    [InlineData("00 01 02 03 04 05 06 07", true, 1, 0x61)]
    public void Profile2_MatchesTheReferenceFrames(string payload, bool countingIds, int counter, int crc)
    {
        var ids = new byte[16];
        if (countingIds) for (int i = 0; i < ids.Length; i++) ids[i] = (byte)i;
        Assert.Equal(crc, E2EChecker.Compute(E2EAlgorithm.Crc8H2F, Crc8Tests.Hex(payload), 0, counter: counter, dataIdList: ids));
    }

    [Fact]
    public void Profile1_IsCrc8SaeJ1850WithZeroStartAndNoFinalXor_OverIdThenDataWithoutTheCrcByte()
    {
        // Spelled out from the CRC: register from 0x00, data id low then high byte, then the bytes before and after the CRC byte.
        var payload = Crc8Tests.Hex("11 22 33 44 55 00 66 77");
        byte expected = Crc8.UpdateSaeJ1850(0x00, Crc8Tests.Hex("C0 10 11 22 33 44 55 66 77"));
        Assert.Equal(expected, E2EChecker.Compute(E2EAlgorithm.Crc8SaeJ1850, payload, 5, dataId: 0x10C0));
    }

    [Fact]
    public void Profile2_IsCrc8H2FOverDataWithoutTheCrcByteThenTheCountersDataId()
    {
        var payload = Crc8Tests.Hex("11 22 33 44 55 00 66 77");
        var ids = new byte[16];
        ids[7] = 0xA7;
        Assert.Equal(Crc8.H2F(Crc8Tests.Hex("11 22 33 44 55 66 77 A7")),
            E2EChecker.Compute(E2EAlgorithm.Crc8H2F, payload, 5, counter: 7, dataIdList: ids));
    }

    [Fact]
    public void Sum8AndXor8_LeaveTheChecksumByteOut()
    {
        var payload = Crc8Tests.Hex("01 02 03 FF 04");
        Assert.Equal((0xA0 + 1 + 2 + 3 + 4) & 0xFF, E2EChecker.Compute(E2EAlgorithm.Sum8, payload, 3, messageId: 0x7A0));
        Assert.Equal(1 ^ 2 ^ 3 ^ 4, E2EChecker.Compute(E2EAlgorithm.Xor8, payload, 3));
    }

    [Fact]
    public void Sum8_WrapsModulo256()
    {
        var payload = Crc8Tests.Hex("FF FF FF 00");
        Assert.Equal((0xA0 + 3 * 0xFF) & 0xFF, E2EChecker.Compute(E2EAlgorithm.Sum8, payload, 3, messageId: 0xA0));
    }

    [Fact]
    public void Compute_Profile2WithoutSixteenDataIds_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => E2EChecker.Compute(E2EAlgorithm.Crc8H2F, new byte[8], 0, dataIdList: new byte[4]));
        Assert.Contains("16 data ids", error.Message, StringComparison.Ordinal);
    }
}
