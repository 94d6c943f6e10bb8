namespace EdgeAI.Can.Dbc;

/// <summary>
/// The parts of a 29-bit SAE J1939 identifier: priority (3 bits), parameter group number, source address (8 bits).
/// In PDU1 groups (PF &lt; 240) the PS byte is a destination address and not part of the PGN.
/// </summary>
public static class J1939Id
{
    /// <summary>The parameter group number: EDP, DP, PF, and PS only for PDU2 (PF ≥ 240).</summary>
    public static uint Pgn(uint id)
    {
        uint pgn = (id >> 8) & 0x3FFFF;
        return IsPdu1(id) ? pgn & 0x3FF00 : pgn;
    }

    /// <summary>PDU1 (destination-specific, PF &lt; 240): the PS byte is the destination address.</summary>
    public static bool IsPdu1(uint id) => ((id >> 16) & 0xFF) < 240;

    /// <summary>The destination address of a PDU1 id; 255 (global) for PDU2.</summary>
    public static byte DestinationAddress(uint id) => IsPdu1(id) ? (byte)(id >> 8) : (byte)0xFF;

    /// <summary>The sender's address (low byte).</summary>
    public static byte SourceAddress(uint id) => (byte)id;

    /// <summary>Priority 0 (highest) .. 7.</summary>
    public static int Priority(uint id) => (int)((id >> 26) & 7);
}
