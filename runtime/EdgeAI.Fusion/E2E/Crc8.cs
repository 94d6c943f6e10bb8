namespace EdgeAI.Fusion.E2E;

/// <summary>
/// The two 8-bit CRCs of the AUTOSAR Crc library, table driven (one 256-byte table per polynomial, built once from
/// the polynomial), MSB first, no reflection. <see cref="SaeJ1850(ReadOnlySpan{byte})"/> and
/// <see cref="H2F(ReadOnlySpan{byte})"/> are the catalogue CRCs (start value and final XOR 0xFF; check values over
/// ASCII "123456789": 0x4B and 0xDF); the <c>Update</c> methods run the bare register for profiles that chain.
/// </summary>
public static class Crc8
{
    /// <summary>CRC-8 SAE J1850 generator polynomial x^8 + x^4 + x^3 + x^2 + 1.</summary>
    public const byte SaeJ1850Polynomial = 0x1D;

    /// <summary>CRC-8H2F generator polynomial x^8 + x^5 + x^3 + x^2 + x + 1.</summary>
    public const byte H2FPolynomial = 0x2F;

    private static readonly byte[] SaeJ1850Table = BuildTable(SaeJ1850Polynomial);
    private static readonly byte[] H2FTable = BuildTable(H2FPolynomial);

    /// <summary>CRC-8 SAE J1850 as the Crc library's <c>Crc_CalculateCRC8</c> on a first call: start 0xFF, final XOR 0xFF.</summary>
    public static byte SaeJ1850(ReadOnlySpan<byte> data) => (byte)(UpdateSaeJ1850(0xFF, data) ^ 0xFF);

    /// <summary>CRC-8H2F as the Crc library's <c>Crc_CalculateCRC8H2F</c> on a first call: start 0xFF, final XOR 0xFF.</summary>
    public static byte H2F(ReadOnlySpan<byte> data) => (byte)(UpdateH2F(0xFF, data) ^ 0xFF);

    /// <summary>Runs the SAE J1850 register from <paramref name="crc"/> over <paramref name="data"/>; no final XOR.</summary>
    public static byte UpdateSaeJ1850(byte crc, ReadOnlySpan<byte> data) => Update(SaeJ1850Table, crc, data);

    /// <summary>Runs the SAE J1850 register from <paramref name="crc"/> over one byte; no final XOR.</summary>
    public static byte UpdateSaeJ1850(byte crc, byte value) => SaeJ1850Table[crc ^ value];

    /// <summary>Runs the 0x2F register from <paramref name="crc"/> over <paramref name="data"/>; no final XOR.</summary>
    public static byte UpdateH2F(byte crc, ReadOnlySpan<byte> data) => Update(H2FTable, crc, data);

    /// <summary>Runs the 0x2F register from <paramref name="crc"/> over one byte; no final XOR.</summary>
    public static byte UpdateH2F(byte crc, byte value) => H2FTable[crc ^ value];

    private static byte Update(byte[] table, byte crc, ReadOnlySpan<byte> data)
    {
        foreach (byte value in data) crc = table[crc ^ value];
        return crc;
    }

    /// <summary>The register after shifting each possible byte through it: entry i is i followed by eight zero bits, mod the polynomial.</summary>
    private static byte[] BuildTable(byte polynomial)
    {
        var table = new byte[256];
        for (int i = 0; i < table.Length; i++)
        {
            int crc = i;
            for (int bit = 0; bit < 8; bit++)
                crc = (crc & 0x80) != 0 ? (crc << 1) ^ polynomial : crc << 1;
            table[i] = (byte)crc;
        }
        return table;
    }
}
