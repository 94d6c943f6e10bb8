namespace EdgeAI.Services.TrafficLights;

/// <summary>A SPaT feed with its MAP, as a scenario folder holds them (<c>spat.jsonl</c>, <c>map.json</c>).</summary>
/// <param name="Map">The intersections and their approaches.</param>
/// <param name="Messages">The SPaT messages in order of reception.</param>
public sealed record SpatFeed(SignalMap Map, IReadOnlyList<SpatMessage> Messages)
{
    /// <summary>The SPaT file's name in a scenario folder.</summary>
    public const string SpatFileName = "spat.jsonl";

    /// <summary>The gzip-compressed SPaT file's name, read when <see cref="SpatFileName"/> is absent.</summary>
    public const string CompressedSpatFileName = "spat.jsonl.gz";

    /// <summary>The MAP file's name in a scenario folder.</summary>
    public const string MapFileName = "map.json";

    /// <summary>
    /// The feed road-side units would have broadcast over a SUMO run: <paramref name="tlsStatesPath"/> is SUMO's
    /// SaveTLSStates output (.xml or .xml.gz), the truth; log (scenario) time = SUMO time + <paramref name="sumoToLogOffsetS"/>.
    /// One <see cref="RoadSideUnit"/> per controller of <paramref name="signals"/> found in the record sends a message a
    /// second from <paramref name="fromLogS"/> to <paramref name="toLogS"/> (clipped to the record), for the signal
    /// groups of car links, with seeded likelyTime error, delays and drops (<see cref="RoadSideUnitOptions.Default"/>).
    /// Same as <see cref="SpatFeedBuilder.FromSumoStates"/>.
    /// </summary>
    /// <exception cref="SpatFormatException">the states file is malformed.</exception>
    public static SpatFeed FromSumoStates(
        Map.RoadGraph graph, IReadOnlyList<Map.TrafficSignal> signals, string tlsStatesPath, double sumoToLogOffsetS, double fromLogS, double toLogS, int seed) =>
        SpatFeedBuilder.FromSumoStates(graph, signals, tlsStatesPath, sumoToLogOffsetS, seed, fromLogS, toLogS);

    /// <summary>Writes <c>spat.jsonl</c> (or <c>spat.jsonl.gz</c> when <paramref name="compress"/>) and <c>map.json</c> into
    /// <paramref name="folder"/>; <paramref name="source"/> goes into the MAP.</summary>
    public void Write(string folder, string? source = null, bool compress = false)
    {
        Directory.CreateDirectory(folder);
        SpatFile.Write(Path.Combine(folder, compress ? CompressedSpatFileName : SpatFileName), Messages);
        SignalMapFile.Write(Path.Combine(folder, MapFileName), Map, source);
    }

    /// <summary>Reads <c>spat.jsonl</c> (else <c>spat.jsonl.gz</c>) and <c>map.json</c> from a scenario folder.</summary>
    /// <exception cref="SpatFormatException">either file is malformed.</exception>
    /// <exception cref="FileNotFoundException">either file is missing.</exception>
    public static SpatFeed Read(string folder) =>
        new(SignalMapFile.Read(Path.Combine(folder, MapFileName)), SpatFile.Read(SpatPath(folder)));

    /// <summary>The SPaT file of a scenario folder: <c>spat.jsonl</c> when present, else <c>spat.jsonl.gz</c>.</summary>
    public static string SpatPath(string folder) =>
        File.Exists(Path.Combine(folder, SpatFileName)) ? Path.Combine(folder, SpatFileName) : Path.Combine(folder, CompressedSpatFileName);
}
