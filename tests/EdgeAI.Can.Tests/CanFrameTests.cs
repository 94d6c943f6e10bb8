using System.Runtime.CompilerServices;

namespace EdgeAI.Can.Tests;

public class CanFrameTests
{
    [Fact]
    public void Constructor_FdFrame_KeepsDataInlineAndDerivesDlc()
    {
        byte[] data = Enumerable.Range(0, 48).Select(i => (byte)i).ToArray();
        var frame = new CanFrame(0x1ABCDEF, data, CanFlags.Extended | CanFlags.Fd | CanFlags.Brs, 42, 3);

        Assert.Equal(14, frame.Dlc);
        Assert.Equal(data, frame.Data.ToArray());
        Assert.Equal((ushort)3, frame.Channel);
        Assert.False(RuntimeHelpers.IsReferenceOrContainsReferences<CanFrame>());
    }

    [Theory]
    [InlineData(0x800u, 0, CanFlags.None, "11-bit id")]
    [InlineData(0x123u, 9, CanFlags.None, "0..8 bytes")]
    [InlineData(0x123u, 13, CanFlags.Fd, "CAN FD length")]
    [InlineData(0x123u, 8, CanFlags.Brs, "BRS/ESI only on CAN FD")]
    [InlineData(0x123u, 1, CanFlags.Remote, "remote frame without data")]
    public void Constructor_InvalidFrame_Throws(uint id, int length, CanFlags flags, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => new CanFrame(id, new byte[length], flags));
        Assert.Contains(problem, error.Message);
    }

    [Theory]
    [InlineData(8, 8)]
    [InlineData(9, 12)]
    [InlineData(13, 32)]
    [InlineData(15, 64)]
    public void CanDlc_FdDlc_MapsToLengthAndBack(int dlc, int length)
    {
        Assert.Equal(length, CanDlc.ToLength(dlc, fd: true));
        Assert.Equal(dlc, CanDlc.FromLength(length));
    }
}
