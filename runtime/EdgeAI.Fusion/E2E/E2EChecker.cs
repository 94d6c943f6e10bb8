using EdgeAI.Can;
using EdgeAI.Can.Dbc;

namespace EdgeAI.Fusion.E2E;

/// <summary>
/// Checks the end-to-end protection of one DBC message frame by frame: recomputes the checksum byte
/// (<see cref="E2ESpec.Algorithm"/>) and follows the alive counter. Counters wrap at the counter signal's range
/// (a 4-bit counter: 0..15), except AUTOSAR Profile 1 (<see cref="E2EAlgorithm.Crc8SaeJ1850"/>), whose counter runs
/// 0..14 and never sends the all-ones value. As in Profile 1, every rejected frame widens the allowed counter step by
/// one until a frame is accepted, so one corrupted, repeated or dropped frame counts as exactly one failure; after a
/// <see cref="E2EStatus.CounterJump"/> the received counter becomes the reference (no resynchronisation phase).
/// Does not allocate per frame. One instance per message and reader: not thread-safe.
/// </summary>
public sealed class E2EChecker
{
    private readonly E2EAlgorithm _algorithm;
    private readonly int _checksumByte;
    private readonly int _minLength;
    private readonly uint _messageId;
    private readonly ushort _dataId;
    private readonly E2EDataIdMode _dataIdMode;
    private readonly byte[] _dataIdList;
    private readonly int _maxDelta;

    // Alive counter layout: -1 bits means the message has no counter.
    private readonly int _counterBits;
    private readonly int _counterByte;
    private readonly int _counterShift;
    private readonly bool _counterMotorola;

    private int _lastCounter = -1;
    private bool _seen;
    private int _rejectedSinceAccepted;

    /// <summary>Binds a spec to the message it protects.</summary>
    /// <exception cref="ArgumentException">A signal the spec names is missing or unfit (a checksum that is not one
    /// whole byte, a counter that is not an unsigned 2..8-bit value), or the data ids or counter step are out of range.</exception>
    public E2EChecker(MessageDecoder decoder, E2ESpec spec)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(spec);
        Decoder = decoder;
        Spec = spec;
        var message = decoder.Message;
        string where = $"E2E spec for {message.Name}";
        _algorithm = spec.Algorithm;
        _messageId = message.Id;

        var checksum = FindSignal(message, spec.ChecksumSignal, where, "checksum");
        bool motorola = checksum.ByteOrder == DbcByteOrder.BigEndian;
        if (checksum.Length != 8 || checksum.StartBit % 8 != (motorola ? 7 : 0) || checksum.IsMultiplexed)
            throw new ArgumentException($"{where}: checksum signal {checksum.Name} is not one whole byte (start bit {checksum.StartBit}, {checksum.Length} bits{(checksum.IsMultiplexed ? ", multiplexed" : "")})");
        _checksumByte = checksum.StartBit / 8;
        _minLength = _checksumByte + 1;
        if (_minLength > decoder.FrameLength)
            throw new ArgumentException($"{where}: checksum signal {checksum.Name} lies past the {decoder.FrameLength}-byte payload");

        _counterBits = -1;
        if (spec.CounterSignal is { } counterName)
        {
            var counter = FindSignal(message, counterName, where, "counter");
            if (counter.Length is < 2 or > 8 || counter.IsSigned || counter.ValueType != DbcValueType.Integer || counter.IsMultiplexed)
                throw new ArgumentException($"{where}: counter signal {counter.Name} is not an unsigned 2..8-bit integer");
            _counterBits = counter.Length;
            _counterMotorola = counter.ByteOrder == DbcByteOrder.BigEndian;
            // Intel: the LSB's position, little-endian numbering. Motorola: the MSB's position counted from byte 0's MSB.
            int position = _counterMotorola ? counter.StartBit / 8 * 8 + 7 - counter.StartBit % 8 : counter.StartBit;
            _counterByte = position / 8;
            _counterShift = _counterMotorola ? 16 - (position % 8 + _counterBits) : position % 8;
            int lastByte = (position + _counterBits - 1) / 8;
            if (lastByte >= decoder.FrameLength)
                throw new ArgumentException($"{where}: counter signal {counter.Name} lies past the {decoder.FrameLength}-byte payload");
            if (_counterByte <= _checksumByte && lastByte >= _checksumByte)
                throw new ArgumentException($"{where}: counter signal {counter.Name} shares byte {_checksumByte} with checksum signal {checksum.Name}");
            _minLength = Math.Max(_minLength, lastByte + 1);
            CounterModulus = _algorithm == E2EAlgorithm.Crc8SaeJ1850 ? (1 << _counterBits) - 1 : 1 << _counterBits;
        }

        if (_algorithm == E2EAlgorithm.Crc8SaeJ1850)
        {
            if (spec.DataId is < 0 or > 0xFFFF)
                throw new ArgumentException($"{where}: data id {spec.DataId} is not a 16-bit value");
            if (spec.DataIdMode == E2EDataIdMode.Alternating && _counterBits < 0)
                throw new ArgumentException($"{where}: the alternating data id mode needs a counter signal");
            _dataId = (ushort)spec.DataId;
            _dataIdMode = spec.DataIdMode;
        }
        _dataIdList = [];
        if (_algorithm == E2EAlgorithm.Crc8H2F)
        {
            if (_counterBits < 0)
                throw new ArgumentException($"{where}: Profile 2 (Crc8H2F) picks its data id by the counter and needs a counter signal");
            if (spec.DataIdList is not { Count: 16 } list)
                throw new ArgumentException($"{where}: Profile 2 (Crc8H2F) needs a DataIdList of 16 data ids, one per counter value");
            _dataIdList = new byte[16];
            for (int i = 0; i < 16; i++)
            {
                if (list[i] is < 0 or > 0xFF)
                    throw new ArgumentException($"{where}: DataIdList[{i}] = {list[i]} is not an 8-bit value");
                _dataIdList[i] = (byte)list[i];
            }
        }

        if (_counterBits > 0 && (spec.MaxDeltaCounter < 1 || spec.MaxDeltaCounter >= CounterModulus))
            throw new ArgumentException($"{where}: MaxDeltaCounter {spec.MaxDeltaCounter} is outside 1..{CounterModulus - 1}");
        _maxDelta = spec.MaxDeltaCounter;
    }

    /// <summary>The message's decoder.</summary>
    public MessageDecoder Decoder { get; }

    /// <summary>The spec as given.</summary>
    public E2ESpec Spec { get; }

    /// <summary>The payload byte that holds the checksum.</summary>
    public int ChecksumByte => _checksumByte;

    /// <summary>How many counter values there are before the counter wraps to 0 (16 for a 4-bit counter, 15 for
    /// Profile 1's), or 0 when the message has no counter. A sender sends <c>sequence % CounterModulus</c>.</summary>
    public int CounterModulus { get; }

    /// <summary>Frames given to <see cref="Check(ReadOnlySpan{byte})"/>.</summary>
    public long FramesChecked { get; private set; }

    /// <summary>Frames whose checksum was wrong (or that were too short to hold it).</summary>
    public long ChecksumFailures { get; private set; }

    /// <summary>Frames with a right checksum and the last accepted frame's counter.</summary>
    public long CounterRepeats { get; private set; }

    /// <summary>Frames with a right checksum whose counter jumped too far or held an invalid value.</summary>
    public long CounterJumps { get; private set; }

    /// <summary>Counter failures of both kinds: <see cref="CounterRepeats"/> + <see cref="CounterJumps"/>.</summary>
    public long CounterFailures => CounterRepeats + CounterJumps;

    /// <summary>The status of the last frame checked (<see cref="E2EStatus.Initial"/> before any).</summary>
    public E2EStatus LastStatus { get; private set; } = E2EStatus.Initial;

    /// <summary>Checks one frame of this message (route frames by id first).</summary>
    public E2EStatus Check(in CanFrame frame) => Check(frame.Data);

    /// <summary>Checks one payload of this message.</summary>
    public E2EStatus Check(ReadOnlySpan<byte> payload) => LastStatus = CheckCore(payload);

    /// <summary>Forgets the counter history (the next good frame is <see cref="E2EStatus.Initial"/>); keeps the totals.</summary>
    public void Reset()
    {
        _lastCounter = -1;
        _seen = false;
        _rejectedSinceAccepted = 0;
    }

    /// <summary>The counter value a payload holds, or -1 when the message has no counter.</summary>
    public int ReadCounter(ReadOnlySpan<byte> payload)
    {
        if (_counterBits < 0) return -1;
        int mask = (1 << _counterBits) - 1;
        int first = payload[_counterByte];
        int second = _counterByte + 1 < payload.Length ? payload[_counterByte + 1] : 0;
        int window = _counterMotorola ? first << 8 | second : second << 8 | first;
        return (window >> _counterShift) & mask;
    }

    /// <summary>The checksum this message's payload should carry (the counter is read from the payload).</summary>
    public byte ComputeChecksum(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < _minLength) ThrowTooShort(payload.Length);
        return ComputeCore(payload, ReadCounter(payload));
    }

    /// <summary>Writes the checksum byte into a payload whose other signals, counter included, are already set.</summary>
    public void Protect(Span<byte> payload) => payload[_checksumByte] = ComputeChecksum(payload);

    /// <summary>
    /// The checksum of a payload by <paramref name="algorithm"/>, without a DBC: the byte at
    /// <paramref name="checksumByte"/> is left out of the computation.
    /// </summary>
    /// <param name="algorithm">Which checksum.</param>
    /// <param name="payload">The whole payload, the checksum byte included (its value does not matter).</param>
    /// <param name="checksumByte">Index of the checksum byte.</param>
    /// <param name="messageId">CAN id; <see cref="E2EAlgorithm.Sum8"/> adds its low byte.</param>
    /// <param name="dataId">Profile 1's 16-bit data id.</param>
    /// <param name="counter">The counter value the payload carries (Profile 1 alternating mode, Profile 2's data id choice).</param>
    /// <param name="dataIdList">Profile 2's 16 data ids.</param>
    /// <param name="dataIdMode">Profile 1's data id mode.</param>
    public static byte Compute(E2EAlgorithm algorithm, ReadOnlySpan<byte> payload, int checksumByte, uint messageId = 0,
        int dataId = 0, int counter = 0, ReadOnlySpan<byte> dataIdList = default, E2EDataIdMode dataIdMode = E2EDataIdMode.Both)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(checksumByte);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(checksumByte, payload.Length);
        if (algorithm == E2EAlgorithm.Crc8SaeJ1850 && dataId is < 0 or > 0xFFFF)
            throw new ArgumentOutOfRangeException(nameof(dataId), dataId, "Profile 1's data id is a 16-bit value");
        if (algorithm == E2EAlgorithm.Crc8H2F && dataIdList.Length != 16)
            throw new ArgumentException("Profile 2 (Crc8H2F) needs 16 data ids, one per counter value", nameof(dataIdList));
        return Compute(algorithm, payload, checksumByte, messageId, (ushort)dataId, dataIdMode, dataIdList, counter);
    }

    private E2EStatus CheckCore(ReadOnlySpan<byte> payload)
    {
        FramesChecked++;
        if (payload.Length < _minLength) return RejectChecksum();
        int counter = ReadCounter(payload);
        if (payload[_checksumByte] != ComputeCore(payload, counter)) return RejectChecksum();

        if (_counterBits < 0)
        {
            if (_seen) return E2EStatus.Ok;
            _seen = true;
            return E2EStatus.Initial;
        }
        if (counter >= CounterModulus)
        {
            // Profile 1 never sends the all-ones counter: a frame carrying it is as wrong as a jump.
            CounterJumps++;
            _rejectedSinceAccepted++;
            return E2EStatus.CounterJump;
        }
        if (_lastCounter < 0) return Accept(counter, E2EStatus.Initial);

        int delta = counter - _lastCounter;
        if (delta < 0) delta += CounterModulus;
        if (delta == 0)
        {
            CounterRepeats++;
            _rejectedSinceAccepted++;
            return E2EStatus.CounterRepeated;
        }
        if (delta > Math.Min(_maxDelta + _rejectedSinceAccepted, CounterModulus - 1))
        {
            CounterJumps++;
            Accept(counter, E2EStatus.CounterJump);
            return E2EStatus.CounterJump;
        }
        return Accept(counter, E2EStatus.Ok);
    }

    private E2EStatus Accept(int counter, E2EStatus status)
    {
        _lastCounter = counter;
        _rejectedSinceAccepted = 0;
        _seen = true;
        return status;
    }

    private E2EStatus RejectChecksum()
    {
        ChecksumFailures++;
        _rejectedSinceAccepted++;
        return E2EStatus.ChecksumMismatch;
    }

    private byte ComputeCore(ReadOnlySpan<byte> payload, int counter) =>
        Compute(_algorithm, payload, _checksumByte, _messageId, _dataId, _dataIdMode, _dataIdList, counter);

    private static byte Compute(E2EAlgorithm algorithm, ReadOnlySpan<byte> payload, int checksumByte, uint messageId,
        ushort dataId, E2EDataIdMode dataIdMode, ReadOnlySpan<byte> dataIdList, int counter)
    {
        var before = payload[..checksumByte];
        var after = payload[(checksumByte + 1)..];
        switch (algorithm)
        {
            case E2EAlgorithm.Sum8:
                {
                    uint sum = messageId & 0xFF;
                    foreach (byte value in before) sum += value;
                    foreach (byte value in after) sum += value;
                    return (byte)sum;
                }
            case E2EAlgorithm.Xor8:
                {
                    int xor = 0;
                    foreach (byte value in before) xor ^= value;
                    foreach (byte value in after) xor ^= value;
                    return (byte)xor;
                }
            case E2EAlgorithm.Crc8SaeJ1850:
                {
                    // Profile 1 chains Crc_CalculateCRC8 calls from 0xFF with the final XOR undone: in effect the
                    // register starts at 0x00 and the result is not inverted.
                    byte low = (byte)dataId, high = (byte)(dataId >> 8);
                    byte crc = 0x00;
                    crc = dataIdMode switch
                    {
                        E2EDataIdMode.Both => Crc8.UpdateSaeJ1850(Crc8.UpdateSaeJ1850(crc, low), high),
                        E2EDataIdMode.Alternating => Crc8.UpdateSaeJ1850(crc, (counter & 1) == 0 ? low : high),
                        _ => Crc8.UpdateSaeJ1850(crc, low),
                    };
                    crc = Crc8.UpdateSaeJ1850(crc, before);
                    return Crc8.UpdateSaeJ1850(crc, after);
                }
            case E2EAlgorithm.Crc8H2F:
                {
                    byte crc = Crc8.UpdateH2F(0xFF, before);
                    crc = Crc8.UpdateH2F(crc, after);
                    crc = Crc8.UpdateH2F(crc, dataIdList[counter & 0xF]);
                    return (byte)(crc ^ 0xFF);
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "not an E2E algorithm");
        }
    }

    private static DbcSignal FindSignal(DbcMessage message, string name, string where, string role)
    {
        if (string.IsNullOrEmpty(name) || !message.TryGetSignal(name, out var signal))
            throw new ArgumentException($"{where}: no {role} signal '{name}' in the message");
        return signal;
    }

    private void ThrowTooShort(int length) =>
        throw new ArgumentException($"{Decoder.Message.Name}: a {length}-byte payload does not hold the E2E signals (needs {_minLength} bytes)");
}
