using System.Text;
using EdgeAI.Fusion.E2E;

namespace EdgeAI.Fusion.Tests.E2E;

/// <summary>The raw CRCs against published values, independent of the E2E code that uses them.</summary>
public sealed class Crc8Tests
{
    private static readonly byte[] Check = Encoding.ASCII.GetBytes("123456789");

    [Fact]
    public void SaeJ1850_OverTheCatalogueCheckString_Is0x4B() => Assert.Equal(0x4B, Crc8.SaeJ1850(Check));

    [Fact]
    public void H2F_OverTheCatalogueCheckString_Is0xDF() => Assert.Equal(0xDF, Crc8.H2F(Check));

    // AUTOSAR SWS CRC Library ("Specification of CRC Routines"), 7.2.1.1 8-bit SAE J1850 CRC Calculation, example table;
    // the same values are in github.com/zariiii9003/autosar-e2e test/test_crc.py and Igor-Misic/AUTOSAR CRC/crc8.cpp.
    [Theory]
    [InlineData("00 00 00 00", 0x59)]
    [InlineData("F2 01 83", 0x37)]
    [InlineData("0F AA 00 55", 0x79)]
    [InlineData("00 FF 55 11", 0xB8)]
    [InlineData("33 22 55 AA BB CC DD EE FF", 0xCB)]
    [InlineData("92 6B 55", 0x8C)]
    [InlineData("FF FF FF FF", 0x74)]
    public void SaeJ1850_AutosarCrcLibraryExamples(string data, int crc) => Assert.Equal(crc, Crc8.SaeJ1850(Hex(data)));

    // AUTOSAR SWS CRC Library, 7.2.1.2 8-bit 0x2F polynomial CRC Calculation, example table (same sources as above).
    [Theory]
    [InlineData("00 00 00 00", 0x12)]
    [InlineData("F2 01 83", 0xC2)]
    [InlineData("0F AA 00 55", 0xC6)]
    [InlineData("00 FF 55 11", 0x77)]
    [InlineData("33 22 55 AA BB CC DD EE FF", 0x11)]
    [InlineData("92 6B 55", 0x33)]
    [InlineData("FF FF FF FF", 0x6C)]
    public void H2F_AutosarCrcLibraryExamples(string data, int crc) => Assert.Equal(crc, Crc8.H2F(Hex(data)));

    [Fact]
    public void BothCrcs_OverDataFollowedByItsCrc_LeaveTheCatalogueResidue()
    {
        // reveng catalogue residues: CRC-8/SAE-J1850 0xC4, CRC-8/AUTOSAR (8H2F) 0x42.
        Assert.Equal(0xC4, Crc8.SaeJ1850(Hex("00 00 00 00 59")) ^ 0xFF);
        Assert.Equal(0x42, Crc8.H2F(Hex("00 00 00 00 12")) ^ 0xFF);
    }

    [Fact]
    public void Update_ChainedOverSplitData_EqualsOneRun()
    {
        var data = Hex("33 22 55 AA BB CC DD EE FF");
        byte chained = Crc8.UpdateSaeJ1850(Crc8.UpdateSaeJ1850(0xFF, data.AsSpan(0, 4)), data.AsSpan(4));
        Assert.Equal(Crc8.SaeJ1850(data), chained ^ 0xFF);
        byte oneByteAtATime = 0xFF;
        foreach (byte value in data) oneByteAtATime = Crc8.UpdateH2F(oneByteAtATime, value);
        Assert.Equal(Crc8.H2F(data), oneByteAtATime ^ 0xFF);
    }

    [Fact]
    public void Crcs_DoNotAllocate()
    {
        var data = Hex("33 22 55 AA BB CC DD EE FF");
        Crc8.SaeJ1850(data);
        Crc8.H2F(data);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int sum = 0;
        for (int i = 0; i < 1000; i++) sum += Crc8.SaeJ1850(data) + Crc8.H2F(data);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.NotEqual(0, sum);
    }

    internal static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", "", StringComparison.Ordinal));
}
