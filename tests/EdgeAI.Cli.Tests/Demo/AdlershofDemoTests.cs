using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeAI.Inference.Models;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Demo;

/// <summary>
/// The whole-drive demo on the bundled Adlershof scenario (issue 15, section 3), run once at full speed and shared by
/// the tests of this class: everything the drive must show, each with its reason.
/// </summary>
public sealed class AdlershofDemoTests(AdlershofDemoRun run) : IClassFixture<AdlershofDemoRun>
{
    [Fact]
    public void Demo_ExitsZeroWithoutErrors()
    {
        Assert.NotEmpty(run.Events);
        Assert.True(run.ExitCode == 0, run.StdErr);
        Assert.Equal("", run.StdErr);
    }

    [Fact]
    public void Charging_ProposedWithItsReasonThenAccepted_AndTheCarChargesThere()
    {
        var proposal = run.Events.First(e => Type(e) == "suggestion" && Kind(e) == "charging");
        Assert.Equal("navigation", proposal["priority"]!.GetValue<string>());
        Assert.Equal("Ladepark Rudower Chaussee", proposal["grounding"]!["charger"]!["value"]!.GetValue<string>());
        Assert.Contains("reserve", proposal["reason"]!.GetValue<string>());
        var accepted = run.Events.Single(e => Type(e) == "accepted" && Ref(e) == Id(proposal));
        Assert.True(At(accepted) > At(proposal));
        // The stop accepted is where the recorded car charged: the state of charge rises after it.
        Assert.Contains(run.Events, e => Type(e) == "drive" && At(e) > At(accepted) && e["text"]!.GetValue<string>() == "gear D -> P");
    }

    [Fact]
    public void Food_ARestaurantOpenAtTheArrivalTime()
    {
        var food = run.Events.First(e => Type(e) == "suggestion" && Kind(e) == "food");
        var grounding = food["grounding"]!;
        var arrival = TimeOnly.Parse(grounding["arrival"]!["value"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var until = TimeOnly.Parse(grounding["open_until"]!["value"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(until > arrival.AddMinutes(45), $"{grounding["restaurant"]} closes at {until}, arrival {arrival}");
        Assert.NotEqual("Frühstückscafé Dörpfeldstraße", grounding["restaurant"]!["value"]!.GetValue<string>()); // closes 12:30
    }

    [Fact]
    public void Parking_AtTheDestinationBeforeArrival()
    {
        var parking = run.Events.First(e => Type(e) == "suggestion" && Kind(e) == "parking");
        Assert.Contains("Dörpfeldstraße", parking["grounding"]!["destination"]!["value"]!.GetValue<string>());
        double lastStop = run.Events.Where(e => Type(e) == "drive" && e["text"]!.GetValue<string>() == "gear D -> P").Max(At);
        Assert.True(At(parking) < lastStop);
        Assert.Contains(run.Events, e => Type(e) == "accepted" && Ref(e) == Id(parking));
    }

    [Fact]
    public void TrafficLights_TimeToGreenAtARedAndAGreenWaveWhenApproaching()
    {
        var countdown = run.Events.First(e => Type(e) == "suggestion" && Kind(e) == "traffic_light");
        Assert.Matches(@"^Green in \d+ s\.$", countdown["text"]!.GetValue<string>());
        var glosa = run.Events.First(e => Type(e) == "suggestion" && Kind(e) == "glosa");
        Assert.Contains("km/h", glosa["text"]!.GetValue<string>());
    }

    [Fact]
    public void Attention_ReminderWhileTheDriverLooksAway()
    {
        // tools/EdgeAI.DriveGen/Adlershof/CabinClip: the face leaves the picture from 457 s to 463 s
        var reminder = run.Events.Single(e => Type(e) == "suggestion" && Kind(e) == "attention");
        Assert.InRange(At(reminder), 457, 463);
        Assert.Equal("safety", reminder["priority"]!.GetValue<string>());
    }

    [Fact]
    public void Workload_OneSuggestionHeldBackThenShown()
    {
        var held = run.Events.First(e => Type(e) == "held" && e["reason"]!.GetValue<string>() == "workload");
        var shown = run.Events.First(e => Type(e) == "suggestion" && Kind(e) == Kind(held) && At(e) >= At(held));
        Assert.True(shown["data"]!["held_s"]!.GetValue<double>() > 0);
    }

    [Fact]
    public void Questions_AnsweredFromTheTools()
    {
        var questions = run.Events.Where(e => Type(e) == "question").ToList();
        Assert.True(questions.Count >= 3);
        foreach (var q in questions)
        {
            var answer = run.Events.Single(e => Type(e) == "answer" && Ref(e) == Id(q));
            Assert.NotEmpty(answer["tools"]!.AsArray());
        }
    }

    [Fact]
    public void Events_EverySuggestionEndsAndEveryEndRefersToAShownSuggestion()
    {
        var shown = run.Events.Where(e => Type(e) == "suggestion").Select(Id).ToHashSet();
        foreach (var end in run.Events.Where(e => Type(e) is "withdrawn" or "accepted" or "dismissed" or "action"))
            Assert.Contains(Ref(end), shown);
        Assert.All(run.Events.Where(e => Type(e) == "suggestion"), s => Assert.InRange(s["text"]!.GetValue<string>().Length, 1, 120));
    }

    private static string Type(JsonNode e) => e["type"]!.GetValue<string>();
    private static string? Kind(JsonNode e) => e["kind"]?.GetValue<string>();
    private static string? Id(JsonNode e) => e["id"]?.GetValue<string>();
    private static string? Ref(JsonNode e) => e["ref"]?.GetValue<string>();
    private static double At(JsonNode e) => e["at_s"]!.GetValue<double>();
}

/// <summary>One <c>demo --speed max --json</c> run of the bundled scenario.</summary>
public sealed class AdlershofDemoRun
{
    private readonly string? _skip;
    private readonly List<JsonNode> _events = [];

    public AdlershofDemoRun()
    {
        // The demo needs the face model (cabin camera) and the demo region (services) from the model cache.
        _skip = MissingReason();
        if (_skip is not null)
        {
            StdOut = StdErr = "";
            return;
        }
        (ExitCode, StdOut, StdErr) = CliRunner.Run("demo", "--speed", "max", "--json", "--every", "100000");
        _events = [.. StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)];
    }

    /// <summary>Why the demo cannot run here (a model or the demo region missing from the cache), or null.</summary>
    public static string? MissingReason()
    {
        try { new ModelCache().GetPath("blazeface-front"); }
        catch (ModelNotAvailableException e) { return e.Message; }
        string net = Path.Combine(ModelCache.DefaultRoot, "sumo-adlershof", "osm.net.xml");
        return File.Exists(net) ? null : $"{net} is missing: run ./test.sh (or edgeai models fetch sumo-adlershof)";
    }

    public int ExitCode { get; }
    public string StdOut { get; }
    public string StdErr { get; }

    public IReadOnlyList<JsonNode> Events
    {
        get
        {
            Assert.SkipWhen(_skip is not null, _skip ?? "");
            return _events;
        }
    }
}
