namespace EdgeAI.Fusion.E2E;

/// <summary>Which bytes of the 16-bit data id AUTOSAR E2E Profile 1 feeds into its CRC (E2E_P01DataIDMode).
/// The nibble mode (Profile 1C, part of the id sent in the payload) is not supported.</summary>
public enum E2EDataIdMode
{
    /// <summary>Low byte, then high byte (E2E_P01_DATAID_BOTH).</summary>
    Both,

    /// <summary>Low byte when the counter is even, high byte when it is odd (E2E_P01_DATAID_ALT).</summary>
    Alternating,

    /// <summary>Low byte only (E2E_P01_DATAID_LOW).</summary>
    Low,
}
