namespace EdgeAI.Fusion.E2E;

/// <summary>How the checksum byte of an end-to-end protected message is computed (docs/e2e.md).</summary>
public enum E2EAlgorithm
{
    /// <summary>Low byte of the CAN id plus every payload byte except the checksum byte, mod 256
    /// (the bundled drive's EPS_Steering; its checksum is the last byte, so "every byte before it").</summary>
    Sum8,

    /// <summary>XOR of every payload byte except the checksum byte.</summary>
    Xor8,

    /// <summary>AUTOSAR E2E Profile 1: CRC-8 SAE J1850 (polynomial 0x1D) over the data id bytes
    /// (<see cref="E2EDataIdMode"/>) then the payload without the checksum byte; start value and final XOR 0x00
    /// as the profile runs the Crc library. The counter wraps after 14 (the all-ones value is invalid).</summary>
    Crc8SaeJ1850,

    /// <summary>AUTOSAR E2E Profile 2: CRC-8H2F (polynomial 0x2F, start value and final XOR 0xFF) over the payload
    /// without the checksum byte, then the data id that <see cref="E2ESpec.DataIdList"/> holds for the counter value.</summary>
    Crc8H2F,
}
