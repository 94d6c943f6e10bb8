namespace EdgeAI.Fusion.E2E;

/// <summary>
/// How one DBC message is end-to-end protected: the algorithm, the signals that carry the checksum and the
/// alive counter (names as in the DBC message), and the data id(s) the CRC profiles mix in.
/// </summary>
/// <param name="Algorithm">How the checksum byte is computed.</param>
/// <param name="ChecksumSignal">The 8-bit, byte-aligned signal that holds the checksum.</param>
/// <param name="CounterSignal">The alive counter (unsigned, up to 8 bits), or null when the message has none.</param>
/// <param name="DataId">Profile 1's 16-bit data id; ignored by the other algorithms.</param>
/// <param name="DataIdList">Profile 2's sixteen 8-bit data ids, one per counter value; required for
/// <see cref="E2EAlgorithm.Crc8H2F"/>, ignored by the others.</param>
/// <param name="MaxDeltaCounter">The largest counter step that is still <see cref="E2EStatus.Ok"/> (1 = no frame may be lost).</param>
public sealed record E2ESpec(
    E2EAlgorithm Algorithm,
    string ChecksumSignal,
    string? CounterSignal = null,
    int DataId = 0,
    IReadOnlyList<int>? DataIdList = null,
    int MaxDeltaCounter = 1)
{
    /// <summary>Which data id bytes Profile 1 puts into the CRC; <see cref="E2EDataIdMode.Both"/> unless set.</summary>
    public E2EDataIdMode DataIdMode { get; init; } = E2EDataIdMode.Both;
}
