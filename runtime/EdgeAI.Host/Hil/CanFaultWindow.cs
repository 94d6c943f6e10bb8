using EdgeAI.Can;
using EdgeAI.Can.Dbc;
using EdgeAI.Fusion.E2E;

namespace EdgeAI.Host.Hil;

/// <summary>One CAN fault bound to its message (none for bus-off) and, for E2E faults, the message's protection.</summary>
internal sealed class CanFaultWindow(HilFault fault, MessageDecoder? message, E2EChecker? protection)
{
    private readonly long _fromNs = (long)(fault.FromS * 1e9), _toNs = (long)(fault.ToS * 1e9);
    private int _heldCounter = -1;

    public HilFault Fault => fault;

    /// <summary>Frames it removed or altered.</summary>
    public long Frames { get; set; }

    public bool Covers(long sinceStartNs) => sinceStartNs >= _fromNs && sinceStartNs < _toNs;

    public bool Concerns(in CanFrame frame) => message is null || frame.Id == message.Message.Id && frame.IsExtended == message.Message.IsExtended;

    /// <summary>The frame with its counter held or its checksum broken.</summary>
    public CanFrame Alter(in CanFrame frame)
    {
        Frames++;
        Span<byte> data = stackalloc byte[frame.Length];
        frame.Data.CopyTo(data);
        if (fault.Kind == HilFaultKind.FrozenCounter)
        {
            int counter = protection!.ReadCounter(data);
            if (_heldCounter < 0) _heldCounter = counter;
            int index = message!.IndexOf(protection.Spec.CounterSignal!);
            Span<long> raw = stackalloc long[message.SignalCount];
            Span<bool> present = stackalloc bool[message.SignalCount];
            message.DecodeRaw(data, raw, present);
            raw[index] = _heldCounter;
            message.EncodeRaw(raw, data);
            protection.Protect(data);
        }
        else
        {
            // Any other byte is wrong; XOR with a constant keeps it deterministic.
            data[protection!.ChecksumByte] = (byte)(protection.ComputeChecksum(data) ^ 0x5A);
        }
        return new CanFrame(frame.Id, data, frame.Flags, frame.TimestampNs, frame.Channel);
    }
}
