using EdgeAI.Llm.Vehicle;
using EdgeAI.TestKit;

namespace EdgeAI.Llm.Tests.Vehicle;

/// <summary>The bundled city drive replayed to 300 s, shared by the tool and responder tests.</summary>
public static class DriveFixture
{
    /// <summary>Moment of the drive the shared store shows.</summary>
    public static readonly TimeSpan At = TimeSpan.FromSeconds(300);

    private static readonly Lazy<VehicleStateStore> Shared = new(() => VehicleStateStore.FromDrive(RepoPaths.CityDriveLog, RepoPaths.DemoDbc, At));

    /// <summary>The store at <see cref="At"/> (read-only use only).</summary>
    public static VehicleStateStore Store => Shared.Value;
}
