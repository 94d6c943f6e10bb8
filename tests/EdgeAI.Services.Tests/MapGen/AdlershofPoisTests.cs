using EdgeAI.MapGen;
using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;
using EdgeAI.Services.OpeningHours;

namespace EdgeAI.Services.Tests.MapGen;

/// <summary>
/// models/maps/adlershof is what tools/EdgeAI.MapGen writes from the demo region, byte for byte, and the generated POIs
/// sit on the real streets, near the landmarks the demo needs.
/// </summary>
public class AdlershofPoisTests
{
    private static IReadOnlyList<Poi> Pois => PoiFile.Read(TestData.PoisJson).Pois;

    private static GeoPoint Landmark(string id) => DemoRegion.Map.Pois.Single(p => p.Id == id).Position;

    [Fact]
    public void CommittedFiles_AreWhatMapGenWritesFromTheDemoRegion()
    {
        var files = EdgeAI.MapGen.Program.Generate(DemoRegion.Map, AdlershofPois.DefaultSeed).ToList();
        Assert.Equal(4, files.Count);
        foreach (var (path, text) in files)
            Assert.True(text == File.ReadAllText(Path.Combine(TestData.Folder, path)),
                $"{path} differs from the generator's output: rerun dotnet run --project tools/EdgeAI.MapGen");
    }

    [Fact]
    public void Generate_AnotherSeed_GivesOtherPlacesOnTheSameStreets()
    {
        var a = AdlershofPois.Generate(DemoRegion.Map, 1).ToJson();
        Assert.Equal(a, AdlershofPois.Generate(DemoRegion.Map, 1).ToJson());
        Assert.NotEqual(a, AdlershofPois.Generate(DemoRegion.Map, 2).ToJson());
    }

    [Fact]
    public void EveryPoi_IsGeneratedBesideTheNamedStreetItIsNamedAfter()
    {
        var streets = new StreetPlacement(DemoRegion.Graph);
        foreach (var poi in Pois)
        {
            Assert.True(poi.Generated, poi.Id);
            var nearest = streets.Streets.MinBy(e => streets.Project(e, poi.Position).DistanceM)!;
            Assert.InRange(streets.Project(nearest, poi.Position).DistanceM, 3.5, 20); // beside a street, never on one
            if (poi.Name != "P+R Bahnhof Adlershof")
                Assert.Contains(streets.Streets, e => e.Name is { } n && poi.Name.Contains(n, StringComparison.Ordinal) && streets.Project(e, poi.Position).DistanceM <= 20);
        }
        Assert.Equal(Pois.Count, Pois.Select(p => p.Name).Distinct().Count());
    }

    [Fact]
    public void Landmarks_HaveACoveredCarParkAndPlacesToEatNearby()
    {
        foreach (var id in new[] { "Bhf Adlershof", "DLR", "Bessy" })
        {
            var at = Landmark(id);
            Assert.Contains(Pois, p => p.Parking is { Covered: true, MaxHeightM: not null } && GeoPoint.DistanceM(p.Position, at) < 300);
            Assert.True(Pois.Count(p => p.Food is not null && GeoPoint.DistanceM(p.Position, at) < 350) >= 2, id);
        }
        Assert.Contains(Pois, p => p.Parking is not null && GeoPoint.DistanceM(p.Position, new GeoPoint(52.4352, 13.5412)) < 200); // Bhf Adlershof
    }

    [Fact]
    public void Chargers_SpreadOverTheRegionWithEveryPowerClassAndOneAtTheDrivesStop()
    {
        var chargers = Pois.Where(p => p.Charger is not null).ToList();
        Assert.InRange(chargers.Count, 10, 20);
        Assert.Contains(chargers, c => c.Charger!.PowerKw == 150 && GeoPoint.DistanceM(c.Position, AdlershofPois.DriveChargingStop) < 10);
        foreach (var kw in new[] { 11.0, 22, 50, 150, 300 }) Assert.Contains(chargers, c => c.Charger!.PowerKw == kw);
        Assert.Contains(chargers, c => c.Charger!.Connectors.Contains("chademo"));
        foreach (var c in chargers)
        {
            Assert.Equal(c.Charger!.PowerKw >= 50 ? "ccs2" : "type2", c.Charger.Connectors[0]);
            Assert.True(chargers.Where(o => o != c).Min(o => GeoPoint.DistanceM(o.Position, c.Position)) > 150, $"{c.Name} is crowded");
        }
    }

    [Fact]
    public void OpeningHours_AllParseAndCoverMidnightLunchBreaksAndHolidays()
    {
        var hours = Pois.Select(p => p.Food?.OpeningHours ?? p.Parking?.OpeningHours).OfType<string>().ToList();
        foreach (var h in hours) Assert.True(OpeningHoursRule.TryParse(h, out _, out var error), $"{h}: {error}");
        Assert.Contains(hours, h => h.Contains("-03:00", StringComparison.Ordinal) || h.Contains("-01:00", StringComparison.Ordinal));
        Assert.Contains(hours, h => h.Contains("PH off", StringComparison.Ordinal));
        Assert.Contains(hours, h => h.StartsWith("Mo-Fr", StringComparison.Ordinal));
        Assert.Contains(hours, h => h.Contains("-14:30,17:30", StringComparison.Ordinal));
        Assert.All(Pois.Where(p => p.Food is not null), p => Assert.InRange(p.Food!.PriceLevel, 1, 4));
        Assert.Contains(Pois, p => p.Kind == PoiKind.Cafe);
    }
}
