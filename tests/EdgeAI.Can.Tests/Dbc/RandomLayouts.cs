using System.Globalization;
using System.Text;

namespace EdgeAI.Can.Tests.Dbc;

/// <summary>A signal of a random layout, with a bit-by-bit reference model of where its bits lie.</summary>
internal sealed record SignalSpec(string Name, int StartBit, int Length, bool Motorola, bool Signed, int ValueType, double Factor, double Offset, int Page)
{
    /// <summary>-1: always present; -2: the multiplexor; 0..: present when the multiplexor equals this.</summary>
    public const int Always = -1, Multiplexor = -2;

    /// <summary>Little-endian bit index (byte * 8 + bit) of value bit i, for i = 0 (LSB) .. Length - 1.</summary>
    public int BitOf(int i)
    {
        if (!Motorola) return StartBit + i;
        int msb = (StartBit / 8) * 8 + 7 - StartBit % 8;
        int linear = msb + (Length - 1 - i);
        return (linear / 8) * 8 + 7 - linear % 8;
    }

    public ulong Read(ReadOnlySpan<byte> data)
    {
        ulong value = 0;
        for (int i = 0; i < Length; i++)
        {
            int bit = BitOf(i);
            value |= (ulong)((data[bit / 8] >> (bit % 8)) & 1) << i;
        }
        return value;
    }

    public void Write(Span<byte> data, ulong value)
    {
        for (int i = 0; i < Length; i++)
        {
            int bit = BitOf(i);
            if (((value >> i) & 1) != 0) data[bit / 8] |= (byte)(1 << (bit % 8));
            else data[bit / 8] &= (byte)~(1 << (bit % 8));
        }
    }

    /// <summary>Raw bits as the decoder reports them: sign-extended for signed integers.</summary>
    public long ToRaw(ulong bits) => Signed && ValueType == 0 && Length < 64 ? (long)(bits << (64 - Length)) >> (64 - Length) : (long)bits;

    public double ToPhysical(long raw)
    {
        double number = ValueType switch
        {
            1 => BitConverter.Int32BitsToSingle((int)raw),
            2 => BitConverter.Int64BitsToDouble(raw),
            _ => Signed ? raw : (double)(ulong)raw,
        };
        return Factor == 1 && Offset == 0 ? number : number * Factor + Offset;
    }
}

/// <summary>A message of a random layout.</summary>
internal sealed record MessageSpec(uint Id, string Name, int Size, List<SignalSpec> Signals)
{
    public SignalSpec? Multiplexor => Signals.Find(s => s.Page == SignalSpec.Multiplexor);
}

/// <summary>Random, non-overlapping signal layouts (both byte orders, lengths 1..64, signed, float32/64,
/// multiplexed pages) written out as DBC text.</summary>
internal static class RandomLayouts
{
    private static readonly (double Factor, double Offset)[] Scalings = [(1, 0), (1, 0), (0.1, -40), (0.25, 0), (0.001, 0), (2, -100), (1e-5, 12.5)];
    private static readonly int[] Sizes = [1, 2, 3, 4, 5, 6, 7, 8, 8, 8, 12, 16, 20, 24, 32, 48, 64];

    public static (string Dbc, List<MessageSpec> Messages) Make(int count, int seed)
    {
        var random = new Random(seed);
        var messages = new List<MessageSpec>();
        for (int m = 0; m < count; m++)
        {
            int size = Sizes[random.Next(Sizes.Length)];
            var taken = new bool[size * 8];
            var signals = new List<SignalSpec>();
            bool multiplexed = random.Next(3) == 0;
            if (multiplexed && TryPlace(random, taken, "Mux", SignalSpec.Multiplexor, random.Next(2, 9), integerOnly: true) is { } mux)
                signals.Add(mux);
            int always = random.Next(1, 10);
            for (int i = 0; i < always; i++)
                if (TryPlace(random, taken, $"S{i}", SignalSpec.Always, 0, false) is { } signal) signals.Add(signal);
            if (signals.Count > 0 && signals[0].Page == SignalSpec.Multiplexor)
            {
                for (int page = 0; page < 4; page++)
                {
                    var pageTaken = (bool[])taken.Clone();
                    int onPage = random.Next(1, 5);
                    for (int i = 0; i < onPage; i++)
                        if (TryPlace(random, pageTaken, $"P{page}_{i}", page, 0, false) is { } signal) signals.Add(signal);
                }
            }
            messages.Add(new MessageSpec((uint)(m + 1), $"M{m}", size, signals));
        }
        return (ToDbc(messages), messages);
    }

    private static SignalSpec? TryPlace(Random random, bool[] taken, string name, int page, int fixedLength, bool integerOnly)
    {
        int bits = taken.Length;
        for (int attempt = 0; attempt < 40; attempt++)
        {
            int valueType = integerOnly ? 0 : random.Next(8) switch { 0 => 1, 1 => 2, _ => 0 };
            int length = fixedLength > 0 ? fixedLength
                : valueType == 1 ? 32 : valueType == 2 ? 64
                : random.Next(2) == 0 ? random.Next(1, 17) : random.Next(1, 65);
            if (length > bits) continue;
            bool motorola = random.Next(2) == 0;
            int startBit;
            if (motorola)
            {
                int msb = random.Next(0, bits - length + 1);
                startBit = (msb / 8) * 8 + 7 - msb % 8;
            }
            else startBit = random.Next(0, bits - length + 1);
            var (factor, offset) = valueType != 0 || integerOnly ? (1.0, 0.0) : Scalings[random.Next(Scalings.Length)];
            var signal = new SignalSpec(name, startBit, length, motorola, !integerOnly && random.Next(2) == 0, valueType, factor, offset, page);
            bool free = true;
            for (int i = 0; i < length && free; i++) free = !taken[signal.BitOf(i)];
            if (!free) continue;
            for (int i = 0; i < length; i++) taken[signal.BitOf(i)] = true;
            return signal;
        }
        return null;
    }

    private static string ToDbc(List<MessageSpec> messages)
    {
        var text = new StringBuilder("VERSION \"\"\n\nNS_ :\n\nBS_:\n\nBU_: A B\n\n");
        var valueTypes = new StringBuilder();
        foreach (var message in messages)
        {
            text.Append(CultureInfo.InvariantCulture, $"BO_ {message.Id} {message.Name}: {message.Size} A\n");
            foreach (var s in message.Signals)
            {
                string mux = s.Page switch { SignalSpec.Multiplexor => " M", SignalSpec.Always => "", _ => $" m{s.Page}" };
                text.Append(CultureInfo.InvariantCulture,
                    $" SG_ {s.Name}{mux} : {s.StartBit}|{s.Length}@{(s.Motorola ? 0 : 1)}{(s.Signed ? '-' : '+')} ({s.Factor:R},{s.Offset:R}) [0|0] \"\" B\n");
                if (s.ValueType != 0) valueTypes.Append(CultureInfo.InvariantCulture, $"SIG_VALTYPE_ {message.Id} {s.Name} : {s.ValueType};\n");
            }
            text.Append('\n');
        }
        return text.Append(valueTypes).ToString();
    }
}
