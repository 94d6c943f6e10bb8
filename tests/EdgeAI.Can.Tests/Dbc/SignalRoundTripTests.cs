using EdgeAI.Can.Dbc;

namespace EdgeAI.Can.Tests.Dbc;

public class SignalRoundTripTests
{
    private const int Messages = 300;
    private const int FramesPerMessage = 40;

    private static (DbcDatabase Database, List<MessageSpec> Specs) Layouts(int seed)
    {
        var (dbc, specs) = RandomLayouts.Make(Messages, seed);
        var file = DbcFile.Parse(dbc, "random.dbc");
        Assert.Empty(file.Warnings);
        return (file.Compile(), specs);
    }

    private static bool IsPresent(SignalSpec signal, long multiplexor) => signal.Page < 0 || signal.Page == multiplexor;

    /// <summary>Random bits for a signal, with the edge values (all zeros, all ones, only the top bit) often.</summary>
    private static ulong RandomBits(Random random, SignalSpec signal)
    {
        if (signal.ValueType == 1) return (uint)BitConverter.SingleToInt32Bits((float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 12))));
        if (signal.ValueType == 2) return (ulong)BitConverter.DoubleToInt64Bits((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30)));
        ulong mask = signal.Length == 64 ? ulong.MaxValue : (1UL << signal.Length) - 1;
        return random.Next(8) switch
        {
            0 => 0,
            1 => mask,
            2 => 1UL << (signal.Length - 1),
            _ => (((ulong)random.NextInt64() << 1) ^ (ulong)random.NextInt64()) & mask,
        };
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void EncodeRawThenDecode_RandomLayouts_GiveBackEveryValueExactly(int seed)
    {
        var (database, specs) = Layouts(seed);
        var random = new Random(seed);
        for (int m = 0; m < specs.Count; m++)
        {
            var spec = specs[m];
            var decoder = database.GetDecoder(spec.Name);
            int n = spec.Signals.Count;
            var raw = new long[n];
            var back = new long[n];
            var present = new bool[n];
            var values = new double[n];
            for (int frame = 0; frame < FramesPerMessage; frame++)
            {
                var bits = new ulong[n];
                for (int i = 0; i < n; i++) bits[i] = RandomBits(random, spec.Signals[i]);
                if (spec.Multiplexor is { } mux) bits[spec.Signals.IndexOf(mux)] = (ulong)random.Next(0, Math.Min(5, 1 << mux.Length));
                long muxValue = spec.Multiplexor is { } m2 ? (long)bits[spec.Signals.IndexOf(m2)] : -1;
                var expected = new byte[spec.Size];
                for (int i = 0; i < n; i++)
                {
                    raw[i] = spec.Signals[i].ToRaw(bits[i]);
                    if (IsPresent(spec.Signals[i], muxValue)) spec.Signals[i].Write(expected, bits[i]);
                }

                var data = new byte[spec.Size];
                decoder.EncodeRaw(raw, data);
                Assert.Equal(expected, data);

                decoder.DecodeRaw(data, back, present);
                decoder.Decode(data, values);
                for (int i = 0; i < n; i++)
                {
                    var signal = spec.Signals[i];
                    bool shouldBePresent = IsPresent(signal, muxValue);
                    Assert.Equal(shouldBePresent, present[i]);
                    Assert.Equal(shouldBePresent ? raw[i] : 0, back[i]);
                    Assert.Equal(shouldBePresent ? signal.ToPhysical(raw[i]) : double.NaN, values[i]);
                }

                // Physical values back to bits: exact wherever a double holds the raw value with room to spare.
                var encoded = new byte[spec.Size];
                decoder.Encode(values, encoded);
                decoder.DecodeRaw(encoded, back, present);
                for (int i = 0; i < n; i++)
                {
                    var signal = spec.Signals[i];
                    bool exact = signal.ValueType != 0 || Math.Abs(signal.Signed ? raw[i] : (double)(ulong)raw[i]) < (signal.Factor == 1 && signal.Offset == 0 ? 9e15 : 1e12);
                    if (present[i] && exact) Assert.Equal(raw[i], back[i]);
                }
            }
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void DecodeRaw_RandomPayloads_MatchesBitByBitReference(int seed)
    {
        var (database, specs) = Layouts(seed);
        var random = new Random(seed);
        foreach (var spec in specs)
        {
            var decoder = database.GetDecoder(spec.Name);
            int n = spec.Signals.Count;
            var raw = new long[n];
            var present = new bool[n];
            for (int frame = 0; frame < FramesPerMessage; frame++)
            {
                var data = new byte[spec.Size];
                random.NextBytes(data);
                if (spec.Multiplexor is { } mux) mux.Write(data, (ulong)random.Next(0, Math.Min(5, 1 << mux.Length)));
                long muxValue = spec.Multiplexor is { } m2 ? (long)m2.Read(data) : -1;

                decoder.DecodeRaw(data, raw, present);

                var covered = new byte[spec.Size];
                for (int i = 0; i < n; i++)
                {
                    var signal = spec.Signals[i];
                    Assert.Equal(IsPresent(signal, muxValue), present[i]);
                    if (!present[i]) continue;
                    Assert.Equal(signal.ToRaw(signal.Read(data)), raw[i]);
                    signal.Write(covered, ulong.MaxValue);
                }

                // Raw values written back into a cleared payload restore every bit a present signal covers.
                var restored = new byte[spec.Size];
                decoder.EncodeRaw(raw, restored);
                for (int b = 0; b < data.Length; b++) Assert.Equal(data[b] & covered[b], restored[b]);
            }
        }
    }

    [Fact]
    public void Decode_PayloadShorterThanSignals_GivesNaNOnlyForSignalsPastTheEnd()
    {
        var (database, specs) = Layouts(21);
        var random = new Random(21);
        foreach (var spec in specs.Where(s => s.Multiplexor is null && s.Size > 1))
        {
            var decoder = database.GetDecoder(spec.Name);
            var data = new byte[random.Next(0, spec.Size)];
            random.NextBytes(data);
            var values = new double[spec.Signals.Count];

            decoder.Decode(data, values);

            for (int i = 0; i < values.Length; i++)
            {
                var signal = spec.Signals[i];
                int lastByte = Enumerable.Range(0, signal.Length).Max(signal.BitOf) / 8;
                if (lastByte >= data.Length) Assert.True(double.IsNaN(values[i]), signal.Name);
                else if (signal.ValueType == 0) Assert.False(double.IsNaN(values[i]), signal.Name);
            }
        }
    }
}
