using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EdgeAI.Cli.Run;
using EdgeAI.Host.Status;

namespace EdgeAI.Cli.Bench;

/// <summary>
/// <c>edgeai bench host</c>: <c>edgeai run</c> measured as users run it, whole processes started cold: the bundled drive
/// at max speed next to the demo's lock step (the same work in one loop, the peer), the latency from a drive moment (a
/// CAN frame's time on the bus) to its event written, the CPU the host takes at real time, and its memory over an hour
/// of drive at 60x (the goal: flat).
/// </summary>
internal sealed class HostBench(int repeat, double seconds, TextWriter log)
{
    public List<BenchResult> Run(CancellationToken cancellation)
    {
        var results = new List<BenchResult>();
        using var dir = new BenchFolder();

        // The whole drive, as fast as it goes: the staged host against the demo's lock step.
        var host = Median(repeat, i => Timed(["run", "--speed", "max", "--exit-at-end", "--events", "none", "--state", dir.File($"max{i}")], cancellation));
        var demo = Median(repeat, _ => Timed(["demo", "--speed", "max", "--json"], cancellation));
        var drive = new BenchResult("bundled drive at max speed", "s", host, null, null, "edgeai demo (lock step, one loop)", demo, null, LowerIsBetter: true) { Decimals = 2 };
        results.Add(drive with
        {
            Note = string.Create(CultureInfo.InvariantCulture,
                $"peer edgeai demo --speed max (the lock step, one loop): {demo:0.00} s, ratio {drive.Ratio:0.00}x; the same timeline, the host's stages handing off through channels"),
        });

        // Latency at 10x (a busier CPU than real time): read from the run's last report.
        string latencyState = dir.File("latency");
        RunFor(["run", "--speed", "10", "--events", "none", "--state", latencyState], seconds, sample: null, cancellation);
        using (var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(latencyState, HostRun.ReportFile))))
        {
            var l = report.RootElement.GetProperty("event_latency_ms");
            long events = l.GetProperty("events").GetInt64();
            results.Add(new BenchResult("drive moment to event out, p50", "ms", l.GetProperty("p50").GetDouble(), null, null, null, null, null, LowerIsBetter: true)
                { Note = $"{events} events over {seconds:0} s at 10x, through the real channels", Decimals = 2 });
            results.Add(new BenchResult("drive moment to event out, p99", "ms", l.GetProperty("p99").GetDouble(), null, null, null, null, null, LowerIsBetter: true)
                { Note = $"max {l.GetProperty("max").GetDouble():0.0} ms; suggestions include the test model's wording (then the grounding check)", Decimals = 2 });
        }

        // CPU at real time, after the first seconds of drive (the JIT's work done): every stage, then without the camera,
        // then without the camera and the voice stage (which listens to the cabin all the time).
        double warm = Math.Min(10, seconds / 3);
        var variants = new (string Name, string Folder, string[] Args, string Note)[]
        {
            ("CPU in real time, camera on", "cpu", [], $"the bundled drive at 1x, BlazeFace on the clip's every frame, the voice stage listening; over {seconds / 2:0} s after the host's first {warm:0} s"),
            ("CPU in real time, camera off", "cpu-nocam", ["--no-vision"], "the same without the cabin clip"),
            ("CPU in real time, camera and voice off", "cpu-quiet", ["--no-vision", "--audio", "none"], "the same without the microphone (Silero VAD and the wake phrase on every 32 ms chunk)"),
        };
        foreach (var (name, folder, extra, note) in variants)
        {
            (double At, TimeSpan Cpu)? first = null, last = null;
            string[] args = ["run", "--speed", "1", "--events", "none", "--state", dir.File(folder), .. extra];
            RunFor(args, warm + seconds / 2,
                (elapsed, process) =>
                {
                    if (elapsed < warm) return;
                    first ??= (elapsed, process.TotalProcessorTime);
                    last = (elapsed, process.TotalProcessorTime);
                }, cancellation);
            double cpu = first is { } a && last is { } b && b.At > a.At ? (b.Cpu - a.Cpu).TotalSeconds / (b.At - a.At) * 100 : double.NaN;
            results.Add(new BenchResult(name, "% core", cpu, null, null, null, null, null, LowerIsBetter: true) { Note = note, Decimals = 1 });
        }

        // Memory over an hour of drive at 60x (the drive loops; its clip and GPS end after the first loop).
        var rss = new List<(double DriveMinutes, double Megabytes)>();
        RunFor(["run", "--speed", "60", "--loop", "0", "--events", "none", "--state", dir.File("memory")], seconds,
            (elapsed, process) => rss.Add((elapsed /* s of wall at 60x = min of drive */, process.WorkingSet64 / 1048576.0)), cancellation);
        if (rss.Count >= 3)
        {
            // After the start-up (models, JIT, the heap's first growth).
            var early = rss.FirstOrDefault(r => r.DriveMinutes >= Math.Max(10, seconds / 4), rss[rss.Count / 2]);
            var late = rss[^1];
            double growth = (late.Megabytes - early.Megabytes) / ((late.DriveMinutes - early.DriveMinutes) / 60);
            results.Add(new BenchResult("resident memory, early", "MB", early.Megabytes, null, null, null, null, null, LowerIsBetter: true)
                { Note = $"after about {early.DriveMinutes:0} min of drive at 60x (the start-up over)", Decimals = 0 });
            results.Add(new BenchResult("resident memory, late", "MB", late.Megabytes, null, null, null, null, null, LowerIsBetter: true)
                { Note = $"after about {late.DriveMinutes:0} min of drive at 60x (the drive loops; its GPS track and cabin clip end after the first loop)", Decimals = 0 });
            results.Add(new BenchResult("memory growth per hour of drive", "MB/h", growth, null, null, null, null, null, LowerIsBetter: true)
                { Note = "goal: flat (0 within the garbage collector's noise)", Decimals = 1 });
        }
        return results;
    }

    private static double Median(int runs, Func<int, double> measure)
    {
        var values = Enumerable.Range(0, runs).Select(measure).Order().ToList();
        return values[values.Count / 2];
    }

    /// <summary>Seconds one whole process takes, started cold.</summary>
    private double Timed(string[] args, CancellationToken cancellation)
    {
        using var process = Start(args);
        var watch = Stopwatch.StartNew();
        process.WaitForExitAsync(cancellation).GetAwaiter().GetResult();
        if (process.ExitCode != 0) throw new InvalidOperationException($"edgeai {string.Join(' ', args)}: exit {process.ExitCode}");
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench host: edgeai {args[0]} {string.Join(' ', args.Skip(1).Take(2))}: {watch.Elapsed.TotalSeconds:0.00} s"));
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>Runs edgeai for <paramref name="seconds"/>, calling <paramref name="sample"/> every second with the time
    /// since the start and the process, then stops it with SIGTERM as systemd does.</summary>
    private void RunFor(string[] args, double seconds, Action<double, Process>? sample, CancellationToken cancellation)
    {
        using var process = Start(args);
        // The phase starts once the host answers on its status socket (its stages running), not while it loads.
        string socket = Path.Combine(args[Array.IndexOf(args, "--state") + 1], StatusServer.FileName);
        var loading = Stopwatch.StartNew();
        while (!Answers(socket))
        {
            if (process.HasExited) throw new InvalidOperationException($"edgeai {string.Join(' ', args)}: exited while starting ({process.ExitCode})");
            if (loading.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException($"edgeai {string.Join(' ', args)}: not running after 3 minutes");
            Task.Delay(TimeSpan.FromMilliseconds(100), cancellation).GetAwaiter().GetResult();
        }
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds && !process.HasExited)
        {
            Task.Delay(TimeSpan.FromSeconds(1), cancellation).GetAwaiter().GetResult();
            process.Refresh();
            if (!process.HasExited) sample?.Invoke(watch.Elapsed.TotalSeconds, process);
        }
        if (process.HasExited) throw new InvalidOperationException($"edgeai {string.Join(' ', args)}: exited early ({process.ExitCode})");
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])) kill.WaitForExit();
        if (!process.WaitForExit(30_000)) process.Kill(entireProcessTree: true);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench host: edgeai {string.Join(' ', args.Take(3))} for {seconds:0} s: exit {process.ExitCode}"));
    }

    private static bool Answers(string socket)
    {
        if (!File.Exists(socket)) return false;
        try
        {
            StatusServer.ReadAsync(socket, TimeSpan.FromSeconds(2)).GetAwaiter().GetResult();
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static Process Start(string[] args)
    {
        var (program, prefix) = PeerTools.Self;
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in prefix.Concat(args)) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        // Drain both streams: a full pipe would stall the host and the figures with it.
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
        return process;
    }

    /// <summary>A temporary folder for the runs' state.</summary>
    private sealed class BenchFolder : IDisposable
    {
        private readonly string _path = Directory.CreateTempSubdirectory("edgeai-bench-host-").FullName;

        public string File(string name) => Path.Combine(_path, name);

        public void Dispose()
        {
            try { Directory.Delete(_path, recursive: true); } catch (IOException) { /* best effort */ }
        }
    }
}
