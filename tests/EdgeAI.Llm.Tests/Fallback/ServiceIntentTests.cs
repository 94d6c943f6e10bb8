using EdgeAI.Llm.Fallback;
using EdgeAI.Services.Map;
using EdgeAI.TestKit;

namespace EdgeAI.Llm.Tests.Fallback;

/// <summary>
/// How the template responder reads a service question: the place it names (among the Adlershof POIs, pois.json) and
/// the intent. No map or services needed: these are the words alone.
/// </summary>
public sealed class ServiceIntentTests
{
    private static readonly Lazy<IReadOnlyList<Poi>> Pois = new(() => PoiFile.Read(RepoPaths.Get("models", "maps", "adlershof", "pois.json")).Pois);

    private static ResponderIntent Classify(string message, Func<ResponderIntent, bool>? offered = null)
    {
        var place = PlaceMention.Find(message, Pois.Value);
        return IntentKeywords.ClassifyService(message, place, offered ?? (_ => true)) ?? IntentKeywords.Classify(message);
    }

    [Theory]
    [InlineData("Where can I charge?", nameof(ResponderIntent.Chargers))]
    [InlineData("nearest charger", nameof(ResponderIntent.Chargers))]
    [InlineData("Any chargers around here?", nameof(ResponderIntent.Chargers))]
    [InlineData("How much charge is left?", nameof(ResponderIntent.Range))]
    [InlineData("Is the battery charged?", nameof(ResponderIntent.Range))]
    [InlineData("Where is the charge port?", nameof(ResponderIntent.Range))]
    [InlineData("Where can I get lunch?", nameof(ResponderIntent.Restaurants))]
    [InlineData("I'm hungry, where can we eat?", nameof(ResponderIntent.Restaurants))]
    [InlineData("Dinner suggestions?", nameof(ResponderIntent.Restaurants))]
    [InlineData("Is the pizzeria open?", nameof(ResponderIntent.Restaurants))]
    [InlineData("Is the Mittagstisch Dörpfeldstraße open?", nameof(ResponderIntent.Restaurants))]
    [InlineData("Is Parkhaus Dörpfeldstraße open?", nameof(ResponderIntent.Parking))]
    [InlineData("Is the door open?", nameof(ResponderIntent.VehicleState))]
    [InlineData("Where can I park?", nameof(ResponderIntent.Parking))]
    [InlineData("Is the parking brake on?", nameof(ResponderIntent.Help))]
    [InlineData("Where can I park near the pizzeria?", nameof(ResponderIntent.Parking))]
    [InlineData("Where can I eat near Parkhaus Dörpfeldstraße?", nameof(ResponderIntent.Restaurants))]
    [InlineData("How long until green?", nameof(ResponderIntent.TrafficLight))]
    [InlineData("Is the traffic light red?", nameof(ResponderIntent.TrafficLight))]
    [InlineData("When do we arrive?", nameof(ResponderIntent.Route))]
    [InlineData("Plan a route to 52.435970,13.542850", nameof(ResponderIntent.Route))]
    [InlineData("How far to Pizzeria Am Studio?", nameof(ResponderIntent.Route))]
    [InlineData("Is the Pizzeria Am Studio far?", nameof(ResponderIntent.Route))]
    [InlineData("Take me to the Kantine", nameof(ResponderIntent.Route))]
    [InlineData("How far can I go?", nameof(ResponderIntent.Range))]
    [InlineData("Where am I?", nameof(ResponderIntent.Location))]
    public void Classify_WithEveryServiceOffered_PicksTheQuestionsIntent(string message, string intent) =>
        Assert.Equal(intent, Classify(message).ToString());

    [Theory]
    [InlineData("Where can I charge?", nameof(ResponderIntent.Range))]
    [InlineData("Where can I park?", nameof(ResponderIntent.Location))]
    [InlineData("Where can I get lunch?", nameof(ResponderIntent.Location))]
    [InlineData("How long until green?", nameof(ResponderIntent.Help))]
    public void Classify_NoServiceOffered_TheVehicleIntentsAsBefore(string message, string intent) =>
        Assert.Equal(intent, Classify(message, _ => false).ToString());

    [Fact]
    public void ClassifyService_OnlyTheTrafficLightOffered_LeavesChargersToTheRange()
    {
        Func<ResponderIntent, bool> lightOnly = i => i == ResponderIntent.TrafficLight;
        Assert.Equal(ResponderIntent.Range, Classify("Where can I charge?", lightOnly));
        Assert.Equal(ResponderIntent.TrafficLight, Classify("How long until green?", lightOnly));
    }

    [Theory]
    [InlineData("Is the Mittagstisch Dörpfeldstraße open?", "Mittagstisch Dörpfeldstraße", "Mittagstisch Dörpfeldstraße")]
    [InlineData("park near parkhaus rudower chaussee ii", "Parkhaus Rudower Chaussee II", "parkhaus rudower chaussee ii")]
    [InlineData("Is the pizzeria open?", "Pizzeria Am Studio", "pizzeria")]
    [InlineData("Take me to the Kantine", "Kantine Adlergestell", "Kantine")]
    [InlineData("Where can I park near P+R Bahnhof Adlershof?", "P+R Bahnhof Adlershof", "P+R Bahnhof Adlershof")]
    public void PlaceMention_NamedPlace_TheMapsNameAndWhereTheMessageSaysIt(string message, string name, string said)
    {
        var place = PlaceMention.Find(message, Pois.Value);

        Assert.NotNull(place);
        Assert.Equal(name, place.Argument);
        Assert.Equal(name, place.Poi!.Name);
        Assert.Equal(said, message[place.Start..place.End]);
    }

    [Fact]
    public void PlaceMention_Coordinates_PassedAsTheyAreWritten()
    {
        var place = PlaceMention.Find("Route to 52.435970, 13.542850 please", Pois.Value);

        Assert.NotNull(place);
        Assert.Equal("52.435970, 13.542850", place.Argument);
        Assert.Null(place.Poi);
    }

    [Theory]
    [InlineData("Is the door open?")]
    [InlineData("Where can I charge?")]
    [InlineData("How long until green?")]
    [InlineData("Is the Burgerei open?")] // four of them
    [InlineData("Where can I park?")]     // Parkhaus, Parkplatz: many
    public void PlaceMention_NoOrAmbiguousPlace_Null(string message) =>
        Assert.Null(PlaceMention.Find(message, Pois.Value));

    [Theory]
    [InlineData("Where can I park for 3 hours?", 180)]
    [InlineData("parking for 45 min", 45)]
    [InlineData("park for an hour", 60)]
    public void StayMinutes_GivenStay_InMinutes(string message, int minutes) =>
        Assert.Equal(minutes, IntentKeywords.StayMinutes(message));

    [Fact]
    public void StayMinutes_NoStay_Null() => Assert.Null(IntentKeywords.StayMinutes("Where can I park near 2 cafés?"));
}
