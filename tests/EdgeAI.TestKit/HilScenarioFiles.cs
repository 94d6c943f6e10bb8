using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeAI.TestKit;

/// <summary>HIL scenarios for tests: the bundled <c>models/scenarios/hil/charging</c> scenario written elsewhere with
/// its inputs named by absolute path, its own name and a <c>hil</c> section of the test's choosing.</summary>
public static class HilScenarioFiles
{
    private static readonly string Source = RepoPaths.Get("models", "scenarios", "hil", "charging", "scenario.json");

    /// <summary>Writes <paramref name="folder"/>/<paramref name="name"/>/scenario.json and returns its folder;
    /// <paramref name="hil"/> is the hil section's JSON text (null keeps the bundled one).</summary>
    public static string Write(string folder, string name, string? hil)
    {
        var root = JsonNode.Parse(File.ReadAllText(Source))!.AsObject();
        string from = Path.GetDirectoryName(Source)!;
        root.Remove("$schema");
        root["name"] = name;
        Absolute(root["vehicle"]!.AsObject(), from);
        Absolute(root["inputs"]!.AsObject(), from);
        var services = root["services"]!.AsObject();
        Absolute(services, from, "pois", "spat", "intersections");
        Absolute(services["feeds"]!.AsObject(), from);
        if (hil is not null) root["hil"] = JsonNode.Parse(hil);
        string dir = Path.Combine(folder, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "scenario.json"), root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return dir;
    }

    /// <summary>The 1-based line of <paramref name="file"/> that first contains <paramref name="text"/>.</summary>
    public static int LineOf(string file, string text) => Array.FindIndex(File.ReadAllLines(file), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    private static void Absolute(JsonObject section, string from, params string[] keys)
    {
        foreach (var (key, value) in section.ToList())
            if ((keys.Length == 0 || keys.Contains(key)) && value is JsonValue v && v.TryGetValue(out string? path))
                section[key] = Path.GetFullPath(Path.Combine(from, path));
    }
}
