using EdgeAI.Fusion.E2E;

namespace EdgeAI.Fusion.Mapping;

/// <summary>The end-to-end protection a signal map declares for one message: which algorithm checks it, and the
/// checksum and alive-counter signals it uses.</summary>
/// <param name="Message">The DBC message's name.</param>
/// <param name="Algorithm">The algorithm's name (see docs/e2e.md).</param>
/// <param name="ChecksumSignal">The checksum signal within the message.</param>
/// <param name="CounterSignal">The alive counter within the message, if it has one.</param>
/// <param name="DataId">The data id (AUTOSAR profile 1).</param>
/// <param name="DataIdList">The 16 data ids chosen by the counter (AUTOSAR profile 2).</param>
/// <param name="MaxDeltaCounter">The largest counter step that still counts as in order.</param>
/// <param name="DataIdMode">How profile 1 feeds the data id into the CRC: both, alternating or low.</param>
public sealed record E2EDeclaration(
    string Message,
    string Algorithm,
    string ChecksumSignal,
    string? CounterSignal,
    int DataId,
    IReadOnlyList<int>? DataIdList,
    int MaxDeltaCounter,
    E2EDataIdMode DataIdMode = E2EDataIdMode.Both)
{
    /// <summary>The checker's spec.</summary>
    /// <exception cref="FormatException">an algorithm name the checker does not know.</exception>
    public E2ESpec ToSpec() => new(
        Enum.TryParse<E2EAlgorithm>(Algorithm, ignoreCase: false, out var algorithm) && Enum.IsDefined(algorithm)
            ? algorithm : throw new FormatException($"e2e {Message}: expected algorithm Sum8, Xor8, Crc8SaeJ1850 or Crc8H2F, found '{Algorithm}'"),
        ChecksumSignal, CounterSignal, DataId, DataIdList, MaxDeltaCounter) { DataIdMode = DataIdMode };
}
