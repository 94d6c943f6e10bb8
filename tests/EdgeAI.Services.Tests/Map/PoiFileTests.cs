using System.Text;
using EdgeAI.Services.Map;

namespace EdgeAI.Services.Tests.Map;

public class PoiFileTests
{
    private const string Header = """{"format":"edgeai.pois","version":1,"region":"Test","attribution":"© OpenStreetMap contributors (ODbL)","pois":[""";

    private static PoiFile Parse(string text) => PoiFile.Parse(Encoding.UTF8.GetBytes(text), "pois.json");

    [Fact]
    public void CommittedFile_RoundTripsByteForByte()
    {
        var bytes = File.ReadAllBytes(TestData.PoisJson);
        var file = PoiFile.Parse(bytes, TestData.PoisJson);
        Assert.Equal(Encoding.UTF8.GetString(bytes), file.ToJson());
        Assert.All(file.Pois, p => Assert.True(p.Generated));
    }

    [Fact]
    public void ToJson_EveryKind_ParsesBackEqual()
    {
        Poi[] pois =
        [
            new("c", PoiKind.Charger, "Ladepark Teststraße", new(52.1, 13.2), true) { Charger = new ChargerInfo(150, ["ccs2", "chademo"], 4) },
            new("p", PoiKind.Parking, "Parkhaus \"Mitte\"", new(52.123456, 13.654321), true) { Parking = new ParkingInfo(300, 2.5, 18, true, 2.1, 6, "Mo-Sa 06:00-24:00") },
            new("f", PoiKind.Cafe, "Café Ölmühle", new(-33.5, -70.25), false) { Food = new FoodInfo("coffee_shop", null, 1, 4.5) },
            new("l", PoiKind.Landmark, "Bhf", new(52, 13), false),
        ];
        var text = new PoiFile("Test", "attr", "by hand", pois).ToJson();
        var back = Parse(text);
        Assert.Equal(text, back.ToJson());
        Assert.Equal(4, text.Count(c => c == '\n') - 2); // one POI per line between the header and the closing line
        Assert.Equal(pois[0] with { Charger = null }, back.Pois[0] with { Charger = null });
        Assert.Equal(["ccs2", "chademo"], back.Pois[0].Charger!.Connectors);
        Assert.Equal(pois[1], back.Pois[1]);
        Assert.Equal(pois[2], back.Pois[2]);
        Assert.Contains("Café Ölmühle", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"a","kind":"parking","name":"P","lat":52,"lon":13,"generated":true,"parking":{"fee_per_hour_eur":1,"covered":false,"ev_spaces":0}}""",
        "pois.json:3: pois[1].parking.capacity: expected an integer from 0 on")]
    [InlineData("""{"id":"a","kind":"hotel","name":"H","lat":52,"lon":13,"generated":true}""",
        "pois.json:3: pois[1].kind: expected restaurant, cafe, parking, charger or landmark")]
    [InlineData("""{"id":"a","kind":"cafe","name":"C","lat":95,"lon":13,"generated":true,"food":{"cuisine":"x","price_level":1}}""",
        "pois.json:3: pois[1].lat: expected a number from -90 to 90")]
    [InlineData("""{"id":"a","kind":"charger","name":"C","lat":52,"lon":13,"generated":true,"charger":{"power_kw":50,"connectors":[],"points":1}}""",
        "pois.json:3: pois[1].charger.connectors: expected a non-empty array of strings")]
    [InlineData("""{"id":"ok","kind":"landmark","name":"Twice","lat":52,"lon":13,"generated":false}""",
        "pois.json:3: pois[1].id: \"ok\" is used twice (expected unique ids)")]
    [InlineData("""{"id":"a","kind":"restaurant","name":"R","lat":52,"lon":13,"generated":true,"food":{"cuisine":"x","price_level":5}}""",
        "pois.json:3: pois[1].food.price_level: expected an integer from 1 to 4")]
    [InlineData("""{"id":"a" "kind":"landmark"}""", "pois.json:3: expected JSON: '\"' is invalid after a value")]
    public void Parse_BadPoi_OneLineNamingFileLineAndField(string line, string expected)
    {
        string text = Header + "\n" + """{"id":"ok","kind":"landmark","name":"L","lat":52,"lon":13,"generated":false},""" + "\n" + line + "\n]}\n";
        var e = Assert.Throws<MapFormatException>(() => Parse(text));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("""{"format":"edgeai.pois","version":2,"region":"T","attribution":"a","pois":[]}""", "pois.json:1: version: 2 is not known (expected 1)")]
    [InlineData("""{"format":"geojson","version":1,"region":"T","attribution":"a","pois":[]}""", "pois.json:1: format: expected \"edgeai.pois\"")]
    [InlineData("""{"format":"edgeai.pois","version":1,"region":"T","pois":[]}""", "pois.json:1: attribution: expected a string")]
    [InlineData("[]", "pois.json:1: expected a JSON object")]
    public void Parse_BadHeader_OneLine(string text, string expected) =>
        Assert.StartsWith(expected, Assert.Throws<MapFormatException>(() => Parse(text)).Message, StringComparison.Ordinal);

    [Fact]
    public void Read_MissingFile_NamesIt() =>
        Assert.Equal("nowhere/pois.json: no such file (expected a POI file, docs/map-data.md)",
            Assert.Throws<MapFormatException>(() => PoiFile.Read("nowhere/pois.json")).Message);
}
