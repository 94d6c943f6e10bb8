using EdgeAI.Llm.Vehicle;

namespace EdgeAI.Llm.Tools;

/// <summary>The read-only vehicle tools the assistant offers.</summary>
public static class VehicleTools
{
    /// <summary>get_vehicle_state, get_range, get_cabin_climate and get_location over one store.</summary>
    public static IReadOnlyList<IChatTool> Create(VehicleStateStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return [new VehicleStateTool(store), new RangeTool(store), new CabinClimateTool(store), new LocationTool(store)];
    }
}
