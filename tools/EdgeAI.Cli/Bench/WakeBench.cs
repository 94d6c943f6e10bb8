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
        public IReadOnlyList<double> Thresholds { get; init; } = [1e-50, 1e-45, 1e-40, 1e-35, 1e-30, 1e-25, 1e-20, 1e-15, 1e-10];
        public double DefaultThreshold { get; init; } = PocketsphinxWakeDetector.DefaultThreshold;
        public IReadOnlyList<int> Rates { get; init; } = [130, 160, 190];
        public IReadOnlyList<double?> Snrs { get; init; } = [null, 20, 10, 5];
        public double HourSeconds { get; init; } = 3600;
        public double MaterialSecondsPerVoice { get; init; } = 60;
        public int Jobs { get; init; } = Math.Max(1, Environment.ProcessorCount);
        public bool Peer { get; init; } = true;
        public string? KeepDirectory { get; init; }
    }

    /// <summary>One threshold's figures.</summary>
    public sealed record Row(double Threshold, int Wakes, int Rejected, IReadOnlyList<(double? Snr, int Rejected, int Of)> ByCondition,
        int CommandAlarms, int Commands, int HourAlarms, double HourSeconds, int WakeFileExtras, PeerAgreement? Peer)
    {
        public double FalseRejectPercent => 100.0 * Rejected / Wakes;
        public double AlarmsPerHour => HourAlarms * 3600 / HourSeconds;
    }

    /// <summary>How the engine's CLI did on the same files: its detections and how many of ours it matched (within 0.5 s).</summary>
    public sealed record PeerAgreement(int PeerDetections, int OurDetections, int Matched, int PeerRejected, int PeerHourAlarms);

    /// <summary>Whole-process times on the hour at the default threshold.</summary>
    public sealed record Timing(double AudioSeconds, double OursSeconds, double PeerSeconds)
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
            string? peerProblem = settings.Peer ? PeerMissing() : "not asked for (--no-peer)";
            var rows = new Row[settings.Thresholds.Count];
            log.WriteLine($"bench wake: sweeping {rows.Length} thresholds over {files.HourSeconds / 60:F0} min of mixed speech, {files.WakeSpans.Count} wakes and {files.CommandSpans.Count} commands ({settings.Jobs} at a time)...");
            Parallel.For(0, rows.Length, new ParallelOptions { MaxDegreeOfParallelism = settings.Jobs, CancellationToken = cancellation },
                i => rows[i] = Measure(files, settings.Thresholds[i], peerProblem is null, dir));
            Timing? timing = null;
            if (peerProblem is null)
            {
                log.WriteLine("bench wake: timing ours and the CLI on the hour at the default threshold, one after the other...");
                var ours = Stopwatch.StartNew();
                Detect(files.Hour, settings.DefaultThreshold);
                ours.Stop();
                var peer = Stopwatch.StartNew();
                RunPeer(files.Hour, settings.DefaultThreshold, dir);
                peer.Stop();
                timing = new Timing(files.HourSeconds, ours.Elapsed.TotalSeconds, peer.Elapsed.TotalSeconds);
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
        var wakeHits = Detect(files.Wakes, threshold);
        var commandHits = Detect(files.Commands, threshold);
        var hourHits = Detect(files.Hour, threshold);
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
            var peerHour = RunPeer(files.Hour, threshold, dir);
            int ours = wakeHits.Count + commandHits.Count + hourHits.Count;
            int theirs = peerWakes.Count + peerCommands.Count + peerHour.Count;
            int matched = Matched(wakeHits, peerWakes) + Matched(commandHits, peerCommands) + Matched(hourHits, peerHour);
            agreement = new PeerAgreement(theirs, ours, matched, Score(files.WakeSpans, peerWakes).Rejected, peerHour.Count);
        }
        log.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0:0e0}: {1}/{2} wakes missed, {3} alarms on commands, {4} in the mixed speech", threshold, rejected, files.WakeSpans.Count, commandHits.Count, hourHits.Count));
        return new Row(threshold, files.WakeSpans.Count, rejected, byCondition, commandHits.Count, files.CommandSpans.Count, hourHits.Count, files.HourSeconds, extras, agreement);
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

    /// <summary>Our detector over a WAV file in 512-sample chunks; the end time (s) of every chunk that woke it.</summary>
    private List<double> Detect(string wav, double threshold)
    {
        var hits = new List<double>();
        using var wake = detector(settings.Phrase, threshold);
        using var source = AudioFileSource.OpenWav(wav);
        var buffer = new float[source.ChunkSamples];
        long position = 0;
        while (true)
        {
            var chunk = source.Read(buffer);
            if (chunk.Samples.Length == 0) break;
            position += chunk.Samples.Length;
            if (wake.Accept(chunk.Samples.Span)) hits.Add(position / (double)source.SampleRate);
        }
        return hits;
    }

    private static string? PeerMissing()
    {
        foreach (var d in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            if (d.Length > 0 && File.Exists(Path.Combine(d, PeerProgram))) return null;
        return $"{PeerProgram} is not installed (apt-get install pocketsphinx)";
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
}
