using EdgeAI.Services.Map;
using EdgeAI.Voice.Intents;

namespace EdgeAI.Assistant.Voice;

/// <summary>What a driver can name by voice in a region: its places (landmarks included), their kinds and the cuisines
/// of its restaurants. The recognizer's grammar and the intent parser are built from it.</summary>
public static class RegionVocabulary
{
    /// <summary>The vocabulary of <paramref name="pois"/> (kinds without landmarks; cuisines of food places).</summary>
    public static CommandVocabulary Of(IReadOnlyList<Poi> pois)
    {
        ArgumentNullException.ThrowIfNull(pois);
        return CommandVocabulary.Create(
            pois.Select(p => p.Name),
            pois.Where(p => p.Kind != PoiKind.Landmark).Select(p => p.Kind.ToString().ToLowerInvariant()).Distinct(),
            pois.Where(p => p.Food is not null).Select(p => p.Food!.Cuisine).Distinct());
    }
}
