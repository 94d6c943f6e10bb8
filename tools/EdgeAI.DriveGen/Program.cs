using System.Globalization;
using EdgeAI.Can;
using EdgeAI.Can.Dbc;
using EdgeAI.Can.Logs;

namespace EdgeAI.DriveGen;

/// <summary>
/// Writes the bundled city drive (see <see cref="CityDrive"/>) as a candump -L log and prints its timeline.
/// <c>dotnet run -c Release --project tools/EdgeAI.DriveGen -- [--dbc F] [--out F] [--seed N]</c>
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string dbc = Arg(args, "--dbc") ?? Path.Combine("models", "dbc", "edgeai_demo.dbc");
        string output = Arg(args, "--out") ?? Path.Combine("models", "scenarios", "city-drive", "can.log.gz");
        int seed = int.Parse(Arg(args, "--seed") ?? CityDrive.DefaultSeed.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var channels = new CanChannelTable();
        channels.GetOrAdd("can0");
        long frames = 0;
        using (var writer = CanLogFiles.CreateWriter(output, new CanLogWriteOptions { Channels = channels }))
        {
            foreach (var frame in CityDrive.Record(DbcDatabase.Load(dbc), seed))
            {
                writer.Write(in frame);
                frames++;
            }
            writer.Complete();
        }
        var timeline = CityDrive.Timeline(seed);
        Console.WriteLine($"{output}: {frames} frames, {timeline[^1].To:F0} s, seed {seed}");
        Console.WriteLine("timeline:");
        foreach (var (from, to, what) in timeline)
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,6:F0} s - {1,6:F0} s  {2}", from, to, what));
        return 0;
    }

    private static string? Arg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
