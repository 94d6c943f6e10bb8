using System.Globalization;
using System.Text;
using EdgeAI.Services.Feeds;
using EdgeAI.Services.Map;

namespace EdgeAI.MapGen;

/// <summary>
/// Generates what no open source has for the demo region, on its real streets: <c>pois.json</c> (chargers, restaurants
/// and cafés, car parks) and the demo feeds (<c>feeds/parking.csv</c>, <c>chargers.csv</c>, <c>traffic.csv</c>).
/// <c>dotnet run -c Release --project tools/EdgeAI.MapGen -- [--region DIR] [--out DIR] [--seed N]</c>; the region folder
/// defaults to the model cache's sumo-adlershof (EDGEAI_MODELS or ~/.cache/edgeai/models), the output to
/// models/maps/adlershof. Deterministic: the same seed writes the same bytes.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string region = Arg(args, "--region") ?? DemoRegionMap.Folder(CacheRoot());
        string output = Arg(args, "--out") ?? AdlershofPois.Folder;
        ulong seed = ulong.Parse(Arg(args, "--seed") ?? AdlershofPois.DefaultSeed.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        try
        {
            foreach (var (path, text) in Generate(DemoRegionMap.Build(region), seed))
            {
                string file = Path.Combine(output, path);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllText(file, text, new UTF8Encoding(false));
                Console.WriteLine($"{file}: {text.Count(c => c == '\n')} lines");
            }
            return 0;
        }
        catch (MapFormatException e)
        {
            Console.Error.WriteLine($"mapgen: {e.Message}");
            return 2;
        }
    }

    /// <summary>The files (paths relative to the output folder) and their text for a region and seed.</summary>
    public static IEnumerable<(string Path, string Text)> Generate(RegionMap region, ulong seed)
    {
        var pois = AdlershofPois.Generate(region, seed);
        yield return ("pois.json", pois.ToJson());
        yield return (Path.Combine("feeds", AdlershofFeeds.ParkingFile), FeedFile.ToCsv(AdlershofFeeds.Parking(pois, seed)));
        yield return (Path.Combine("feeds", AdlershofFeeds.ChargerFile), FeedFile.ToCsv(AdlershofFeeds.Chargers(pois, seed)));
        yield return (Path.Combine("feeds", AdlershofFeeds.TrafficFile), FeedFile.ToCsv(AdlershofFeeds.Traffic(region.Graph, seed)));
    }

    private static string CacheRoot() => Environment.GetEnvironmentVariable("EDGEAI_MODELS") is { Length: > 0 } env ? env
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "edgeai", "models");

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
