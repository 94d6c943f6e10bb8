using EdgeAI.Services.Geo;
using EdgeAI.Services.TrafficLights;
using EdgeAI.TestKit;

namespace EdgeAI.Services.Tests.TrafficLights;

public sealed class SpatFormatTests
{
    private const string Validate = """
        import gzip, json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        path = sys.argv[2]
        opener = gzip.open if path.endswith(".gz") else open
        docs = [json.load(open(path))] if sys.argv[3] == "file" else [json.loads(l) for l in opener(path, "rt") if l.strip()]
        bad = sum(1 for d in docs for _ in validator.iter_errors(d))
        print(f"{len(docs)} {bad}")
        """;

    private static SpatMessage Sample(double t) => new(t + 0.05, t, "joinedS_0",
    [
        new SignalGroupState(1, MovementPhaseState.StopAndRemain, t - 3, t + 2, t + 40, t + 9.3, 0.4),
        new SignalGroupState(2, MovementPhaseState.ProtectedMovementAllowed, t - 1, t + 4, t + 4, t + 4, 1),
    ]);

    [Fact]
    public void SpatFile_WriteThenRead_RoundTripsByteForByte()
    {
        using var dir = new TempDirectory();
        var path = dir.File("spat.jsonl");
        SpatFile.Write(path, [Sample(10), Sample(11)]);
        var read = SpatFile.Read(path);
        Assert.Equal(2, read.Count);
        Assert.Equal(MovementPhaseState.StopAndRemain, read[0].States[0].State);
        Assert.Equal(19.3, read[0].States[0].LikelyTime, 6);
        var again = dir.File("again.jsonl");
        SpatFile.Write(again, read);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(again));
    }

    [Theory]
    [InlineData("{\"t\":1,\"intersection\":\"a\",\"states\":[{\"signalGroup\":1,\"eventState\":\"red\",\"startTime\":0,\"minEndTime\":1,\"maxEndTime\":2,\"likelyTime\":1,\"confidence\":1}]}", "eventState")]
    [InlineData("{\"t\":1,\"intersection\":\"a\",\"states\":[{\"signalGroup\":0,\"eventState\":\"dark\",\"startTime\":0,\"minEndTime\":1,\"maxEndTime\":2,\"likelyTime\":1,\"confidence\":1}]}", "signalGroup")]
    [InlineData("{\"t\":1,\"intersection\":\"a\",\"states\":[{\"signalGroup\":1,\"eventState\":\"dark\",\"startTime\":0,\"minEndTime\":3,\"maxEndTime\":2,\"likelyTime\":1,\"confidence\":1}]}", "minEndTime <= maxEndTime")]
    [InlineData("{\"t\":1,\"states\":[]}", "intersection")]
    [InlineData("{\"t\":1,", "one JSON object per line")]
    public void SpatFile_BadLine_OneLineErrorNamingFileLineAndExpectation(string line, string expected)
    {
        using var dir = new TempDirectory();
        var path = dir.File("spat.jsonl");
        File.WriteAllText(path, "{\"t\":0,\"intersection\":\"a\",\"states\":[]}\n" + line + "\n");
        var e = Assert.Throws<SpatFormatException>(() => SpatFile.Read(path));
        Assert.Equal(2, e.Line);
        Assert.StartsWith($"{path}:2: expected", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void SpatFile_LinesOutOfReceptionOrder_Refused()
    {
        using var dir = new TempDirectory();
        var path = dir.File("spat.jsonl");
        SpatFile.Write(path, [Sample(11), Sample(10)]);
        Assert.Equal(2, Assert.Throws<SpatFormatException>(() => SpatFile.Read(path)).Line);
    }

    [Fact]
    public void MapFile_WriteThenRead_RoundTrips_AndABadApproachNamesItsLine()
    {
        using var dir = new TempDirectory();
        var map = new SignalMap([
            new SignalIntersection("a", new GeoPoint(52.43, 13.53), [new SignalApproach("e1", [new GeoPoint(52.43, 13.52), new GeoPoint(52.43, 13.529)], 90, 13.89, [new SignalManeuver("e2", 's', 1)])]),
            new SignalIntersection("b", new GeoPoint(52.44, 13.53), []),
        ]);
        var path = dir.File("map.json");
        SignalMapFile.Write(path, map, "hand-made");
        var read = SignalMapFile.Read(path);
        Assert.Equal("e2", read.Find("a")!.Approaches[0].Maneuvers[0].ToEdge);
        Assert.Equal(new GeoPoint(52.43, 13.529), read.Find("a")!.Approaches[0].StopLine);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"direction\":\"s\"", "\"direction\":\"x\""));
        var e = Assert.Throws<SpatFormatException>(() => SignalMapFile.Read(path));
        Assert.Equal(3, e.Line);
        Assert.Contains("intersections[0].approaches[0].maneuvers[0].direction: expected one of s l r t L R", e.Message);
    }

    [Fact]
    public void BundledFeed_EveryLineAndTheMap_FollowTheSchemas()
    {
        Assert.SkipWhen(ExternalTool.JsonSchemaMissingReason is not null, ExternalTool.JsonSchemaMissingReason ?? "");
        var folder = RepoPaths.Get("models", "scenarios", "adlershof-drive");
        var spat = ExternalTool.RunPython(Validate, RepoPaths.Get("docs", "schemas", "spat.schema.json"), SpatFeed.SpatPath(folder), "lines").Trim().Split(' ');
        Assert.True(int.Parse(spat[0]) > 1000);
        Assert.Equal("0", spat[1]);
        var map = ExternalTool.RunPython(Validate, RepoPaths.Get("docs", "schemas", "map.schema.json"), Path.Combine(folder, "map.json"), "file").Trim();
        Assert.Equal("1 0", map);
        // and a line breaking a rule is refused by the schema too
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.jsonl"), "{\"t\":1,\"intersection\":\"a\",\"states\":[{\"signalGroup\":1,\"eventState\":\"red\",\"startTime\":0,\"minEndTime\":1,\"maxEndTime\":2,\"likelyTime\":1,\"confidence\":1}]}\n");
        Assert.Equal("1 1", ExternalTool.RunPython(Validate, RepoPaths.Get("docs", "schemas", "spat.schema.json"), dir.File("bad.jsonl"), "lines").Trim());
    }
}
