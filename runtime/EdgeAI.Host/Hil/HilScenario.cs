using System.Text.Json;
using EdgeAI.Fusion.Scenarios;

namespace EdgeAI.Host.Hil;

/// <summary>
/// A HIL scenario: a scenario folder (docs/scenarios.md) whose <c>scenario.json</c> has a <c>hil</c> section with
/// faults on the virtual clock and expectations (docs/hil.md).
/// </summary>
public sealed class HilScenario
{
    /// <summary>The scenario it extends (inputs, services, occupant).</summary>
    public required Scenario Scenario { get; init; }

    /// <summary>Its scenario.json.</summary>
    public required string File { get; init; }

    /// <summary>The folder's name: the JUnit testsuite's name and the shard key.</summary>
    public string Name => Path.GetFileName(Scenario.Folder);

    /// <summary>Seconds of drive after which the run stops, or null for the whole log.</summary>
    public double? StopAfterS { get; init; }

    /// <summary>Whether the cabin clip goes through the driver monitor (default: when the scenario has one).</summary>
    public bool CabinVideo { get; init; }

    /// <summary>The language model that words suggestions and answers: null (templates), <c>test</c> (the cached
    /// random-weight test model) or a folder.</summary>
    public string? Model { get; init; }

    /// <summary>Its faults, in file order.</summary>
    public required IReadOnlyList<HilFault> Faults { get; init; }

    /// <summary>Its expectations, in file order.</summary>
    public required IReadOnlyList<HilExpectation> Expectations { get; init; }

    /// <summary>The drive times (seconds) where a state expectation looks at the context.</summary>
    public IEnumerable<double> StateTimes => Expectations.OfType<StateExpectation>().Where(s => s.AtS is not null).Select(s => s.AtS!.Value);

    /// <summary>A one-line error naming this scenario's file and <paramref name="line"/>.</summary>
    public HilScenarioException Error(int line, string what) => HilScenarioException.At(File, line, what);

    /// <summary>Reads <paramref name="path"/>: a scenario.json or the folder holding one.</summary>
    /// <exception cref="HilScenarioException">not a HIL scenario: file, line and what was expected.</exception>
    /// <exception cref="FileNotFoundException">no scenario.json, or a file it names is missing.</exception>
    public static HilScenario Load(string path)
    {
        var scenario = Scenario.Load(path);
        string file = Path.Combine(scenario.Folder, Scenario.FileName);
        byte[] bytes = System.IO.File.ReadAllBytes(file);
        var lines = new JsonLineMap(bytes); // Scenario.Load has already refused invalid JSON
        using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var reader = new HilSectionReader(file, lines);
        if (!document.RootElement.TryGetProperty("hil", out var hil) || hil.ValueKind != JsonValueKind.Object)
            throw reader.Error("hil", "expected a \"hil\" object with \"expect\" (docs/hil.md)");
        return reader.Read(scenario, hil);
    }
}
