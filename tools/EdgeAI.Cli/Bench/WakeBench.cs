using System.Diagnostics;
using System.Globalization;
using EdgeAI.Drivers.Audio;
using EdgeAI.Drivers.Simulated;
using EdgeAI.Voice.Wake;

namespace EdgeAI.Cli.Bench;

/// <summary>
/// <c>edgeai bench wake</c>: the wake phrase's false rejects and false alarms per hour across thresholds, on a test set
/// built in the run (<see cref="WakeTestSet"/>: espeak-ng voices and rates, generated car noise at several SNRs, the
/// in-car commands, an hour of mixed speech and noise), with pocketsphinx's own <c>pocketsphinx_continuous -kws</c> on
/// the same WAV files as the peer: its detections at every threshold, and its whole-process time against ours at the
/// default threshold.
/// </summary>
internal sealed class WakeBench(WakeBench.Settings settings, Func<string, double, IWakeDetector> detector, TextWriter log)
{
    public const string PeerProgram = "pocketsphinx_continuous";

    /// <summary>What to build and sweep.</summary>
    public sealed record Settings
    {
        public string Phrase { get; init; } = "hey edge";
        public IReadOnlyList<double> Thresholds { get; init; } = [1e-55, 1e-50, 1e-48, 1e-45, 1e-40, 1e-35, 1e-30, 1e-25, 1e-20, 1e-15, 1e-10];
        public double DefaultThreshold { get; init; } = PocketsphinxWakeDetector.DefaultThreshold;
        public IReadOnlyList<int> Rates { get; init; } = [130, 160, 190];
        public IReadOnlyList<double?> Snrs { get; init; } = [null, 20, 10, 5];
        public double HourSeconds { get; init; } = 3600;
        public double MaterialSecondsPerVoice { get; init; } = 60;
        public int Jobs { get; init; } = Math.Max(1, Environment.ProcessorCount);
        public bool Peer { get; init; } = true;
        public string? KeepDirectory { get; init; }
        /// <summary>A threshold's pass over the mixed speech stops after this many alarms (its rate is then over the part heard).</summary>
        public int MaxAlarms { get; init; } = 30;
        /// <summary>Run pocketsphinx_continuous at every threshold, not only the default.</summary>
        public bool PeerEveryThreshold { get; init; }
    }

    /// <summary>One threshold's figures.</summary>
    public sealed record Row(double Threshold, int Wakes, int Rejected, IReadOnlyList<(double? Snr, int Rejected, int Of)> ByCondition,
        int CommandAlarms, int Commands, int HourAlarms, double HourSeconds, double HourSecondsHeard, int WakeFileExtras, PeerAgreement? Peer)
    {
        public double FalseRejectPercent => 100.0 * Rejected / Wakes;
        public double AlarmsPerHour => HourAlarms * 3600 / HourSecondsHeard;
        public bool StoppedEarly => HourSecondsHeard < HourSeconds - 1;
    }

    /// <summary>How the engine's CLI did on the same files (wakes and commands): its detections and how many of ours it matched (within 0.5 s).</summary>
    public sealed record PeerAgreement(int PeerDetections, int OurDetections, int Matched, int PeerRejected);

    /// <summary>Whole-process times on the mixed speech at the default threshold, and both sides' alarms there.</summary>
    public sealed record Timing(double AudioSeconds, double OursSeconds, double PeerSeconds, int OurAlarms, int PeerAlarms, int Matched)
    {
        public double OursRtf => OursSeconds / AudioSeconds;
        public double PeerRtf => PeerSeconds / AudioSeconds;
        public double OverheadPercent => 100 * (OursSeconds / PeerSeconds - 1);
    }

    /// <summary>Everything measured.</summary>
    public sealed record Result(Settings Settings, IReadOnlyList<Row> Rows, Timing? Timing, double SpeechSecondsInHour, double BuildSeconds, string? PeerProblem);

    private sealed record Files(string Wakes, List<SpokenSpan> WakeSpans, string Commands, List<SpokenSpan> CommandSpans, string Hour, double HourSeconds, double SpeechSeconds);

    public Result Run(CancellationToken cancellation = default)
    {
        var watch = Stopwatch.StartNew();
        string dir = settings.KeepDirectory ?? Path.Combine(Path.GetTempPath(), $"edgeai-wake-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        try
        {
            var files = Build(dir);
            double buildSeconds = watch.Elapsed.TotalSeconds;
            string? peerProblem = settings.Peer ? PeerTools.Missing(PeerProgram, "pocketsphinx") : "not asked for (--no-peer)";
            var rows = new Row[settings.Thresholds.Count];
            log.WriteLine($"bench wake: sweeping {rows.Length} thresholds over {files.HourSeconds / 60:F0} min of mixed speech, {files.WakeSpans.Count} wakes and {files.CommandSpans.Count} commands ({settings.Jobs} at a time)...");
            Parallel.For(0, rows.Length, new ParallelOptions { MaxDegreeOfParallelism = settings.Jobs, CancellationToken = cancellation },
                i => rows[i] = Measure(files, settings.Thresholds[i], peerProblem is null && (settings.PeerEveryThreshold || settings.Thresholds[i] == settings.DefaultThreshold), dir));
            Timing? timing = null;
            if (peerProblem is null)
            {
                log.WriteLine("bench wake: timing ours and the CLI on the wake file at the default threshold, alternately, best of 2...");
                double oursBest = double.MaxValue, peerBest = double.MaxValue;
                List<double> ourHits = [], peerHits = [];
                for (int run = 0; run < 2; run++)
                {
                    var ours = Stopwatch.StartNew();
                    ourHits = Detect(files.Wakes, settings.DefaultThreshold, int.MaxValue).Hits;
                    oursBest = Math.Min(oursBest, ours.Elapsed.TotalSeconds);
                    var peer = Stopwatch.StartNew();
                    peerHits = RunPeer(files.Wakes, settings.DefaultThreshold, dir);
                    peerBest = Math.Min(peerBest, peer.Elapsed.TotalSeconds);
                }
                double seconds = files.WakeSpans.Count == 0 ? 0 : new FileInfo(files.Wakes).Length / 2.0 / CarNoise.SampleRate;
                timing = new Timing(seconds, oursBest, peerBest, ourHits.Count, peerHits.Count, Matched(ourHits, peerHits));
            }
            return new Result(settings, rows, timing, files.SpeechSeconds, buildSeconds, peerProblem);
        }
        finally
        {
            if (settings.KeepDirectory is null) Directory.Delete(dir, recursive: true);
        }
    }

    private Files Build(string dir)
    {
        if (Talker.MissingReason() is { } missing) throw new InvalidOperationException($"bench wake: {missing}");
        log.WriteLine($"bench wake: building the test set in {dir} (espeak-ng, seeded car noise)...");
        var voices = WakeTestSet.Voices;
        var (wakes, wakeSpans) = WakeTestSet.Wakes(settings.Phrase, voices, settings.Rates, settings.Snrs);
        var (commands, commandSpans) = WakeTestSet.SpokenCommands(WakeTestSet.Commands, voices, [null, 10]);
        string wakesPath = Path.Combine(dir, "wakes.wav"), commandsPath = Path.Combine(dir, "commands.wav"), hourPath = Path.Combine(dir, "mixed-hour.wav");
        EdgeAI.Drivers.Audio.Wav.WavFileSink.WriteAll(wakesPath, wakes);
        EdgeAI.Drivers.Audio.Wav.WavFileSink.WriteAll(commandsPath, commands);
        var material = WakeTestSet.SpeechMaterial(voices, settings.MaterialSecondsPerVoice, settings.Phrase.Split(' '));
        double speech = WakeTestSet.WriteMixedSpeech(hourPath, settings.HourSeconds, material);
        return new Files(wakesPath, wakeSpans, commandsPath, commandSpans, hourPath, settings.HourSeconds, speech);
    }

    private Row Measure(Files files, double threshold, bool peer, string dir)
    {
        var wakeHits = Detect(files.Wakes, threshold, int.MaxValue).Hits;
        var commandHits = Detect(files.Commands, threshold, int.MaxValue).Hits;
        var (hourHits, heard) = Detect(files.Hour, threshold, settings.MaxAlarms);
        var (rejected, extras) = Score(files.WakeSpans, wakeHits);
        var byCondition = new List<(double?, int, int)>();
        foreach (var snr in settings.Snrs)
        {
            var spans = files.WakeSpans.Where(s => s.SnrDb == snr).ToList();
            byCondition.Add((snr, Score(spans, wakeHits).Rejected, spans.Count));
        }
        PeerAgreement? agreement = null;
        if (peer)
        {
            var peerWakes = RunPeer(files.Wakes, threshold, dir);
            var peerCommands = RunPeer(files.Commands, threshold, dir);
            int ours = wakeHits.Count + commandHits.Count;
            int theirs = peerWakes.Count + peerCommands.Count;
            int matched = Matched(wakeHits, peerWakes) + Matched(commandHits, peerCommands);
            agreement = new PeerAgreement(theirs, ours, matched, Score(files.WakeSpans, peerWakes).Rejected);
        }
        log.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0:0e0}: {1}/{2} wakes missed, {3} alarms on commands, {4} in {5:F0} s of the mixed speech", threshold, rejected, files.WakeSpans.Count, commandHits.Count, hourHits.Count, heard));
        return new Row(threshold, files.WakeSpans.Count, rejected, byCondition, commandHits.Count, files.CommandSpans.Count, hourHits.Count, files.HourSeconds, heard, extras, agreement);
    }

    // A wake counts as heard when a detection comes between its start and 1 s after its end; detections elsewhere in
    // the wake file are extra (false alarms or a second report of one wake).
    private static (int Rejected, int Extras) Score(List<SpokenSpan> spans, List<double> detections)
    {
        int rejected = 0, used = 0;
        foreach (var span in spans)
        {
            double from = span.Start / (double)CarNoise.SampleRate, to = span.End / (double)CarNoise.SampleRate + 1.0;
            int hits = detections.Count(t => t >= from && t <= to);
            if (hits == 0) rejected++;
            used += hits;
        }
        return (rejected, detections.Count - used);
    }

    private static int Matched(List<double> ours, List<double> theirs)
    {
        int matched = 0;
        var taken = new bool[theirs.Count];
        foreach (var t in ours)
            for (int j = 0; j < theirs.Count; j++)
                if (!taken[j] && Math.Abs(theirs[j] - t) <= 0.5)
                {
                    taken[j] = true;
                    matched++;
                    break;
                }
        return matched;
    }

    /// <summary>Our detector over a WAV file in 512-sample chunks, until <paramref name="maxHits"/> wakes: the end time (s)
    /// of every chunk that woke it, and the seconds heard.</summary>
    private (List<double> Hits, double Seconds) Detect(string wav, double threshold, int maxHits)
    {
        var hits = new List<double>();
        using var wake = detector(settings.Phrase, threshold);
        using var source = AudioFileSource.OpenWav(wav);
        var buffer = new float[source.ChunkSamples];
        long position = 0;
        while (true)
        {
            var chunk = source.Read(buffer);
            if (chunk.IsEnd) break;
            position += chunk.Count;
            if (wake.Accept(buffer.AsSpan(0, chunk.Count)))
            {
                hits.Add(position / (double)source.SampleRate);
                if (hits.Count >= maxHits) break;
            }
        }
        return (hits, position / (double)source.SampleRate);
    }

    /// <summary>The same engine's CLI on the same file: the end times of its detections.</summary>
    private List<double> RunPeer(string wav, double threshold, string dir)
    {
        string kws = Path.Combine(dir, $"kws-{threshold.ToString("0e0", CultureInfo.InvariantCulture)}-{Environment.CurrentManagedThreadId}.txt");
        File.WriteAllText(kws, $"{settings.Phrase} /{threshold.ToString("0e0", CultureInfo.InvariantCulture)}/\n");
        var info = new ProcessStartInfo(PeerProgram) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["-infile", wav, "-kws", kws, "-time", "yes", "-logfn", "/dev/null"]) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var hits = new List<double>();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            // "-time yes" lines: the phrase, its start and end in seconds and its posterior
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 4 && string.Join(' ', fields[..^3]) == settings.Phrase
                && double.TryParse(fields[^2], NumberStyles.Float, CultureInfo.InvariantCulture, out double end)
                && double.TryParse(fields[^3], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                hits.Add(end);
        }
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{PeerProgram} exited {process.ExitCode}: {stderr.Result.Trim()}");
        hits.Sort();
        return hits;
    }

    /// <summary>The curve as a Markdown table, the peer's agreement and the timing.</summary>
    public static void WriteTable(TextWriter o, Result r)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = r.Settings;
        o.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        var first = r.Rows[0];
        o.WriteLine(string.Format(inv, "phrase \"{0}\": {1} wakes ({2} voices x {3} rates x clean/{4} dB SNR car noise), {5} in-car commands, {6:F0} min of mixed speech ({7:F0} min of it speech) and car noise; built in {8:F0} s",
            s.Phrase, first.Wakes, WakeTestSet.Voices.Count, s.Rates.Count, string.Join("/", s.Snrs.Where(x => x is not null)), first.Commands, first.HourSeconds / 60, r.SpeechSecondsInHour / 60, r.BuildSeconds));
        var conditions = s.Snrs.Select(x => x is { } db ? $"FR {db:0} dB" : "FR clean").ToArray();
        o.WriteLine("| threshold | false rejects | " + string.Join(" | ", conditions) + " | false alarms / hour (alarms in min heard) | alarms on commands | extra in wake file | pocketsphinx_continuous on wakes+commands: detections (ours), matched, its FR |");
        o.WriteLine("|---|---|" + string.Concat(conditions.Select(_ => "---|")) + "---|---|---|---|");
        foreach (var row in r.Rows)
        {
            string peer = row.Peer is { } p
                ? string.Format(inv, "{0} ({1}), {2}, {3:F1} %", p.PeerDetections, p.OurDetections, p.Matched, 100.0 * p.PeerRejected / row.Wakes)
                : "-";
            o.WriteLine(string.Format(inv, "| {0:0e0}{1} | {2:F1} % ({3}/{4}) | {5} | {6:F1} ({7} in {8:F0}{9}) | {10}/{11} | {12} | {13} |", row.Threshold, row.Threshold == s.DefaultThreshold ? " (default)" : "",
                row.FalseRejectPercent, row.Rejected, row.Wakes,
                string.Join(" | ", row.ByCondition.Select(c => $"{c.Rejected}/{c.Of}")), row.AlarmsPerHour, row.HourAlarms, row.HourSecondsHeard / 60, row.StoppedEarly ? ", stopped" : "",
                row.CommandAlarms, row.Commands, row.WakeFileExtras, peer));
        }
        if (r.PeerProblem is not null) o.WriteLine($"peer: {r.PeerProblem}");
        var meets = r.Rows.Where(x => x.FalseRejectPercent < 5).OrderByDescending(x => x.Threshold).FirstOrDefault();
        var best = r.Rows.OrderBy(x => x.AlarmsPerHour).First();
        o.WriteLine(meets is null
            ? "no threshold keeps false rejects under 5 %"
            : string.Format(inv, "strictest threshold with false rejects under 5 %: {0:0e0} ({1:F1} % FR, {2:F1} false alarms/hour, goal < 0.5); fewest false alarms: {3:0e0} ({4:F1}/hour at {5:F1} % FR)",
                meets.Threshold, meets.FalseRejectPercent, meets.AlarmsPerHour, best.Threshold, best.AlarmsPerHour, best.FalseRejectPercent));
        if (r.Timing is { } t)
            o.WriteLine(string.Format(inv, "wake file ({0:F1} min) at the default threshold: EdgeAI {1} detections, pocketsphinx_continuous {2}, {3} matched; whole pass (model load, read, decode), best of 2: EdgeAI {4:F1} s (RTF {5:F4}), pocketsphinx_continuous process {6:F1} s (RTF {7:F4}): EdgeAI {8:+0.0;-0.0} %",
                t.AudioSeconds / 60, t.OurAlarms, t.PeerAlarms, t.Matched, t.OursSeconds, t.OursRtf, t.PeerSeconds, t.PeerRtf, t.OverheadPercent));
        o.WriteLine("FR: wakes with no detection from their start to 1 s after their end; extra: detections elsewhere in the wake file; matched: our detections within 0.5 s of one of the CLI's; a pass over the mixed speech stops at " + s.MaxAlarms + " alarms (\"stopped\"), its rate is over the minutes heard");
    }
}
