using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeAI.Can;
using EdgeAI.Can.Logs;

namespace EdgeAI.Fuzz;

/// <summary>
/// The mutation run: builds undamaged inputs from the bundled drive, then for each case damages one (or picks an
/// impossible argument), runs the edgeai command in-process and judges what happened (<see cref="FuzzCase"/>).
/// </summary>
internal sealed partial class FuzzRun(string models, string work, int seed)
{
    /// <summary>Frames in every undamaged log.</summary>
    public const int SeedFrames = 4000;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly string[] LogFiles = ["drive.log", "drive.asc", "drive.blf", "drive.trc", "drive.csv", "drive.log.gz", "drive.parquet"];
    private static readonly string[] Nasty = ["NaN", "-1", "1e400", "", "America", "0", "999999999999", "sim:busoff=5000000s+1s", "sim:bitrate=1e-300",
        "sim:bitrate=NaN", new string('x', 300) + ".log", "\u00e9\u00e9.log", "1e-300", "Infinity", "0x7FF,zzz", "/dev/null", "/proc/self/fd/1"];
    private static readonly string[][] ArgumentTemplates =
    [
        ["can", "stats", "{LOG}", "--bitrate", "{V}"],
        ["can", "stats", "{LOG}", "--data-bitrate", "{V}"],
        ["can", "convert", "{LOG}", "{OUT}", "--start", "{V}"],
        ["can", "convert", "{LOG}", "{OUT}", "--end", "{V}"],
        ["can", "convert", "{LOG}", "{OUT}", "--tz", "{V}"],
        ["can", "convert", "{LOG}", "{OUT}", "--ids", "{V}"],
        ["can", "convert", "{V}", "{OUT}"],
        ["can", "convert", "{LOG}", "{V}"],
        ["can", "decode", "{LOG}", "--dbc", "{V}"],
        ["can", "replay", "{LOG}", "--to", "{V}", "--speed", "max", "--end", "0.2"],
        ["can", "replay", "{LOG}", "--to", "sim", "--speed", "{V}", "--end", "0.2"],
        ["can", "replay", "{LOG}", "--to", "sim", "--speed", "max", "--loop", "{V}", "--end", "0.2"],
        ["chat", "--fallback", "--prompt", "hi", "--at", "{V}"],
        ["models", "list", "--cache", "{V}"],
    ];

    private readonly Random _random = new(seed);
    private readonly Dictionary<string, byte[]> _seeds = [];
    private string _dbc = "";
    private string? _video;

    /// <summary>Writes the undamaged inputs into the work folder.</summary>
    public void Prepare()
    {
        Directory.CreateDirectory(work);
        var frames = new List<CanFrame>();
        CanChannelTable channels;
        using (var reader = CanLogFiles.OpenReader(Path.Combine(models, "scenarios", "city-drive", "can.log.gz")))
        {
            while (frames.Count < SeedFrames && reader.TryRead(out var frame)) frames.Add(frame);
            channels = reader.Channels;
        }
        foreach (string name in LogFiles)
        {
            string path = Path.Combine(work, "seed-" + name);
            using (var writer = CanLogFiles.CreateWriter(path, new CanLogWriteOptions { Channels = channels, TimeZone = TimeZoneInfo.Utc }))
            {
                foreach (var frame in frames) writer.Write(in frame);
                writer.Complete();
            }
            _seeds[name] = File.ReadAllBytes(path);
        }
        _dbc = Path.Combine(models, "dbc", "edgeai_demo.dbc");
        _seeds["edgeai_demo.dbc"] = File.ReadAllBytes(_dbc);
        _video = MakeVideo();
        if (_video is not null) _seeds["clip.mp4"] = File.ReadAllBytes(_video);
    }

    /// <summary>Runs <paramref name="count"/> cases; <paramref name="keep"/> receives the damaged files of failing ones.</summary>
    public List<FuzzCase> Run(int count, string? keep, TextWriter progress)
    {
        var cases = new List<FuzzCase>(count);
        for (int i = 0; i < count; i++)
        {
            var c = Next(i);
            cases.Add(c.Case);
            if (c.Case.Verdict != FuzzCase.Ok && keep is not null && c.File is not null)
            {
                Directory.CreateDirectory(keep);
                File.Copy(c.File, Path.Combine(keep, $"{i:D5}-{Path.GetFileName(c.File)}"), overwrite: true);
            }
            if (c.File is not null) File.Delete(c.File);
            if ((i + 1) % 500 == 0) progress.WriteLine($"fuzz: {i + 1} of {count} cases");
        }
        return cases;
    }

    private (FuzzCase Case, string? File) Next(int index)
    {
        int pick = _random.Next(100);
        if (pick < 70) return LogCase(index);
        if (pick < 82) return DbcCase(index);
        if (pick < 95 || _video is null) return (ArgumentCase(index), null);
        return VideoCase(index);
    }

    private (FuzzCase, string?) LogCase(int index)
    {
        string target = LogFiles[_random.Next(LogFiles.Length)];
        bool text = target is "drive.log" or "drive.asc" or "drive.trc" or "drive.csv";
        var damage = Pick(text);
        string file = Path.Combine(work, $"case{index}-{target}");
        byte[] damaged = damage.Apply(_seeds[target], _random);
        File.WriteAllBytes(file, damaged);
        // A cut that lands right after a line end (or at byte 0) leaves a complete, shorter text log: no reader can see it.
        bool hides = damage.Hides || text && damage.Name.StartsWith("cut", StringComparison.Ordinal) && (damaged.Length == 0 || damaged[^1] is (byte)'\n' or (byte)'\r');
        string[] args = _random.Next(3) switch
        {
            0 => ["can", "stats", file, "--json"],
            1 => ["can", "convert", file, Path.Combine(work, $"out{index}.log")],
            _ => ["can", "decode", file, "--dbc", _dbc, "--json"],
        };
        var verdict = Judge(args, out string detail, out int code, out string stdout, out string stderr);
        File.Delete(Path.Combine(work, $"out{index}.log"));
        if (verdict == FuzzCase.Ok && code == 0 && !hides && stderr.Length == 0 && args[1] != "decode")
        {
            long frames = args[1] == "stats" ? JsonDocument.Parse(stdout).RootElement.GetProperty("frames").GetInt64()
                : long.Parse(ConvertedFrames().Match(stdout).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (frames < SeedFrames) { verdict = FuzzCase.SilentLoss; detail = $"exit 0, {frames} of {SeedFrames} frames, nothing on stderr"; }
        }
        return (new FuzzCase(target, damage.Name, args, verdict, detail), file);
    }

    private (FuzzCase, string?) DbcCase(int index)
    {
        var damage = Pick(text: true);
        string file = Path.Combine(work, $"case{index}.dbc");
        File.WriteAllBytes(file, damage.Apply(_seeds["edgeai_demo.dbc"], _random));
        string log = Path.Combine(work, "seed-drive.log");
        string[] args = _random.Next(2) == 0
            ? ["can", "decode", log, "--dbc", file, "--json", "--all"]
            : ["can", "convert", log, Path.Combine(work, $"out{index}.parquet"), "--dbc", file];
        var verdict = Judge(args, out string detail, out _, out _, out _);
        File.Delete(Path.Combine(work, $"out{index}.parquet"));
        return (new FuzzCase("edgeai_demo.dbc", damage.Name, args, verdict, detail), file);
    }

    private FuzzCase ArgumentCase(int index)
    {
        string[] template = ArgumentTemplates[_random.Next(ArgumentTemplates.Length)];
        string value = Nasty[_random.Next(Nasty.Length)];
        // --loop 0 means "until Ctrl+C" by design: not a case.
        if (template.Contains("--loop") && value == "0") value = "-1";
        string log = Path.Combine(work, "seed-drive.log");
        // A value that names a file is placed in the work folder: the run never writes where it was started.
        if (value.EndsWith(".log", StringComparison.Ordinal)) value = Path.Combine(work, value);
        string[] args = [.. template.Select(a => a.Replace("{LOG}", log, StringComparison.Ordinal)
            .Replace("{OUT}", Path.Combine(work, $"out{index}.asc"), StringComparison.Ordinal).Replace("{V}", value, StringComparison.Ordinal))];
        var verdict = Judge(args, out string detail, out _, out _, out _);
        File.Delete(Path.Combine(work, $"out{index}.asc"));
        return new FuzzCase("arguments", value.Length > 40 ? value[..40] + "..." : value, args, verdict, detail);
    }

    private (FuzzCase, string?) VideoCase(int index)
    {
        var damage = Damage.All[_random.Next(7)]; // the byte-level damages
        string file = Path.Combine(work, $"case{index}.mp4");
        File.WriteAllBytes(file, damage.Apply(_seeds["clip.mp4"], _random));
        string[] args = ["vision", file, "--json"];
        var verdict = Judge(args, out string detail, out _, out _, out _);
        return (new FuzzCase("clip.mp4", damage.Name, args, verdict, detail), file);
    }

    private Damage Pick(bool text)
    {
        while (true)
        {
            var d = Damage.All[_random.Next(Damage.All.Length)];
            if (text || !d.TextOnly) return d;
        }
    }

    /// <summary>Runs the command in-process with a deadline and classifies everything but silent loss.</summary>
    private static string Judge(string[] args, out string detail, out int code, out string stdout, out string stderr)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var run = Task.Run(() => EdgeAI.Cli.Program.Run(args, output, error));
        code = -1;
        stdout = stderr = "";
        try
        {
            if (!run.Wait(Patience))
            {
                detail = $"no answer in {Patience.TotalSeconds:F0} s";
                return FuzzCase.Hang;
            }
            code = run.Result;
        }
        catch (AggregateException e)
        {
            var inner = e.InnerException ?? e;
            detail = $"{inner.GetType().Name}: {inner.Message.ReplaceLineEndings(" ")}";
            return FuzzCase.Crash;
        }
        stdout = output.ToString();
        stderr = error.ToString();
        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        detail = $"exit {code}" + (lines.Length > 0 ? ": " + lines[0] : "");
        if (stderr.Contains("\n   at ", StringComparison.Ordinal)) return FuzzCase.Crash;
        if (code is not (0 or 1 or 2 or 130)) return FuzzCase.Crash;
        if (code == 2 && lines.Count(l => !l.StartsWith("edgeai: warning", StringComparison.Ordinal)) > 1) return FuzzCase.MultiLine;
        return FuzzCase.Ok;
    }

    private string? MakeVideo()
    {
        string path = Path.Combine(work, "seed-clip.mp4");
        try
        {
            using var ffmpeg = System.Diagnostics.Process.Start("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=10", "-t", "2", path]);
            ffmpeg.WaitForExit();
            return ffmpeg.ExitCode == 0 ? path : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no ffmpeg: no video cases
        }
    }

    [GeneratedRegex(@": (\d+) frames")]
    private static partial Regex ConvertedFrames();
}
