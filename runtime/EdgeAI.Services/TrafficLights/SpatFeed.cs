namespace EdgeAI.Services.TrafficLights;

/// <summary>A SPaT feed with its MAP, as a scenario folder holds them (<c>spat.jsonl</c>, <c>map.json</c>).</summary>
/// <param name="Map">The intersections and their approaches.</param>
/// <param name="Messages">The SPaT messages in order of reception.</param>
public sealed record SpatFeed(SignalMap Map, IReadOnlyList<SpatMessage> Messages)
{
    /// <summary>The SPaT file's name in a scenario folder.</summary>
    public const string SpatFileName = "spat.jsonl";

    /// <summary>The MAP file's name in a scenario folder.</summary>
    public const string MapFileName = "map.json";

    /// <summary>Writes <c>spat.jsonl</c> and <c>map.json</c> into <paramref name="folder"/>; <paramref name="source"/> goes into the MAP.</summary>
    public void Write(string folder, string? source = null)
    {
        Directory.CreateDirectory(folder);
        SpatFile.Write(Path.Combine(folder, SpatFileName), Messages);
        SignalMapFile.Write(Path.Combine(folder, MapFileName), Map, source);
    }

    /// <summary>Reads <c>spat.jsonl</c> and <c>map.json</c> from a scenario folder.</summary>
    /// <exception cref="SpatFormatException">either file is malformed.</exception>
    /// <exception cref="FileNotFoundException">either file is missing.</exception>
    public static SpatFeed Read(string folder) =>
        new(SignalMapFile.Read(Path.Combine(folder, MapFileName)), SpatFile.Read(Path.Combine(folder, SpatFileName)));
}
