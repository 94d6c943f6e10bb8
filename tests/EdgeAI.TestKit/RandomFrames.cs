using EdgeAI.Can;

namespace EdgeAI.TestKit;

/// <summary>What a log format can hold, so round-trip tests generate only frames it can keep.</summary>
[Flags]
public enum FrameFeatures
{
    Classic = 0,
    Extended = 1,
    Remote = 2,
    Error = 4,
    Fd = 8,
    Direction = 16,
    Channels = 32,
    All = Extended | Remote | Error | Fd | Direction | Channels,
}

/// <summary>Deterministic random frames for property and round-trip tests.</summary>
public static class RandomFrames
{
    private static readonly int[] FdLengths = [0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 20, 24, 32, 48, 64];

    /// <summary><paramref name="count"/> frames with rising timestamps (whole microseconds from a 2024 start).</summary>
    public static List<CanFrame> Make(int count, FrameFeatures features, int seed = 1)
    {
        var random = new Random(seed);
        var frames = new List<CanFrame>(count);
        long t = 1_717_171_717_000_000_000L;
        Span<byte> data = stackalloc byte[64];
        for (int i = 0; i < count; i++)
        {
            t += random.Next(1, 20_000) * 1000L;
            var flags = CanFlags.None;
            int kind = random.Next(10);
            bool extended = features.HasFlag(FrameFeatures.Extended) && random.Next(3) == 0;
            if (extended) flags |= CanFlags.Extended;
            uint id = extended ? (uint)random.Next(0, 0x2000_0000) : (uint)random.Next(0, 0x800);
            int length = random.Next(0, 9);
            byte remoteDlc = 0;
            if (kind == 0 && features.HasFlag(FrameFeatures.Remote))
            {
                flags |= CanFlags.Remote;
                remoteDlc = (byte)length;
                length = 0;
            }
            else if (kind == 1 && features.HasFlag(FrameFeatures.Error))
            {
                flags = CanFlags.Error;
                id = (uint)random.Next(1, 0x200);
                length = 8;
            }
            else if (kind >= 6 && features.HasFlag(FrameFeatures.Fd))
            {
                flags |= CanFlags.Fd;
                if (random.Next(2) == 0) flags |= CanFlags.Brs;
                if (random.Next(8) == 0) flags |= CanFlags.Esi;
                length = FdLengths[random.Next(FdLengths.Length)];
            }
            if (features.HasFlag(FrameFeatures.Direction)) flags |= random.Next(4) == 0 ? CanFlags.Tx : CanFlags.Rx;
            random.NextBytes(data[..length]);
            ushort channel = features.HasFlag(FrameFeatures.Channels) ? (ushort)random.Next(0, 3) : (ushort)0;
            frames.Add(new CanFrame(id, data[..length], flags, t, channel, remoteDlc));
        }
        return frames;
    }
}
