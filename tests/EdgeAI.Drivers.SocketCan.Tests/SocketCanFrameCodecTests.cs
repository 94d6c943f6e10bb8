using System.Buffers.Binary;
using EdgeAI.Can;
using EdgeAI.TestKit;

namespace EdgeAI.Drivers.SocketCan.Tests;

public sealed class SocketCanFrameCodecTests
{
    [Fact]
    public void Encode_ClassicStandardFrame_MatchesKernelCanFrameBytes()
    {
        var frame = new CanFrame(0x123, [0xDE, 0xAD, 0xBE, 0xEF]);
        var bytes = new byte[72];
        Assert.Equal(16, SocketCanFrameCodec.Encode(in frame, bytes));
        // can_id (host order), len, __pad, __res0, len8_dlc, then data[8] at offset 8.
        Assert.Equal(new byte[] { 0x23, 0x01, 0, 0, 4, 0, 0, 0, 0xDE, 0xAD, 0xBE, 0xEF, 0, 0, 0, 0 }, bytes[..16]);
    }

    [Fact]
    public void Encode_ExtendedRemoteFrame_SetsEffAndRtrFlagsAndTheRequestedLength()
    {
        var frame = new CanFrame(0x18FF50E5, [], CanFlags.Extended | CanFlags.Remote, remoteDlc: 6);
        var bytes = new byte[72];
        Assert.Equal(16, SocketCanFrameCodec.Encode(in frame, bytes));
        Assert.Equal(0x18FF50E5u | 0x8000_0000u | 0x4000_0000u, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(6, bytes[4]);
    }

    [Fact]
    public void Encode_FdFrameWithBrsAndEsi_MatchesKernelCanFdFrameBytes()
    {
        var data = Enumerable.Range(1, 12).Select(i => (byte)i).ToArray();
        var frame = new CanFrame(0x180, data, CanFlags.Fd | CanFlags.Brs | CanFlags.Esi);
        var bytes = new byte[72];
        Assert.Equal(72, SocketCanFrameCodec.Encode(in frame, bytes));
        Assert.Equal(0x180u, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(12, bytes[4]);
        Assert.Equal(0x01 | 0x02 | 0x04, bytes[5]); // CANFD_BRS | CANFD_ESI | CANFD_FDF
        Assert.Equal(data, bytes[8..20]);
        Assert.All(bytes[20..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void Encode_ErrorFrame_PutsClassBitsUnderTheErrFlag()
    {
        var frame = Can.Errors.CanErrorFrame.BusOff();
        var bytes = new byte[72];
        SocketCanFrameCodec.Encode(in frame, bytes);
        Assert.Equal(0x2000_0000u | 0x40u, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(8, bytes[4]);
    }

    [Fact]
    public void Decode_KernelBytes_GiveTheFrameWithTimestampChannelAndDirection()
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, 0x1ABCDE | 0x8000_0000);
        bytes[4] = 3;
        bytes[8] = 7; bytes[9] = 8; bytes[10] = 9;
        var frame = SocketCanFrameCodec.Decode(bytes, timestampNs: 1_700_000_000_123_456_789, channel: 2, ownFrame: true);
        Assert.Equal(0x1ABCDEu, frame.Id);
        Assert.Equal(CanFlags.Extended | CanFlags.Tx, frame.Flags);
        Assert.Equal(new byte[] { 7, 8, 9 }, frame.Data.ToArray());
        Assert.Equal(1_700_000_000_123_456_789, frame.TimestampNs);
        Assert.Equal(2, frame.Channel);
    }

    [Fact]
    public void Encode_ClassicFrameWithDlc12_PutsItInLen8DlcBesideLen8()
    {
        var frame = new CanFrame(0x321, [1, 2, 3, 4, 5, 6, 7, 8]).WithDlc(12);
        var bytes = new byte[72];
        Assert.Equal(16, SocketCanFrameCodec.Encode(in frame, bytes));
        Assert.Equal(new byte[] { 0x21, 0x03, 0, 0, 8, 0, 0, 12, 1, 2, 3, 4, 5, 6, 7, 8 }, bytes[..16]);
    }

    [Fact]
    public void Encode_RemoteFrameWithDlc11_IsLen8AndLen8Dlc11()
    {
        var frame = new CanFrame(0x7FF, [], CanFlags.Remote, remoteDlc: 11);
        var bytes = new byte[72];
        SocketCanFrameCodec.Encode(in frame, bytes);
        Assert.Equal(0x7FFu | 0x4000_0000u, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal((8, 11), (bytes[4], bytes[7]));
    }

    [Fact]
    public void Decode_Len8WithLen8Dlc13_GivesDlc13AndEightBytes()
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, 0x100);
        bytes[4] = 8;
        bytes[7] = 13;
        var frame = SocketCanFrameCodec.Decode(bytes);
        Assert.Equal(13, frame.Dlc);
        Assert.Equal(8, frame.Length);
        Assert.Equal(new CanFrame(0x100, new byte[8], CanFlags.Rx).WithDlc(13), frame);
        Assert.NotEqual(new CanFrame(0x100, new byte[8], CanFlags.Rx), frame);
    }

    [Fact]
    public void RoundTrip_EveryClassicLengthAndRawDlc_IsByteExact()
    {
        // What the kernel delivers: len 0..8; len8_dlc 9..15 only beside len 8 (else 0); data and remote frames.
        var bytes = new byte[16];
        var again = new byte[72];
        foreach (uint rtr in new[] { 0u, 0x4000_0000u })
        {
            for (int len = 0; len <= 8; len++)
            {
                int[] rawDlcs = len == 8 ? [0, 9, 10, 11, 12, 13, 14, 15] : [0];
                foreach (int rawDlc in rawDlcs)
                {
                    Array.Clear(bytes);
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes, 0x2A5 | rtr);
                    bytes[4] = (byte)len;
                    bytes[7] = (byte)rawDlc;
                    if (rtr == 0) for (int i = 0; i < len; i++) bytes[8 + i] = (byte)(0xA0 + i);
                    var frame = SocketCanFrameCodec.Decode(bytes);
                    Assert.Equal(rawDlc != 0 ? rawDlc : len, frame.Dlc);
                    Assert.Equal(16, SocketCanFrameCodec.Encode(in frame, again));
                    Assert.True(bytes.AsSpan().SequenceEqual(again.AsSpan(0, 16)), $"len {len} len8_dlc {rawDlc} rtr {rtr != 0}: {Convert.ToHexString(bytes)} came back as {Convert.ToHexString(again, 0, 16)}");
                }
            }
        }
    }

    [Fact]
    public void WithDlc_OnAFrameOtherThanClassicEightBytes_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new CanFrame(0x1, [1, 2, 3]).WithDlc(12));
        Assert.Throws<ArgumentException>(() => new CanFrame(0x1, new byte[8]).WithDlc(16));
        Assert.Throws<ArgumentException>(() => new CanFrame(0x1, new byte[8], CanFlags.Fd).WithDlc(9));
        Assert.Equal(8, new CanFrame(0x1, new byte[8]).WithDlc(12).WithDlc(8).Dlc);
    }

    [Fact]
    public void Decode_UnexpectedSize_IsRejectedWithTheSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => SocketCanFrameCodec.Decode(new byte[20]));
        Assert.Contains("16 or 72 bytes, found 20", e.Message);
    }

    [Fact]
    public void RoundTrip_RandomFramesOfEveryKind_AreUnchanged()
    {
        var bytes = new byte[72];
        foreach (var frame in RandomFrames.Make(5000, FrameFeatures.All & ~FrameFeatures.Channels, seed: 3))
        {
            int size = SocketCanFrameCodec.Encode(in frame, bytes);
            bool own = (frame.Flags & CanFlags.Tx) != 0;
            var back = SocketCanFrameCodec.Decode(bytes.AsSpan(0, size), frame.TimestampNs, frame.Channel, own);
            var expected = (frame.Flags & (CanFlags.Rx | CanFlags.Tx)) == 0 ? frame.WithDirection(CanFlags.Rx) : frame;
            Assert.Equal(expected, back);
        }
    }

    [Fact]
    public void Filter_ExactStandardId_IsTheKernelsIdAndMaskWithEffAndRtrBits()
    {
        var kernel = SocketCanFilter.Exact(0x123).ToKernel();
        Assert.Equal(0x123u, kernel.can_id);
        Assert.Equal(0x7FFu | 0x8000_0000u | 0x4000_0000u, kernel.can_mask);
        var extendedInverted = new SocketCanFilter(0x18FF0000, 0x1FFF0000, Extended: true, Invert: true).ToKernel();
        Assert.Equal(0x18FF0000u | 0x8000_0000u | 0x2000_0000u, extendedInverted.can_id);
    }

    [Fact]
    public void EncodeDecode_SteadyState_AllocatesNothing()
    {
        var frame = new CanFrame(0x180, new byte[64], CanFlags.Fd | CanFlags.Brs);
        var bytes = new byte[72];
        for (int i = 0; i < 100; i++) SocketCanFrameCodec.Decode(bytes.AsSpan(0, SocketCanFrameCodec.Encode(in frame, bytes)));
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) SocketCanFrameCodec.Decode(bytes.AsSpan(0, SocketCanFrameCodec.Encode(in frame, bytes)));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
