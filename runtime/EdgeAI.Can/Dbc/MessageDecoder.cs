using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EdgeAI.Can.Dbc;

/// <summary>
/// One message compiled once into a flat plan: decodes a payload into physical values for every signal and
/// encodes values back, without allocating. Values are in <see cref="DbcMessage.Signals"/> order.
/// Multiplexed signals their multiplexor does not select, and signals a short frame does not hold, decode as NaN.
/// Immutable and safe to share between threads.
/// </summary>
[SkipLocalsInit]
public sealed class MessageDecoder
{
    /// <summary>The payload plus the 9 bytes a window may read past its end.</summary>
    private const int BufferLength = CanFrame.MaxFdLength + 9;

    private readonly SignalPlan[] _plans;
    private readonly DbcMultiplexRange[] _ranges;
    private readonly int _muxWords;

    internal MessageDecoder(DbcMessage message)
    {
        Message = message;
        var signals = message.Signals;
        SignalCount = signals.Count;
        FrameLength = message.IsFd ? CanDlc.ToLength(CanDlc.FromLength(message.Size), fd: true) : Math.Min(message.Size, CanFrame.MaxClassicLength);

        var slots = new Dictionary<DbcSignal, int>();
        foreach (var signal in signals)
            if (signal.IsMultiplexor) slots[signal] = slots.Count;
        _muxWords = slots.Count * 2;

        // Multiplexors must be decoded before the signals they select: order by depth, then file order.
        var order = new List<(int Depth, int Index)>(signals.Count);
        for (int i = 0; i < signals.Count; i++)
        {
            int depth = 0;
            for (var up = signals[i].Multiplexer; up is not null; up = up.Multiplexer) depth++;
            order.Add((depth, i));
        }
        order.Sort();

        var ranges = new List<DbcMultiplexRange>();
        _plans = new SignalPlan[signals.Count];
        for (int k = 0; k < order.Count; k++)
        {
            var signal = signals[order[k].Index];
            var plan = Compile(signal, order[k].Index);
            plan.OwnSlot = slots.TryGetValue(signal, out int own) ? own : -1;
            plan.MuxSlot = signal.Multiplexer is { } mux ? slots[mux] : -1;
            plan.RangeStart = ranges.Count;
            plan.RangeCount = signal.MultiplexValues.Count;
            ranges.AddRange(signal.MultiplexValues);
            _plans[k] = plan;
        }
        _ranges = [.. ranges];
    }

    /// <summary>The message this decoder was compiled from.</summary>
    public DbcMessage Message { get; }

    /// <summary>Number of signals: the length a values span needs.</summary>
    public int SignalCount { get; }

    /// <summary>Payload length of frames <see cref="EncodeFrame"/> builds: the message size, rounded up to a
    /// valid CAN FD length for FD messages.</summary>
    public int FrameLength { get; }

    /// <summary>Index of a signal in the values span, or -1.</summary>
    public int IndexOf(string signalName) => Message.IndexOf(signalName);

    /// <summary>Physical values of every signal (<c>raw * factor + offset</c>).</summary>
    /// <param name="data">The payload (up to 64 bytes; more is ignored).</param>
    /// <param name="values">At least <see cref="SignalCount"/> elements.</param>
    public void Decode(ReadOnlySpan<byte> data, Span<double> values)
    {
        if (values.Length < SignalCount) ThrowTooShort(nameof(values));
        if (data.Length > CanFrame.MaxFdLength) data = data[..CanFrame.MaxFdLength];
        Span<byte> buffer = stackalloc byte[BufferLength];
        data.CopyTo(buffer);
        buffer[data.Length..].Clear();
        Span<long> mux = stackalloc long[_muxWords];
        var plans = _plans;
        for (int i = 0; i < plans.Length; i++)
        {
            ref readonly SignalPlan p = ref plans[i];
            if (p.EndByte > data.Length || (p.MuxSlot >= 0 && !IsSelected(in p, mux)))
            {
                values[p.Output] = double.NaN;
                if (p.OwnSlot >= 0) mux[2 * p.OwnSlot] = 0;
                continue;
            }
            ulong raw = Extract(buffer, in p);
            if (p.OwnSlot >= 0)
            {
                mux[2 * p.OwnSlot] = 1;
                mux[2 * p.OwnSlot + 1] = ToInteger(raw, in p);
            }
            values[p.Output] = ToPhysical(raw, in p);
        }
    }

    /// <summary>Physical values of every signal of a frame.</summary>
    public void Decode(in CanFrame frame, Span<double> values) => Decode(frame.Data, values);

    /// <summary>Raw values: integers (sign-extended when signed) or the bit pattern of float signals.
    /// <paramref name="present"/> is false where <see cref="Decode(ReadOnlySpan{byte}, Span{double})"/> gives NaN.</summary>
    public void DecodeRaw(ReadOnlySpan<byte> data, Span<long> raw, Span<bool> present)
    {
        if (raw.Length < SignalCount) ThrowTooShort(nameof(raw));
        if (present.Length < SignalCount) ThrowTooShort(nameof(present));
        if (data.Length > CanFrame.MaxFdLength) data = data[..CanFrame.MaxFdLength];
        Span<byte> buffer = stackalloc byte[BufferLength];
        data.CopyTo(buffer);
        buffer[data.Length..].Clear();
        Span<long> mux = stackalloc long[_muxWords];
        foreach (ref readonly SignalPlan p in _plans.AsSpan())
        {
            bool selected = p.EndByte <= data.Length && (p.MuxSlot < 0 || IsSelected(in p, mux));
            long value = selected ? ToInteger(Extract(buffer, in p), in p) : 0;
            raw[p.Output] = value;
            present[p.Output] = selected;
            if (p.OwnSlot >= 0)
            {
                mux[2 * p.OwnSlot] = selected ? 1 : 0;
                mux[2 * p.OwnSlot + 1] = value;
            }
        }
    }

    /// <summary>
    /// Writes physical values into a payload: each is scaled back (<c>(value - offset) / factor</c>), rounded to
    /// the nearest integer (halves away from zero) and clamped to the raw range of its bits. Only signals the
    /// multiplexor values select are written; a NaN value leaves that signal's bits as they are, and bits of
    /// no signal are never touched (clear the payload first for a fresh frame).
    /// </summary>
    /// <param name="values">At least <see cref="SignalCount"/> elements, in signal order.</param>
    /// <param name="data">The payload; signals reaching past its end are skipped.</param>
    public void Encode(ReadOnlySpan<double> values, Span<byte> data)
    {
        if (values.Length < SignalCount) ThrowTooShort(nameof(values));
        Span<long> raw = stackalloc long[SignalCount];
        Span<bool> present = stackalloc bool[SignalCount];
        foreach (ref readonly SignalPlan p in _plans.AsSpan())
        {
            double value = values[p.Output];
            present[p.Output] = !double.IsNaN(value);
            raw[p.Output] = present[p.Output] ? (long)ToRaw(value, in p) : 0;
        }
        EncodeCore(raw, present, data);
    }

    /// <summary>Writes raw values (as <see cref="DecodeRaw"/> gives them) into a payload; bits beyond a signal's
    /// length are ignored. Only signals the multiplexor values select are written.</summary>
    public void EncodeRaw(ReadOnlySpan<long> raw, Span<byte> data)
    {
        if (raw.Length < SignalCount) ThrowTooShort(nameof(raw));
        Span<bool> present = stackalloc bool[SignalCount];
        present.Fill(true);
        EncodeCore(raw, present, data);
    }

    /// <summary>The one encode loop: writes each selected raw value that is present; a multiplexor selects by
    /// what its bits hold once written (so an absent multiplexor value selects by the payload's existing bits).</summary>
    private void EncodeCore(ReadOnlySpan<long> raw, ReadOnlySpan<bool> present, Span<byte> data)
    {
        if (data.Length > CanFrame.MaxFdLength) data = data[..CanFrame.MaxFdLength];
        Span<byte> buffer = stackalloc byte[BufferLength];
        data.CopyTo(buffer);
        buffer[data.Length..].Clear();
        Span<long> mux = stackalloc long[_muxWords];
        foreach (ref readonly SignalPlan p in _plans.AsSpan())
        {
            bool selected = p.EndByte <= data.Length && (p.MuxSlot < 0 || IsSelected(in p, mux));
            if (selected && present[p.Output]) Insert(buffer, in p, (ulong)raw[p.Output]);
            if (p.OwnSlot >= 0)
            {
                mux[2 * p.OwnSlot] = selected ? 1 : 0;
                mux[2 * p.OwnSlot + 1] = selected ? ToInteger(Extract(buffer, in p), in p) : 0;
            }
        }
        buffer[..data.Length].CopyTo(data);
    }

    /// <summary>A frame for this message from physical values (see <see cref="Encode"/>): zeroed payload of
    /// <see cref="FrameLength"/> bytes, extended id when the message has one, FD with bit rate switch for FD messages.</summary>
    public CanFrame EncodeFrame(ReadOnlySpan<double> values, long timestampNs = 0, ushort channel = 0)
    {
        Span<byte> data = stackalloc byte[CanFrame.MaxFdLength];
        data = data[..FrameLength];
        data.Clear();
        Encode(values, data);
        var flags = Message.IsExtended ? CanFlags.Extended : CanFlags.None;
        if (Message.IsFd) flags |= CanFlags.Fd | CanFlags.Brs;
        return new CanFrame(Message.Id, data, flags, timestampNs, channel);
    }

    /// <summary>The stored <c>VAL_</c> label for a decoded value of a signal; does not allocate.</summary>
    public bool TryGetLabel(int signalIndex, double value, out string label)
    {
        label = "";
        return !double.IsNaN(value) && Message.Signals[signalIndex].TryGetLabelForPhysical(value, out label);
    }

    private bool IsSelected(in SignalPlan p, ReadOnlySpan<long> mux)
    {
        if (mux[2 * p.MuxSlot] == 0) return false;
        long value = mux[2 * p.MuxSlot + 1];
        var ranges = _ranges.AsSpan(p.RangeStart, p.RangeCount);
        foreach (var range in ranges)
            if (value >= range.Low && value <= range.High) return true;
        return false;
    }

    /// <summary>Reads a raw value from the padded buffer (see <see cref="Insert"/> for why the reads stay inside it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Extract(ReadOnlySpan<byte> buffer, in SignalPlan p)
    {
        ref byte first = ref Unsafe.Add(ref MemoryMarshal.GetReference(buffer), p.Byte);
        ulong window = Unsafe.ReadUnaligned<ulong>(ref first);
        if (!BitConverter.IsLittleEndian) window = BinaryPrimitives.ReverseEndianness(window);
        ulong raw;
        if (!p.Motorola)
        {
            raw = window >> p.Shift;
            if (p.Shift + p.Length > 64) raw |= (ulong)Unsafe.Add(ref first, 8) << (64 - p.Shift);
        }
        else
        {
            window = BinaryPrimitives.ReverseEndianness(window);
            int end = p.Shift + p.Length;
            raw = end <= 64
                ? window >> (64 - end)
                : (window << (end - 64)) | ((ulong)Unsafe.Add(ref first, 8) >> (72 - end));
        }
        return raw & p.Mask;
    }

    /// <summary>Writes a raw value into the padded buffer (the buffer is 73 bytes and plans never start past byte 63,
    /// so the 8-byte window and the ninth byte are always inside it).</summary>
    private static void Insert(Span<byte> buffer, in SignalPlan p, ulong raw)
    {
        raw &= p.Mask;
        ref byte first = ref Unsafe.Add(ref MemoryMarshal.GetReference(buffer), p.Byte);
        ref byte ninth = ref Unsafe.Add(ref first, 8);
        ulong window = Unsafe.ReadUnaligned<ulong>(ref first);
        if (!BitConverter.IsLittleEndian) window = BinaryPrimitives.ReverseEndianness(window);
        if (!p.Motorola)
        {
            window = (window & ~(p.Mask << p.Shift)) | (raw << p.Shift);
            int spill = p.Shift + p.Length - 64;
            if (spill > 0)
            {
                int mask = (1 << spill) - 1;
                ninth = (byte)((ninth & ~mask) | ((int)(raw >> (64 - p.Shift)) & mask));
            }
        }
        else
        {
            window = BinaryPrimitives.ReverseEndianness(window);
            int end = p.Shift + p.Length;
            if (end <= 64)
            {
                int shift = 64 - end;
                window = (window & ~(p.Mask << shift)) | (raw << shift);
            }
            else
            {
                int spill = end - 64;
                ulong low = ulong.MaxValue >> p.Shift;
                window = (window & ~low) | (raw >> spill);
                int mask = ((1 << spill) - 1) << (8 - spill);
                ninth = (byte)((ninth & ~mask) | (((int)raw << (8 - spill)) & mask));
            }
            window = BinaryPrimitives.ReverseEndianness(window);
        }
        if (!BitConverter.IsLittleEndian) window = BinaryPrimitives.ReverseEndianness(window);
        Unsafe.WriteUnaligned(ref first, window);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long ToInteger(ulong raw, in SignalPlan p)
    {
        if (!p.Signed || p.Length == 64) return (long)raw;
        int unused = 64 - p.Length;
        return (long)(raw << unused) >> unused;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ToPhysical(ulong raw, in SignalPlan p)
    {
        double number = p.ValueType switch
        {
            DbcValueType.Float32 => BitConverter.Int32BitsToSingle((int)(uint)raw),
            DbcValueType.Float64 => BitConverter.Int64BitsToDouble((long)raw),
            _ => p.Signed ? ToInteger(raw, in p) : (double)raw,
        };
        return p.Identity ? number : number * p.Factor + p.Offset;
    }

    private static ulong ToRaw(double value, in SignalPlan p)
    {
        double scaled = p.Identity ? value : p.Factor == 0 ? 0 : (value - p.Offset) / p.Factor;
        if (p.ValueType == DbcValueType.Float32) return (uint)BitConverter.SingleToInt32Bits((float)scaled);
        if (p.ValueType == DbcValueType.Float64) return (ulong)BitConverter.DoubleToInt64Bits(scaled);
        scaled = Math.Round(scaled, MidpointRounding.AwayFromZero);
        if (p.Signed)
        {
            if (scaled < p.RawLow) return (ulong)(long)p.RawLow;
            if (scaled >= p.RawHighExclusive) return p.Mask >> 1;
            return (ulong)(long)scaled;
        }
        if (!(scaled > 0)) return 0;
        if (scaled >= p.RawHighExclusive) return p.Mask;
        return (ulong)scaled;
    }

    private static SignalPlan Compile(DbcSignal signal, int output)
    {
        bool motorola = signal.ByteOrder == DbcByteOrder.BigEndian;
        int position = motorola ? SignalLayout.MotorolaMsbPosition(signal.StartBit) : signal.StartBit;
        bool signed = signal.IsSigned && signal.ValueType == DbcValueType.Integer;
        return new SignalPlan
        {
            Output = output,
            Byte = position / 8,
            Shift = position % 8,
            Length = signal.Length,
            EndByte = SignalLayout.EndByte(signal.StartBit, signal.Length, signal.ByteOrder),
            Motorola = motorola,
            Signed = signed,
            Identity = signal.Factor == 1 && signal.Offset == 0,
            ValueType = signal.ValueType,
            Mask = signal.Length == 64 ? ulong.MaxValue : (1UL << signal.Length) - 1,
            Factor = signal.Factor,
            Offset = signal.Offset,
            RawLow = signed ? -Math.ScaleB(1, signal.Length - 1) : 0,
            RawHighExclusive = Math.ScaleB(1, signed ? signal.Length - 1 : signal.Length),
        };
    }

    private void ThrowTooShort(string name) =>
        throw new ArgumentException($"needs at least {SignalCount} elements for the signals of '{Message.Name}'", name);

    /// <inheritdoc />
    public override string ToString() => Message.Name;
}
