using EdgeAI.Fusion.E2E;

namespace EdgeAI.DriveGen;

/// <summary>
/// The end-to-end protection of edgeai_demo.dbc's messages (models/dbc/README.md): which checksum and counter each
/// protected message carries. The generator computes them through <see cref="E2EChecker"/>, so sender and receiver
/// share one implementation; the tests check that implementation against published vectors.
/// </summary>
public static class DemoProtection
{
    /// <summary>Profile 1 data id of VCU_DriveState: its CAN id.</summary>
    public const int VcuDataId = 0x00C0;

    /// <summary>Profile 2 data ids of ACU_Occupancy, one per counter value.</summary>
    public static readonly IReadOnlyList<int> AcuDataIdList = [0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F];

    /// <summary>Spec per message name.</summary>
    public static readonly IReadOnlyDictionary<string, E2ESpec> ByMessage = new Dictionary<string, E2ESpec>(StringComparer.Ordinal)
    {
        ["EPS_Steering"] = new(E2EAlgorithm.Sum8, "EPS_Checksum", "EPS_Counter"),
        ["VCU_DriveState"] = new(E2EAlgorithm.Crc8SaeJ1850, "VCU_Checksum", "VCU_Counter", DataId: VcuDataId),
        ["ACU_Occupancy"] = new(E2EAlgorithm.Crc8H2F, "ACU_Checksum", "ACU_Counter", DataIdList: AcuDataIdList),
    };
}
