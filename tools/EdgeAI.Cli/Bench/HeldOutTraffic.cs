using EdgeAI.Can;

namespace EdgeAI.Cli.Bench;

/// <summary>
/// Seeded synthetic bus traffic for the whole-process figures, so they are not measured on the bundled drive the
/// readers were tuned on: 80 ids (a quarter of them 29-bit) on two channels, classic frames of 0 to 8 bytes, random
/// payloads and gaps (every format and every peer can hold all of it).
/// </summary>
internal static class HeldOutTraffic
{
    public static IEnumerable<CanFrame> Frames(int count, int seed)
    {
        var random = new Random(seed);
        var ids = new (uint Id, bool Extended, int Length)[80];
        for (int i = 0; i < ids.Length; i++)
        {
            bool extended = i % 4 == 0;
            ids[i] = (extended ? (uint)random.Next(0x800, 0x1FFFFFFF) : (uint)random.Next(0, 0x800), extended, random.Next(0, 9));
        }
        long t = 1_700_000_000_000_000_000;
        var data = new byte[8];
        for (int n = 0; n < count; n++)
        {
            var (id, extended, length) = ids[random.Next(ids.Length)];
            t += random.Next(20_000, 400_000);
            random.NextBytes(data);
            yield return new CanFrame(id, data.AsSpan(0, length), extended ? CanFlags.Extended : CanFlags.None, t, (ushort)(n & 1));
        }
    }
}
