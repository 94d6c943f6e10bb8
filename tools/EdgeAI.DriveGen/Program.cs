using System.Globalization;
using EdgeAI.Can;
using EdgeAI.Can.Dbc;
using EdgeAI.Can.Logs;
using EdgeAI.DriveGen.Adlershof;
using EdgeAI.DriveGen.TeslaModel3;

namespace EdgeAI.DriveGen;

/// <summary>
/// Writes the bundled city drive (see <see cref="CityDrive"/>) or the Tesla Model 3 drive (see
/// <see cref="TeslaModel3Drive"/>) as a candump -L log (the city drive with its GPS as gps.nmea) and prints its timeline.
/// <c>dotnet run -c Release --project tools/EdgeAI.DriveGen -- [--dbc F] [--out F] [--seed N]</c>;
/// <c>dotnet run -c Release --project tools/EdgeAI.DriveGen -- tesla-model3 [OUT] [--dbc F] [--seed N]</c>;
/// <c>dotnet run -c Release --project tools/EdgeAI.DriveGen -- adlershof [FOLDER] [--dbc F] [--seed N]</c> (from the SUMO run's files)
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "tesla-model3") return WriteTeslaModel3(args);
        if (args.Length > 0 && args[0] == "adlershof") return WriteAdlershof(args);
        string dbc = Arg(args, "--dbc") ?? Path.Combine("models", "dbc", "edgeai_demo.dbc");
        string output = Arg(args, "--out") ?? Path.Combine("models", "scenarios", "city-drive", "can.log.gz");
        int seed = int.Parse(Arg(args, "--seed") ?? CityDrive.DefaultSeed.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        long frames = WriteLog(output, CityDrive.Record(DbcDatabase.Load(dbc), seed));
        var timeline = CityDrive.Timeline(seed);
        Console.WriteLine($"{output}: {frames} frames, {timeline[^1].To:F0} s, seed {seed}");
        string gps = Path.Combine(Path.GetDirectoryName(output) ?? ".", "gps.nmea");
        File.WriteAllText(gps, CityDriveGps.Nmea(seed));
        Console.WriteLine($"{gps}: one GGA and RMC per second from the same vehicle model");
        Console.WriteLine("timeline:");
        foreach (var (from, to, what) in timeline)
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,6:F0} s - {1,6:F0} s  {2}", from, to, what));
        return 0;
    }

    private static int WriteTeslaModel3(string[] args)
    {
        string dbc = Arg(args, "--dbc") ?? Path.Combine("models", "dbc", "tesla_model3_vehicle.dbc");
        string output = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1]
            : Path.Combine("models", "scenarios", "tesla-model3-short", "can.log.gz");
        int seed = int.Parse(Arg(args, "--seed") ?? TeslaModel3Drive.DefaultSeed.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        long frames = WriteLog(output, TeslaModel3Drive.Record(DbcDatabase.Load(dbc), seed));
        Console.WriteLine($"{output}: {frames} frames, {TeslaModel3Drive.DurationSeconds:F0} s, seed {seed}");
        Console.WriteLine("timeline:");
        foreach (var (at, what) in TeslaModel3Drive.Timeline())
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,6:F1} s  {1}", at, what));
        return 0;
    }

    private static int WriteAdlershof(string[] args)
    {
        string dbc = Arg(args, "--dbc") ?? Path.Combine("models", "dbc", "edgeai_demo.dbc");
        string folder = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : AdlershofDrive.Folder;
        int seed = int.Parse(Arg(args, "--seed") ?? AdlershofDrive.DefaultSeed.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        string log = Path.Combine(folder, "can.log.gz");
        long frames = WriteLog(log, AdlershofDrive.Record(DbcDatabase.Load(dbc), folder, seed));
        Console.WriteLine($"{log}: {frames} frames, seed {seed}, from {Path.Combine(folder, "sumo", "fcd.xml")}");
        string gps = Path.Combine(folder, "gps.nmea");
        File.WriteAllText(gps, AdlershofDrive.Nmea(folder, seed));
        Console.WriteLine($"{gps}: one GGA and RMC per second from the same vehicle model");
        string cabin = Path.Combine(folder, "cabin.mp4");
        var timeline = AdlershofDrive.Timeline(folder);
        Console.WriteLine(CabinClip.Write(cabin, timeline[^1].At + 25, out var why)
            ? $"{cabin}: the driver, looking away from {CabinClip.LookAwayFrom} s to {CabinClip.LookAwayTo} s" : $"{cabin}: not written: {why}");
        Console.WriteLine("timeline:");
        foreach (var (at, what) in timeline)
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,6:F0} s  {1}", at, what));
        return 0;
    }

    /// <summary>Writes the frames (all on channel can0) to <paramref name="output"/>; returns how many.</summary>
    private static long WriteLog(string output, IEnumerable<CanFrame> drive)
    {
        var channels = new CanChannelTable();
        channels.GetOrAdd("can0");
        long frames = 0;
        using var writer = CanLogFiles.CreateWriter(output, new CanLogWriteOptions { Channels = channels });
        foreach (var frame in drive)
        {
            writer.Write(in frame);
            frames++;
        }
        writer.Complete();
        return frames;
    }

    private static string? Arg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
