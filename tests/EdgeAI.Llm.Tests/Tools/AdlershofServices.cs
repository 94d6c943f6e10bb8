using EdgeAI.Fusion.Context;
using EdgeAI.Services;
using EdgeAI.Services.Energy;
using EdgeAI.Services.Feeds;
using EdgeAI.Services.Map;
using EdgeAI.Services.OpeningHours;
using EdgeAI.TestKit;

namespace EdgeAI.Llm.Tests.Tools;

/// <summary>
/// The Adlershof drive's services for the tool tests: the demo region's real streets with its generated POIs and feeds,
/// and the context at the drive's start (position, 15.2 % charge, Friday 11:52 in Berlin). Tests that use them skip
/// with a reason when the demo region is not in the model cache.
/// </summary>
internal static class AdlershofServices
{
    /// <summary>The bundled scenario's folder.</summary>
    public static readonly string Scenario = RepoPaths.Get("models", "scenarios", "adlershof-drive");

    /// <summary>The drive's destination: scenario.json services.trip.destination.</summary>
    public const string Destination = "52.435970,13.542850";

    private static readonly Lazy<RegionServices> Shared = new(() =>
    {
        var map = DemoRegionMap.Build(Folder(), PoiFile.Read(RepoPaths.Get("models", "maps", "adlershof", "pois.json")).Pois);
        return new RegionServices(map, VehicleProfileReader.Load(RepoPaths.Get("models", "vehicle", "vw_id3.profile.json")),
            TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), PublicHolidays.Berlin)
        {
            ParkingOccupancy = FeedFile.Read(RepoPaths.Get("models", "maps", "adlershof", "feeds", "parking.csv")),
            Traffic = FeedFile.Read(RepoPaths.Get("models", "maps", "adlershof", "feeds", "traffic.csv")),
            ChargerAvailability = FeedFile.Read(RepoPaths.Get("models", "maps", "adlershof", "feeds", "chargers.csv")),
        };
    });

    private static readonly Lazy<IContextView> StartView = new(() => new FixedContextView(ContextReplay.At(
        Path.Combine(Scenario, "can.log.gz"), RepoPaths.Get("models", "vehicle", "edgeai_demo.signals.json"), TimeSpan.FromSeconds(3))));

    /// <summary>The region's services (skips the test when the demo region is missing).</summary>
    public static RegionServices Services
    {
        get
        {
            Folder();
            return Shared.Value;
        }
    }

    /// <summary>The context 3 s into the drive.</summary>
    public static IContextView Start => StartView.Value;

    private static string Folder()
    {
        var root = Environment.GetEnvironmentVariable("EDGEAI_MODELS") is { Length: > 0 } env ? env
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "edgeai", "models");
        var folder = DemoRegionMap.Folder(root);
        if (!File.Exists(Path.Combine(folder, "osm.net.xml"))) Assert.Skip($"{folder}/osm.net.xml is missing: run ./test.sh (or edgeai models fetch sumo-adlershof)");
        return folder;
    }
}
