using System.Diagnostics;
using System.Globalization;
using EdgeAI.Assistant.Drive;
using EdgeAI.Assistant.Profile;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Assistant.Triggers;
using EdgeAI.Assistant.Words;
using EdgeAI.Cli.Demo;
using EdgeAI.Inference.Models;

namespace EdgeAI.Cli.Bench;

/// <summary>
/// The proactive assistant on the bundled drive (issue 15 §5), through the very pipeline <c>edgeai demo</c> replays
/// (<see cref="ScenarioPipeline"/>), the CAN frames read from memory at full speed: the latency from a CAN frame in to
/// the suggestions of the engine tick it triggers (p50, p99, the worst tick and what it was doing), the bytes allocated
/// per frame, frames per second of the whole drive without and with the cabin camera, the template rendering and the
/// grounding check per suggestion, and <c>edgeai demo --speed max --json</c> as a whole process, cold (as users run it,
/// and with <c>--templates</c>).
/// </summary>
internal sealed class AssistantBench(ScenarioPipeline pipeline, int repeat, TextWriter progress)
{
    /// <summary>The goal for one frame and the tick it triggers, at p99.</summary>
    public const double GoalP99Ms = 5;

    private const int CallsPerSuggestion = 2000;

    public async Task<List<BenchResult>> RunAsync(CancellationToken cancellation)
    {
        var (frames, channels) = FrameArrayReader.Load(pipeline.Log);
        var reader = new FrameArrayReader(frames, channels);
        string name = pipeline.Scenario?.Name ?? Path.GetFileName(pipeline.Log);
        progress.WriteLine($"bench: the assistant over {frames.Length:N0} frames of {name}; a warm-up drive first");
        await TimeDriveAsync(reader, camera: null, cancellation);

        // Latency and allocations: every frame timed on its own, on drives after the warm-up (the same frames again).
        Probe best = null!;
        for (int i = 0; i < repeat; i++)
        {
            reader.Rewind();
            var probe = new Probe(frames.Length);
            var drive = pipeline.NewDrive(new UserProfile(), camera: null, stopAfterS: null, probe.Triggers.Wrap(DefaultTriggers.Create()));
            probe.Attach(drive);
            await drive.RunAsync(reader, probe.Pace, probe.OnEvent, probe.OnFrame, cancellation);
            probe.Finish();
            progress.WriteLine(string.Format(CultureInfo.InvariantCulture, "bench: timed drive {0}/{1}: {2} ticks, p99 {3:F3} ms", i + 1, repeat, probe.Ticks.Count, probe.TickP99Ms));
            if (best is null || probe.TickP99Ms < best.TickP99Ms) best = probe;
        }

        double plainS = double.MaxValue;
        for (int i = 0; i < repeat; i++)
        {
            reader.Rewind();
            plainS = Math.Min(plainS, await TimeDriveAsync(reader, camera: null, cancellation));
        }
        progress.WriteLine(string.Format(CultureInfo.InvariantCulture, "bench: drive without the camera {0:F2} s", plainS));

        var results = new List<BenchResult>();
        results.AddRange(LatencyRows(best));
        results.Add(new BenchResult("assistant: drive, no vision", "frames/s", frames.Length / plainS, (double)best.TotalBytes / frames.Length, null, null, null, null)
        {
            Note = string.Create(CultureInfo.InvariantCulture, $"{frames.Length} CAN frames, {pipeline.Fixes.Count} GPS fixes, {best.Ticks.Count} ticks, {best.Events.Count} events in {plainS:F2} s; B/item counts everything, ticks included, but for {best.UncountedFrames} frames that moved to another thread (a question's answer)"),
        });
        if (await VisionRowAsync(reader, frames.Length, cancellation) is { } vision) results.Add(vision);
        results.AddRange(WordRows(best));
        results.AddRange(ProcessRows());
        return results;
    }

    private async Task<double> TimeDriveAsync(FrameArrayReader reader, ICabinCamera? camera, CancellationToken cancellation)
    {
        var drive = pipeline.NewDrive(new UserProfile(), camera, stopAfterS: null);
        var watch = Stopwatch.StartNew();
        await drive.RunAsync(reader, static (_, _) => ValueTask.CompletedTask, static _ => { }, null, cancellation);
        return watch.Elapsed.TotalSeconds;
    }

    private static IEnumerable<BenchResult> LatencyRows(Probe p)
    {
        var inv = CultureInfo.InvariantCulture;
        var replans = p.Ticks.Where(t => t.Replanned).Select(t => t.Ms).ToList();
        var others = p.Ticks.Where(t => !t.Replanned).Select(t => t.Ms).ToList();
        string split = replans.Count == 0 ? "no tick replanned the trip"
            : string.Format(inv, "{0} of {1} ticks replanned the trip (p50 {2:F3} ms, max {3:F3} ms), the others p50 {4:F3} ms, p99 {5:F3} ms",
                replans.Count, p.Ticks.Count, Percentile(replans, 0.5), replans.Max(), Percentile(others, 0.5), Percentile(others, 0.99));
        // What the slowest 1 % of ticks spent most of their time on.
        var slowest = p.Ticks.Where(t => t.Ms >= p.TickP99Ms).ToList();
        var groups = slowest.GroupBy(SlowestStep).OrderByDescending(g => g.Count()).ToList();
        var by = groups.Select(g => $"{g.Key} in {g.Count()}");
        // What p99 would be without the trigger that made most of them slow (its ticks where it took 1 ms or more).
        string without = "";
        if (groups.Count > 0 && groups[0].First().SlowKind is { } heavy && groups[0].Key == $"the {heavy} trigger")
        {
            var rest = p.Ticks.Where(t => !(t.SlowKind == heavy && t.SlowMs >= 1)).Select(t => t.Ms).ToList();
            without = string.Format(inv, "; without the {0} ticks where the {1} trigger took 1 ms or more: p99 {2:F3} ms", p.Ticks.Count - rest.Count, heavy, Percentile(rest, 0.99));
        }
        yield return new BenchResult("assistant: frame+tick p50", "ms", p.TickP50Ms, p.TickBytes / (double)Math.Max(1, p.CountedTicks), null, null, null, null, LowerIsBetter: true)
        {
            Decimals = 3,
            Note = $"a CAN frame applied and the engine tick it triggers, {p.Ticks.Count} ticks (every {p.TickEveryS.ToString("0.##", inv)} s of drive); "
                + $"B/item is the mean per tick (of the {p.CountedTicks} that did not move to another thread); the median tick allocates "
                + Percentile([.. p.Ticks.Where(t => t.Counted).Select(t => (double)t.Bytes)], 0.5).ToString("N0", inv) + " B",
        };
        yield return new BenchResult("assistant: frame+tick p99", "ms", p.TickP99Ms, null, null, null, null, null, LowerIsBetter: true)
        {
            Decimals = 3,
            Note = string.Format(inv, "goal < {0} ms: {1}; {2}; the slowest 1 % ({3} ticks) spent most on: {4}{5}",
                GoalP99Ms, p.TickP99Ms < GoalP99Ms ? "met" : "NOT met", split, slowest.Count, string.Join(", ", by), without),
        };
        var worst = p.Ticks.MaxBy(t => t.Ms);
        yield return new BenchResult("assistant: worst tick", "ms", worst.Ms, worst.Bytes, null, null, null, null, LowerIsBetter: true)
        {
            Decimals = 3,
            Note = Describe(worst, p.TickP99Ms),
        };
        yield return new BenchResult("assistant: frame, no tick", "us", p.QuietMicroseconds, p.QuietBytesPerFrame, null, null, null, null, LowerIsBetter: true)
        {
            Decimals = 3,
            Note = string.Format(inv, "mean of the {0} frames with no tick and no event (fusion, GPS fixes, drive state); goal 0 B/frame: {1}; {2} of them allocated; "
                + "the {3} frames with a vehicle event: {4:F0} B each (the event's text)",
                p.QuietFrames, p.QuietBytes == 0 ? "met" : "NOT met", p.QuietAllocatingFrames, p.EventFrames, p.EventFrames == 0 ? 0 : p.EventFrameBytes / (double)p.EventFrames),
        };
    }

    /// <summary>Where a tick spent most: its slowest trigger, or the rest of the frame (the trip's replanning when it ran).</summary>
    private static string SlowestStep(Probe.TickSample t)
    {
        double rest = t.Ms - t.TriggersMs;
        if (t.SlowKind is { } kind && t.SlowMs >= rest) return $"the {kind} trigger";
        return t.Replanned ? "the trip's replanning" : "the frame and tick outside the triggers";
    }

    private static string Describe(Probe.TickSample t, double p99)
    {
        var inv = CultureInfo.InvariantCulture;
        var parts = new List<string>();
        if (t.Replanned) parts.Add("the trip replanned");
        if (t.SlowKind is { } kind) parts.Add(string.Format(inv, "slowest trigger {0} {1:F3} ms ({2:N0} B), all triggers {3:F3} ms", kind, t.SlowMs, t.SlowBytes, t.TriggersMs));
        if (t.Suggestions > 0) parts.Add(t.Suggestions == 1 ? "1 suggestion out" : $"{t.Suggestions} suggestions out");
        if (t.Questions > 0) parts.Add(t.Questions == 1 ? "a question answered" : $"{t.Questions} questions answered");
        if (t.OtherEvents > 0) parts.Add($"{t.OtherEvents} other events");
        if (t.Collections > 0) parts.Add("a gen0 GC ran in it");
        string outlier = t.Ms > 2 * p99 ? "an outlier" : "not an outlier";
        return string.Create(inv, $"at {t.AtS:F1} s of drive, {outlier} (p99 {p99:F3} ms): {string.Join("; ", parts)}");
    }

    private async Task<BenchResult?> VisionRowAsync(FrameArrayReader reader, int frames, CancellationToken cancellation)
    {
        double best = double.MaxValue;
        long cameraFrames = 0;
        string provider = "";
        for (int i = 0; i < repeat; i++)
        {
            reader.Rewind();
            VisionCabinCamera? camera;
            try { camera = pipeline.OpenCamera(progress); }
            catch (ModelNotAvailableException e)
            {
                progress.WriteLine($"bench: the drive with the camera is left out: {e.Message}");
                return null;
            }
            if (camera is null)
            {
                progress.WriteLine("bench: the drive with the camera is left out: the scenario has no cabin clip");
                return null;
            }
            using (camera)
            {
                best = Math.Min(best, await TimeDriveAsync(reader, camera, cancellation));
                cameraFrames = camera.Frames;
                provider = camera.Provider;
            }
        }
        progress.WriteLine(string.Format(CultureInfo.InvariantCulture, "bench: drive with the camera {0:F2} s", best));
        return new BenchResult("assistant: drive, vision", "frames/s", frames / best, null, null, null, null, null)
        {
            Note = string.Create(CultureInfo.InvariantCulture, $"{frames} CAN frames and {cameraFrames} camera frames (BlazeFace front, {provider}, driver monitor) in {best:F2} s"),
        };
    }

    /// <summary>The words of the drive's suggestions: the template rendering again, and the grounding check a model's
    /// wording would go through (<see cref="ModelWriter"/>: the facts the template shows, then the check), here on the
    /// template's own words, which must pass.</summary>
    private IEnumerable<BenchResult> WordRows(Probe p)
    {
        var shown = p.Events.Where(e => e.Type == "suggestion" && e.Suggestion is not null).Select(e => e.Suggestion!).ToList();
        if (shown.Count == 0) throw new InvalidOperationException("bench: the drive showed no suggestion to render");
        var moment = p.Drive.Moment;
        foreach (var s in shown)
        {
            // The engine wrote these words with the same writer: rendering again must give them back.
            string text = pipeline.Writer.Write(s.Kind, s.Proposal, moment);
            if (text != s.Text) throw new InvalidOperationException($"bench: the template of {s.Kind} rendered \"{text}\", the drive showed \"{s.Text}\"");
        }
        var (renderUs, renderBytes) = PerSuggestion(shown, s => pipeline.Writer.Write(s.Kind, s.Proposal, moment));
        string kinds = string.Join(", ", shown.Select(s => s.Kind).Distinct());
        yield return new BenchResult("assistant: template per suggestion", "us", renderUs, renderBytes, null, null, null, null, LowerIsBetter: true)
        {
            Decimals = 3,
            Note = $"the {shown.Count} suggestions of the drive rendered again ({kinds}); B/item is the text",
        };

        string language = pipeline.Writer.Book.Language;
        var checkable = shown.Where(s => GroundingCheck.RequiredFacts(s.Text, s.Proposal) > 0).ToList();
        if (checkable.Count == 0)
        {
            progress.WriteLine("bench: the grounding check is left out: no suggestion of the drive has a fact to check");
            yield break;
        }
        var failed = checkable.Select(s => (s.Kind, Verdict: GroundingCheck.Check(s.Text, s.Proposal, s.Text, language, moving: true)))
            .Where(c => !c.Verdict.Passed).Select(c => $"{c.Kind}: {c.Verdict.Reason}").ToList();
        var (checkUs, checkBytes) = PerSuggestion(checkable, s =>
        {
            GroundingCheck.RequiredFacts(s.Text, s.Proposal);
            GroundingCheck.Check(s.Text, s.Proposal, s.Text, language, moving: true);
        });
        yield return new BenchResult("assistant: grounding check per suggestion", "us", checkUs, checkBytes, null, null, null, null, LowerIsBetter: true)
        {
            Decimals = 3,
            Note = string.Format(CultureInfo.InvariantCulture,
                "RequiredFacts and Check ({0}, while moving) on the template's own words of the {1} suggestions with facts to check (of {2}); {3:F1}x the template's rendering; {4}",
                language, checkable.Count, shown.Count, checkUs / renderUs,
                failed.Count == 0 ? "all passed" : $"{failed.Count} did not pass their own template: {string.Join("; ", failed)}"),
        };
    }

    /// <summary>The best of the rounds, in µs and bytes per suggestion, of <paramref name="work"/> on each suggestion.</summary>
    private (double Us, long Bytes) PerSuggestion(List<Suggestion> suggestions, Action<Suggestion> work)
    {
        double bestUs = double.MaxValue;
        long bytes = 0;
        int calls = suggestions.Count * CallsPerSuggestion;
        for (int round = 0; round < Math.Max(2, repeat); round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            foreach (var s in suggestions)
                for (int i = 0; i < CallsPerSuggestion; i++) work(s);
            double us = Stopwatch.GetElapsedTime(start).TotalMicroseconds / calls;
            bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / calls;
            bestUs = Math.Min(bestUs, us);
        }
        return (bestUs, bytes);
    }

    /// <summary>
    /// <c>edgeai demo --speed max --json</c> as users run it (the cached random-weight test model words the suggestions
    /// when there is one, each checked and replaced by its template), then with <c>--templates</c> (the template path).
    /// </summary>
    private IEnumerable<BenchResult> ProcessRows()
    {
        var (program, prefix) = PeerTools.Self;
        string build = prefix.Length == 0 ? "native" : "JIT: dotnet edgeai.dll";
        string? testModel = EdgeAI.TestModels.TestLlmWriter.Cached(new ModelCache().Root);
        foreach (string[] options in (string[][])[[], ["--templates"]])
        {
            string[] command = ["demo", "--speed", "max", "--json", .. options];
            string shown = string.Join(' ', command);
            progress.WriteLine($"bench: edgeai {shown}, {repeat} whole processes");
            double seconds = PeerTools.MedianProgram(program, [.. prefix, .. command], repeat, out string? failed)
                ?? throw new InvalidOperationException($"bench: edgeai {shown} failed: {failed}");
            string words = options.Length > 0 ? "templates word everything"
                : testModel is not null ? "the cached random-weight test model words the suggestions (each checked and replaced by its template)"
                : "templates word everything (no test model cached)";
            yield return new BenchResult("process: " + shown, "ms", seconds * 1000, null, null, null, null, null, LowerIsBetter: true)
            {
                Note = $"a fresh process ({build}), camera included, {words}; median of {repeat}",
            };
        }
    }

    /// <summary>The value at fraction <paramref name="p"/> of <paramref name="values"/> (nearest rank; 0 when empty).</summary>
    internal static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>
    /// Times every frame of one drive from the moment the drive asks to pace it (before the GPS fixes, the camera and
    /// the frame are applied) to the moment it reports the frame done (after the ticks it triggered), with the bytes
    /// the thread allocated meanwhile. Nothing here allocates per frame.
    /// </summary>
    private sealed class Probe(int frames)
    {
        /// <summary>One frame that triggered a tick: its time and bytes, what came out, and the slowest trigger in it.</summary>
        public readonly record struct TickSample(double Ms, long Bytes, double AtS, bool Replanned, int Suggestions, int Questions, int OtherEvents, int Collections,
            string? SlowKind, double SlowMs, long SlowBytes, double TriggersMs, bool Counted);

        /// <summary>The drive's triggers, timed.</summary>
        public TriggerTimes Triggers { get; } = new();

        private long _startTs, _startBytes, _ticksBefore;
        private int _plansBefore, _eventsBefore, _gcBefore, _thread;

        public AssistantDrive Drive { get; private set; } = null!;
        public List<TimelineEvent> Events { get; } = new(4096);
        public List<TickSample> Ticks { get; } = new(frames / 64); // a tick per 0.5 s is about one frame in 230
        public double TickEveryS => Drive.TickEveryS;
        public long TotalBytes { get; private set; }
        public int UncountedFrames { get; private set; }
        public long TickBytes { get; private set; }
        public int CountedTicks { get; private set; }
        public int QuietFrames { get; private set; }
        public int QuietAllocatingFrames { get; private set; }
        public long QuietBytes { get; private set; }
        public long QuietTimestampTicks { get; private set; }
        public int EventFrames { get; private set; }
        public long EventFrameBytes { get; private set; }
        public double TickP50Ms { get; private set; }
        public double TickP99Ms { get; private set; }
        public double QuietMicroseconds => QuietFrames == 0 ? 0 : QuietTimestampTicks * 1e6 / Stopwatch.Frequency / QuietFrames;
        public double QuietBytesPerFrame => QuietFrames == 0 ? 0 : (double)QuietBytes / QuietFrames;

        public void Attach(AssistantDrive drive) => Drive = drive;

        public ValueTask Pace(long frameNs, CancellationToken cancellation)
        {
            _ticksBefore = Drive.Ticks;
            _plansBefore = Drive.Trip?.Plans ?? 0;
            _eventsBefore = Events.Count;
            _gcBefore = GC.CollectionCount(0);
            _thread = Environment.CurrentManagedThreadId;
            Triggers.Reset();
            _startBytes = GC.GetAllocatedBytesForCurrentThread();
            _startTs = Stopwatch.GetTimestamp();
            return ValueTask.CompletedTask;
        }

        public void OnEvent(TimelineEvent e) => Events.Add(e);

        public void OnFrame()
        {
            long elapsed = Stopwatch.GetTimestamp() - _startTs;
            long bytes = GC.GetAllocatedBytesForCurrentThread() - _startBytes;
            // The template responder yields before it answers (as the model does), so a question's frame ends on
            // another thread: the thread's count then says nothing about the frame.
            bool counted = Environment.CurrentManagedThreadId == _thread;
            if (!counted)
            {
                bytes = 0;
                UncountedFrames++;
            }
            TotalBytes += bytes;
            if (Drive.Ticks != _ticksBefore)
            {
                int suggestions = 0, questions = 0, others = 0;
                for (int i = _eventsBefore; i < Events.Count; i++)
                {
                    switch (Events[i].Type)
                    {
                        case "suggestion": suggestions++; break;
                        case "question": questions++; break;
                        case "answer": break;
                        default: others++; break;
                    }
                }
                var slow = Triggers.Slowest();
                Ticks.Add(new TickSample(elapsed * 1000.0 / Stopwatch.Frequency, bytes, Drive.Seconds, (Drive.Trip?.Plans ?? 0) != _plansBefore,
                    suggestions, questions, others, GC.CollectionCount(0) - _gcBefore, slow?.Kind, slow?.Ms ?? 0, slow?.Bytes ?? 0, slow?.TotalMs ?? 0, counted));
                TickBytes += bytes;
                if (counted) CountedTicks++;
            }
            else if (Events.Count != _eventsBefore)
            {
                EventFrames++;
                EventFrameBytes += bytes;
            }
            else
            {
                QuietFrames++;
                QuietTimestampTicks += elapsed;
                QuietBytes += bytes;
                if (bytes > 0) QuietAllocatingFrames++;
            }
        }

        /// <summary>The percentiles, once the drive is over.</summary>
        public void Finish()
        {
            var ms = new List<double>(Ticks.Count);
            foreach (var t in Ticks) ms.Add(t.Ms);
            TickP50Ms = Percentile(ms, 0.5);
            TickP99Ms = Percentile(ms, 0.99);
        }
    }
}
