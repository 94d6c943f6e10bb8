using EdgeAI.Fusion.Context;
using EdgeAI.Services;
using EdgeAI.Services.TrafficLights;

namespace EdgeAI.Llm.Tools;

/// <summary>The read-only service tools: answers about routes, charging, places and traffic lights come from the services, never from the model.</summary>
public static class ServiceTools
{
    /// <summary>plan_route and find_places over one view of the vehicle context and the region's services.</summary>
    public static IReadOnlyList<IChatTool> Create(IContextView context, RegionServices services) => Create(context, services, null);

    /// <summary>plan_route and find_places, and traffic_light when <paramref name="light"/> (the live advice of the
    /// light ahead, provided by the drive) is given.</summary>
    public static IReadOnlyList<IChatTool> Create(IContextView context, RegionServices services, Func<TrafficLightAdvice?>? light)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(services);
        List<IChatTool> tools = [new PlanRouteTool(context, services), new FindPlacesTool(context, services)];
        if (light is not null) tools.Add(new TrafficLightTool(light));
        return tools;
    }
}
