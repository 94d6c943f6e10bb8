using EdgeAI.Fusion.Context;
using EdgeAI.Services;

namespace EdgeAI.Llm.Tools;

/// <summary>The read-only service tools: answers about routes, charging and places come from the services, never from the model.</summary>
public static class ServiceTools
{
    /// <summary>plan_route and find_places over one view of the vehicle context and the region's services.</summary>
    public static IReadOnlyList<IChatTool> Create(IContextView context, RegionServices services)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(services);
        return [new PlanRouteTool(context, services), new FindPlacesTool(context, services)];
    }
}
