using EdgeAI.Inference.Models;
using EdgeAI.Services.Map;
using EdgeAI.TestKit;
using EdgeAI.Voice.Intents;

namespace EdgeAI.Voice.Tests.Recognition;

/// <summary>
/// The demo region's names as the demo loads them: the generated POIs of models/maps/adlershof/pois.json (always in
/// the repository) and, when the model cache has the region (<c>edgeai models fetch sumo-adlershof</c>), the whole
/// region with its landmarks through <see cref="DemoRegionMap.Build"/>.
/// </summary>
internal static class DemoRegionNames
{
    private static readonly Lazy<IReadOnlyList<Poi>> Generated = new(() => PoiFile.Read(RepoPaths.Get("models", "maps", "adlershof", "pois.json")).Pois);
    private static readonly Lazy<IReadOnlyList<Poi>?> Region = new(() =>
    {
        string folder = DemoRegionMap.Folder(ModelCache.DefaultRoot);
        if (!File.Exists(Path.Combine(folder, DemoRegionMap.NetworkFile)) || !File.Exists(Path.Combine(folder, DemoRegionMap.LandmarkFile))) return null;
        return DemoRegionMap.Build(folder, Generated.Value).Pois;
    });

    /// <summary>The generated POIs (restaurants, cafés, car parks, chargers).</summary>
    public static IReadOnlyList<Poi> GeneratedPois => Generated.Value;

    /// <summary>Every POI of the region with its landmarks, or a skip naming what to fetch.</summary>
    public static IReadOnlyList<Poi> AllPois => Region.Value
        ?? throw Xunit.Sdk.SkipException.ForSkip($"the demo region is not in the model cache ({DemoRegionMap.Folder(ModelCache.DefaultRoot)}): run ./edgeai models fetch sumo-adlershof");

    /// <summary>The command vocabulary of <paramref name="pois"/>: their names, kinds (no landmarks) and cuisines.</summary>
    public static CommandVocabulary Vocabulary(IReadOnlyList<Poi> pois) => CommandVocabulary.Create(
        pois.Select(p => p.Name),
        pois.Where(p => p.Kind != PoiKind.Landmark).Select(p => p.Kind.ToString().ToLowerInvariant()).Distinct(),
        pois.Where(p => p.Food is not null).Select(p => p.Food!.Cuisine).Distinct());

    /// <summary>The vocabulary of the whole region when cached, else of its generated POIs.</summary>
    public static CommandVocabulary BestVocabulary => Vocabulary(Region.Value ?? Generated.Value);
}
