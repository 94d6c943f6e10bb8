namespace EdgeAI.Can.Logs.Trc;

/// <summary>
/// TRC error frames (<c>ER</c>) carry PCAN's five error bytes: error type (1 bit, 2 form, 4 stuff, 8 other),
/// direction (0 while transmitting, 1 while receiving), bit position, receive and transmit error counters.
/// As SocketCAN error frames: a protocol violation (CAN_ERR_PROT) with the type in data[2]
/// (CAN_ERR_PROT_BIT/FORM/STUFF, CAN_ERR_PROT_TX) and the counters in data[6]/data[7] (CAN_ERR_CNT).
/// The bit position has no SocketCAN field and is not kept.
/// </summary>
internal static class TrcErrorFrame
{
    public const int PeakLength = 5;
    private const uint ProtocolViolation = 0x08; // CAN_ERR_PROT
    private const uint Counters = 0x200;         // CAN_ERR_CNT
    private const byte WhileTransmitting = 0x80;  // CAN_ERR_PROT_TX

    /// <summary>SocketCAN id and 8 data bytes for PCAN's error bytes (missing ones read as 0).</summary>
    public static uint ToSocketCan(ReadOnlySpan<byte> peak, Span<byte> data)
    {
        data[..CanFrame.MaxClassicLength].Clear();
        byte type = peak.Length > 0 ? peak[0] : (byte)8;
        data[2] = type switch { 1 => 0x01, 2 => 0x02, 4 => 0x04, _ => 0x00 };
        if (peak.Length > 1 && peak[1] == 0) data[2] |= WhileTransmitting;
        uint id = ProtocolViolation;
        if (peak.Length >= PeakLength)
        {
            data[7] = peak[3]; // receive error counter
            data[6] = peak[4]; // transmit error counter
            id |= Counters;
        }
        return id;
    }

    /// <summary>PCAN's error bytes for a SocketCAN error frame; false when reading them back would not give the same frame.</summary>
    public static bool FromSocketCan(in CanFrame frame, Span<byte> peak)
    {
        var data = frame.Data;
        byte prot = data.Length > 2 ? data[2] : (byte)0;
        peak[0] = (prot & 0x01) != 0 ? (byte)1 : (prot & 0x02) != 0 ? (byte)2 : (prot & 0x04) != 0 ? (byte)4 : (byte)8;
        peak[1] = (prot & WhileTransmitting) != 0 ? (byte)0 : (byte)1;
        peak[2] = 0;
        peak[3] = data.Length > 7 ? data[7] : (byte)0;
        peak[4] = data.Length > 6 ? data[6] : (byte)0;
        Span<byte> back = stackalloc byte[CanFrame.MaxClassicLength];
        uint id = ToSocketCan(peak[..PeakLength], back);
        return id == frame.Id && back.SequenceEqual(data);
    }
}
