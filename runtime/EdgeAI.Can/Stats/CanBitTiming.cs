namespace EdgeAI.Can.Stats;

/// <summary>
/// How many bits a frame occupies on the wire (ISO 11898-1), split into the part sent at the nominal
/// (arbitration) bit rate and the part sent at the CAN FD data bit rate, with or without worst-case bit stuffing.
/// </summary>
public static class CanBitTiming
{
    // Classic: SOF, id, RTR/SRR, IDE, (ext id, RTR), r0/r1, DLC: 19 (standard) or 39 (extended) bits before data;
    // CRC 15 follow, then CRC delimiter, ACK slot + delimiter, EOF 7 and intermission 3 (13 bits, never stuffed).
    private const int ClassicStandardHead = 19;
    private const int ClassicExtendedHead = 39;
    private const int Crc15 = 15;
    private const int Tail = 13;

    // CAN FD arbitration phase up to and including BRS: SOF, base id, RRS, IDE, FDF, res, BRS (17) or with
    // SRR + 18-bit extension (36). The data phase: ESI, DLC, data, stuff count (4), CRC 17/21 with fixed stuff bits.
    private const int FdStandardArbitration = 17;
    private const int FdExtendedArbitration = 36;

    /// <summary>Bits at the nominal rate and at the data rate (zero unless CAN FD with BRS).</summary>
    public static (int NominalBits, int DataBits) Count(in CanFrame frame, bool worstCaseStuffing)
    {
        int dataBits = frame.Length * 8;
        if (frame.IsError) return (20, 0); // 6 flag + 6 echo + 8 delimiter bits; intermission is counted on the next frame
        if (!frame.IsFd)
        {
            int stuffable = (frame.IsExtended ? ClassicExtendedHead : ClassicStandardHead) + dataBits + Crc15;
            int stuff = worstCaseStuffing ? (stuffable - 1) / 4 : 0;
            return (stuffable + stuff + Tail, 0);
        }
        int arbitration = frame.IsExtended ? FdExtendedArbitration : FdStandardArbitration;
        int crc = frame.Length <= 16 ? 17 : 21;
        int fixedStuff = (4 + crc + 3) / 4; // one fixed stuff bit before the stuff count and every 4 bits in the CRC
        int beforeCrc = 1 + 4 + dataBits; // ESI, DLC, data: dynamically stuffed like the arbitration field
        int dynamic = worstCaseStuffing ? (arbitration + beforeCrc - 1) / 4 : 0;
        // Dynamic stuff bits are spread over both phases; attribute them in proportion to where they fall.
        int arbitrationStuff = worstCaseStuffing ? (arbitration - 1) / 4 : 0;
        int dataPhase = beforeCrc + 4 + crc + fixedStuff + (dynamic - arbitrationStuff);
        int nominal = arbitration + arbitrationStuff + Tail;
        return (frame.Flags & CanFlags.Brs) != 0 ? (nominal, dataPhase) : (nominal + dataPhase, 0);
    }

    /// <summary>Seconds the frame occupies the bus at the given bit rates.</summary>
    public static double Seconds(in CanFrame frame, double nominalBitRate, double dataBitRate, bool worstCaseStuffing)
    {
        var (nominal, data) = Count(in frame, worstCaseStuffing);
        return nominal / nominalBitRate + data / dataBitRate;
    }
}
