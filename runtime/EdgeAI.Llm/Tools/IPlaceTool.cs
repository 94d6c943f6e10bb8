using EdgeAI.Services.Map;

namespace EdgeAI.Llm.Tools;

/// <summary>A tool that takes place names: the places it resolves them among (<see cref="PlaceLookup"/>), so the
/// template responder can pass on a place a question names as the tool will find it.</summary>
internal interface IPlaceTool
{
    /// <summary>The map's places.</summary>
    IReadOnlyList<Poi> Places { get; }
}
