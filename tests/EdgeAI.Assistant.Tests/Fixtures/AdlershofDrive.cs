using System.Globalization;
using System.Text.Json;
using EdgeAI.Assistant.Trip;
using EdgeAI.Inference.Models;
using EdgeAI.Services;
using EdgeAI.Services.Energy;
using EdgeAI.Services.Feeds;
using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;
using EdgeAI.Services.OpeningHours;
using EdgeAI.TestKit;

namespace EdgeAI.Assistant.Tests.Fixtures;

/// <summary>
/// The bundled Adlershof drive (models/scenarios/adlershof-drive): its trip (destination, reserve, stay), its first GPS
/// fix, and the region's services as <c>edgeai</c> builds them: the demo region's map store (streets from the model
/// cache, the committed POIs of models/maps/adlershof), loaded back from the store, with the scenario's feeds, the demo
/// car and Berlin's time zone and holidays. Tests that need it skip with what to run when the streets are not cached.
/// </summary>
public static class AdlershofDrive
{
    private static readonly string Folder = RepoPaths.Get("models", "scenarios", "adlershof-drive");
    private static readonly Lazy<RegionServices> LazyServices = new(BuildServices);
    private static readonly Lazy<GeoPoint> LazyFirstFix = new(ReadFirstFix);
    private static readonly Lazy<JsonElement> LazyTrip = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "scenario.json"))).RootElement.GetProperty("services").GetProperty("trip").Clone());

    /// <summary>Where the drive goes (the scenario's <c>destination</c>).</summary>
    public static GeoPoint Destination => Parse(LazyTrip.Value.GetProperty("destination").GetString()!);

    /// <summary>"Dörpfeldstraße, by Bhf Adlershof".</summary>
    public static string DestinationName => LazyTrip.Value.GetProperty("destination_name").GetString()!;

    /// <summary>15 %.</summary>
    public static double ReservePercent => LazyTrip.Value.GetProperty("reserve_percent").GetDouble();

    /// <summary>120 min.</summary>
    public static TimeSpan Stay => TimeSpan.FromMinutes(LazyTrip.Value.GetProperty("stay_min").GetDouble());

    /// <summary>The state of charge the car starts with, percent.</summary>
    public const double StartSocPercent = 15.2;

    /// <summary>The trip planner's charger for the drive.</summary>
    public const string PlannedChargerId = "gen-charger-01";

    /// <summary>Its name.</summary>
    public const string PlannedChargerName = "Ladepark Rudower Chaussee";

    /// <summary>The outside temperature the plans are made with, °C (a June morning).</summary>
    public const double OutsideC = 20;

    /// <summary>The first fix of gps.nmea: where the car starts.</summary>
    public static GeoPoint FirstFix => LazyFirstFix.Value;

    /// <summary>The region's services (built once per test run).</summary>
    public static RegionServices Services
    {
        get
        {
            string network = Path.Combine(DemoRegionMap.Folder(ModelCache.DefaultRoot), DemoRegionMap.NetworkFile);
            if (!File.Exists(network)) Assert.Skip($"{network} is missing: run ./test.sh (or edgeai models fetch sumo-adlershof)");
            return LazyServices.Value;
        }
    }

    /// <summary>A trip of the drive planned from <paramref name="at"/> with <paramref name="socPercent"/> at
    /// <paramref name="nowNs"/>.</summary>
    public static TripState Trip(GeoPoint at, double socPercent, long nowNs)
    {
        var trip = new TripState(Services, Destination, DestinationName, ReservePercent, Stay);
        trip.Update(at, socPercent / 100, nowNs, OutsideC, force: true);
        return trip;
    }

    /// <summary>A point on the route planned from <see cref="FirstFix"/> with at most <paramref name="leftM"/> of route left
    /// (the end of an edge).</summary>
    public static GeoPoint OnTheRoute(double leftM)
    {
        var route = Trip(FirstFix, 80, ScriptedDrive.StartNs).Plan!.Route;
        double done = 0;
        for (int i = 0; i < route.Edges.Count; i++)
        {
            done += route.EdgeLengthsM[i];
            if (route.LengthM - done <= leftM) return Services.Map.Graph.Edges[route.Edges[i]].Shape[^1];
        }
        return Destination;
    }

    /// <summary>A POI of the region by id.</summary>
    public static Poi Poi(string id) => Services.Map.Pois.Single(p => p.Id == id);

    private static RegionServices BuildServices()
    {
        string region = DemoRegionMap.Folder(ModelCache.DefaultRoot);
        string pois = RepoPaths.Get("models", "maps", "adlershof", "pois.json");
        using var scratch = new TempDirectory();
        string storePath = scratch.File("adlershof.map.db");
        MapStore.Write(DemoRegionMap.Build(region, PoiFile.Read(pois).Pois), storePath);
        RegionMap map;
        using (var store = MapStore.Open(storePath)) map = store.Load();
        var car = VehicleProfileReader.Load(RepoPaths.Get("models", "vehicle", "vw_id3.profile.json"));
        string feeds = RepoPaths.Get("models", "maps", "adlershof", "feeds");
        return new RegionServices(map, car, ScriptedDrive.Berlin, PublicHolidays.Berlin)
        {
            ParkingOccupancy = FeedFile.Read(Path.Combine(feeds, "parking.csv"), FeedKind.ParkingOccupancy),
            ChargerAvailability = FeedFile.Read(Path.Combine(feeds, "chargers.csv"), FeedKind.ChargerAvailability),
            Traffic = FeedFile.Read(Path.Combine(feeds, "traffic.csv"), FeedKind.TrafficSpeed),
        };
    }

    // $GPGGA,hhmmss.ss,ddmm.mmmmm,N,dddmm.mmmmm,E,...: degrees and decimal minutes.
    private static GeoPoint ReadFirstFix()
    {
        foreach (var line in File.ReadLines(Path.Combine(Folder, "gps.nmea")))
        {
            var f = line.Split(',');
            if (f[0] != "$GPGGA" || f[2].Length == 0) continue;
            double lat = Degrees(f[2], 2) * (f[3] == "S" ? -1 : 1), lon = Degrees(f[4], 3) * (f[5] == "W" ? -1 : 1);
            return new GeoPoint(lat, lon);
        }
        throw new InvalidDataException("gps.nmea: no $GPGGA fix");
    }

    private static double Degrees(string field, int degreeDigits) =>
        double.Parse(field[..degreeDigits], CultureInfo.InvariantCulture) + double.Parse(field[degreeDigits..], CultureInfo.InvariantCulture) / 60;

    private static GeoPoint Parse(string latLon)
    {
        var parts = latLon.Split(',');
        return new GeoPoint(double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
