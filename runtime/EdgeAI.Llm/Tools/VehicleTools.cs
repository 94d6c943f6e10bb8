using EdgeAI.Fusion.Context;

namespace EdgeAI.Llm.Tools;

/// <summary>The read-only vehicle tools the assistant offers.</summary>
public static class VehicleTools
{
    /// <summary>get_vehicle_state, get_range, get_cabin_climate and get_location over one view of the vehicle context.</summary>
    public static IReadOnlyList<IChatTool> Create(IContextView context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return [new VehicleStateTool(context), new RangeTool(context), new CabinClimateTool(context), new LocationTool(context)];
    }
}
