using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Contracts;

/// <summary>
/// The committed JSON Schemas (docs/schemas) checked by an independent validator (Debian's python3-jsonschema,
/// Draft 2020-12): every bundled signal map, and every line demo --json and context --json emit.
/// </summary>
public sealed class SchemaTests
{
    /// <summary>Validates each line of a JSON-lines file (or each file named after "files") against a schema; prints one
    /// line per problem as "INDEX: message" and the count checked last.</summary>
    private const string Validate = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        validator = jsonschema.Draft202012Validator(schema)
        jsonschema.Draft202012Validator.check_schema(schema)
        docs = [json.load(open(p)) for p in sys.argv[3:]] if sys.argv[2] == "files" else [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
        for i, doc in enumerate(docs):
            for error in validator.iter_errors(doc):
                print(f"{i}: {'/'.join(map(str, error.absolute_path))}: {error.message[:160]}")
        print(len(docs))
        """;

    private static string Schema(string name) => RepoPaths.Get("docs", "schemas", name);

    private static (List<string> Problems, int Checked) Check(string schema, params string[] args)
    {
        Assert.SkipWhen(ExternalTool.JsonSchemaMissingReason is not null, ExternalTool.JsonSchemaMissingReason ?? "");
        var lines = ExternalTool.RunPython(Validate, [schema, .. args]).TrimEnd().Split('\n').ToList();
        return (lines[..^1], int.Parse(lines[^1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void SignalMaps_EveryBundledMap_FollowsTheSchema()
    {
        var maps = Directory.GetFiles(RepoPaths.Get("models", "vehicle"), "*.signals.json");
        var (problems, count) = Check(Schema("signal-map.schema.json"), ["files", .. maps]);
        Assert.Empty(problems);
        Assert.Equal(maps.Length, count);
    }

    [Fact]
    public void Scenarios_EveryBundledScenario_FollowsTheSchema()
    {
        var scenarios = Directory.GetFiles(RepoPaths.Get("models", "scenarios"), "scenario.json", SearchOption.AllDirectories);
        Assert.NotEmpty(scenarios);
        var (problems, count) = Check(Schema("scenario.schema.json"), ["files", .. scenarios]);
        Assert.Empty(problems);
        Assert.Equal(scenarios.Length, count);
        foreach (var file in scenarios) Assert.Equal(Path.GetFileName(Path.GetDirectoryName(file)), EdgeAI.Fusion.Scenarios.Scenario.Load(file).Name);
    }

    [Fact]
    public void PoiFiles_EveryBundledFile_FollowsTheSchema()
    {
        var files = Directory.GetFiles(RepoPaths.Get("models", "maps"), "pois.json", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var (problems, count) = Check(Schema("pois.schema.json"), ["files", .. files]);
        Assert.Empty(problems);
        Assert.Equal(files.Length, count);
    }

    [Fact]
    public void VoiceJson_EveryLine_FollowsTheEventSchema()
    {
        Assert.SkipWhen(!File.Exists("/usr/share/pocketsphinx/model/en-us/en-us/mdef"), "pocketsphinx-en-us is missing");
        Assert.SkipWhen(ExternalTool.MissingProgramReason("espeak-ng", "espeak-ng") is not null, "espeak-ng is missing");
        using var dir = new TempDirectory();
        string input = Voice.VoiceCommandTests.Spoken(dir, "cmd.wav", "find a charger", "what is my range", "set the temperature to twenty degrees", "take me to the nearest parking");
        var (code, stdout, stderr) = CliRunner.Run("voice", input, "--json", "--tts-out", dir.File("out.wav"));
        Assert.True(code == 0, stderr);
        File.WriteAllText(dir.File("voice.jsonl"), stdout);
        var (problems, count) = Check(Schema("event.schema.json"), dir.File("voice.jsonl"));
        Assert.Empty(problems);
        var lines = stdout.TrimEnd().Split('\n');
        Assert.Equal(lines.Length, count);
        foreach (string type in (string[])["speech_start", "speech_end", "transcript", "intent", "answer"])
            Assert.Contains(lines, l => l.Contains($"\"type\":\"{type}\"", StringComparison.Ordinal));
    }

    [Fact]
    public void DemoJson_EveryLine_FollowsTheEventSchema()
    {
        var (code, stdout, stderr) = CliRunner.Run("demo", "--speed", "max", "--json", "--every", "60");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("demo.jsonl"), stdout);
        var (problems, count) = Check(Schema("event.schema.json"), dir.File("demo.jsonl"));
        Assert.Empty(problems);
        var lines = stdout.TrimEnd().Split('\n');
        Assert.Equal(lines.Length, count);
        Assert.Contains(lines, l => l.Contains("\"type\":\"drive\",\"kind\":\"gear\"", StringComparison.Ordinal) && l.Contains("gear P -> D", StringComparison.Ordinal));
        Assert.Equal(11, lines.Count(l => l.Contains("\"type\":\"context\"", StringComparison.Ordinal))); // 60 s .. 600 s, and the end
        Assert.Contains("\"type\":\"summary\"", lines[^1]);
    }

    [Fact]
    public void ContextJson_EverySnapshot_FollowsTheEventSchema()
    {
        var (code, stdout, _) = CliRunner.Run("context", RepoPaths.CityDriveLog, "--every", "120s", "--json");
        Assert.Equal(0, code);
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("context.jsonl"), stdout);
        var (problems, count) = Check(Schema("event.schema.json"), dir.File("context.jsonl"));
        Assert.Empty(problems);
        Assert.Equal(5, count); // 120, 240, 360, 480, 600 s of a 655 s drive
    }

    [Fact]
    public void EventSchema_RefusesWhatTheContractForbids()
    {
        // The validator and schema must be able to fail: each line breaks one rule.
        string[] bad =
        [
            """{"v":1,"type":"drive","kind":"gear","text":"gear P -> D"}""",                                       // no t
            """{"v":2,"t":"2026-05-14T07:42:26.000Z","type":"summary","text":"x"}""",                              // wrong version
            """{"v":1,"t":"2026-05-14T07:42:26.000Z","type":"accepted"}""",                                         // no ref
            """{"v":1,"t":"2026-05-14T07:42:26.000Z","type":"suggestion","id":"s1","kind":"charging","actions":[]}""", // no expires, grounding
            """{"v":1,"t":"2026-05-14T07:42:26.000Z","type":"context","keys":{"Vehicle.Speed":{"value":1,"quality":"good"}}}""", // unknown quality
        ];
        using var dir = new TempDirectory();
        File.WriteAllLines(dir.File("bad.jsonl"), bad);
        var (problems, count) = Check(Schema("event.schema.json"), dir.File("bad.jsonl"));
        Assert.Equal(bad.Length, count);
        Assert.Equal(Enumerable.Range(0, bad.Length), problems.Select(p => int.Parse(p[..p.IndexOf(':')], System.Globalization.CultureInfo.InvariantCulture)).Distinct());
    }
}
