using System.Diagnostics;
using System.Globalization;
using EdgeAI.Drivers.Audio;
using EdgeAI.Drivers.Simulated;
using EdgeAI.Inference.Models;
using EdgeAI.Voice.Dialog;
using EdgeAI.Voice.Intents;
using EdgeAI.Voice.Pocketsphinx;
using EdgeAI.Voice.Recognition;
using EdgeAI.Voice.Vad;
using EdgeAI.Voice.Wake;

namespace EdgeAI.Cli.Bench;

/// <summary>
/// <c>edgeai bench voice</c>: the voice path's speed on in-car commands spoken by espeak-ng (<see cref="WakeTestSet"/>'s
/// voices and rates, clean and over car noise at 10 dB SNR), built in the run. Real-time factors of the VAD, the wake
/// detector and grammar-mode recognition with the bytes each allocates per 512-sample chunk; the end of speech to
/// transcript and intent latencies of the real <see cref="VoiceDialog"/>; and, next to pocketsphinx's own
/// <c>pocketsphinx_continuous</c> on the same WAV file with the same grammar and dictionary, our recognition in-process
/// (the wrapper's overhead) and <c>edgeai voice FILE --text-only</c> as a whole cold process.
/// </summary>
internal sealed class VoiceBench(CommandVocabulary vocabulary, int runs, TextWriter log)
{
    /// <summary>The engine's command-line tool.</summary>
    public const string PeerProgram = "pocketsphinx_continuous";

    /// <summary>The spoken commands: every one in the grammar, covering its intents.</summary>
    public static readonly IReadOnlyList<string> Commands =
    [
        "find parking", "where can i park", "find a charging station", "navigate to the nearest charger", "find an italian restaurant",
        "when will the light turn green", "how long until green", "set the temperature to twenty one degrees", "what is my range",
        "how far can i drive", "call anna", "cancel", "yes please", "what can you do",
    ];

    /// <summary>Samples <c>pocketsphinx_continuous -infile</c> reads and decodes at a time.</summary>
    public const int CliReadSamples = 2048;

    /// <summary>What was measured; figures as <see cref="BenchResult"/>s.</summary>
    public sealed record Result(double AudioSeconds, int Utterances, List<BenchResult> Figures);

    public Result Run()
    {
        if (Talker.MissingReason() is { } missing) throw new InvalidOperationException($"bench voice: {missing}");
        string dir = Path.Combine(Path.GetTempPath(), $"edgeai-voice-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        try
        {
            log.WriteLine($"bench voice: speaking {Commands.Count} commands x 2 (clean, 10 dB car noise) with espeak-ng in {dir}...");
            var (samples, spans) = WakeTestSet.SpokenCommands([.. Commands, .. Commands], WakeTestSet.Voices, [null, 10]);
            string corpus = Path.Combine(dir, "commands.wav"), silence = Path.Combine(dir, "silence.wav");
            EdgeAI.Drivers.Audio.Wav.WavFileSink.WriteAll(corpus, samples);
            EdgeAI.Drivers.Audio.Wav.WavFileSink.WriteAll(silence, new float[CarNoise.SampleRate]);
            double audio = samples.Length / (double)CarNoise.SampleRate;

            // The grammar and dictionary of `edgeai voice`, written out so that the CLI peer decodes with exactly ours.
            log.WriteLine("bench voice: the command grammar over the demo region's names, with its generated pronunciations...");
            string grammar = Path.Combine(dir, "commands.gram"), dictionary = Path.Combine(dir, "commands.dict");
            var options = new PocketsphinxRecognizerOptions();
            string jsgf = CommandGrammar.Build(options.Intents, vocabulary);
            File.WriteAllText(grammar, jsgf);
            using (var generated = PocketsphinxRecognizer.ForCommands(vocabulary, options))
                File.WriteAllLines(dictionary, [.. File.ReadLines(options.Model.Dictionary), .. generated.GeneratedPronunciations.Select(p => $"{p.Key} {p.Value}")]);
            var model = options.Model with { Dictionary = dictionary };
            var words = CommandGrammar.Words(options.Intents, vocabulary);
            // the written dictionary has every pronunciation: no espeak-ng run, the same work as the CLI's
            PocketsphinxRecognizer OpenRecognizer() => PocketsphinxRecognizer.ForGrammar(jsgf, words, options with { Model = model, GeneratePronunciations = false });

            var figures = new List<BenchResult>();
            figures.Add(MeasureVad(corpus, audio));
            figures.Add(MeasureWake(corpus, audio));
            figures.AddRange(MeasureRecognition(corpus, silence, grammar, dictionary, audio, OpenRecognizer));
            figures.AddRange(MeasureDialog(corpus, spans, OpenRecognizer));
            figures.Add(MeasureProcess(corpus, grammar, dictionary));
            return new Result(audio, spans.Count, figures);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private BenchResult MeasureVad(string corpus, double audio)
    {
        log.WriteLine("bench voice: Silero VAD over the commands...");
        using var vad = new VoiceActivityDetector(SileroVad.Load(new ModelCache()));
        var (seconds, bytes) = PerChunk(corpus, 2, () => vad.Reset(), (chunk, at) => vad.Process(chunk, at));
        return new BenchResult("voice: VAD real-time factor", "rtf", seconds / audio, bytes, null, null, null, null, LowerIsBetter: true)
        {
            Decimals = 4, Note = "Silero VAD v5 with the segmenter, per 512-sample chunk (best of 2 passes); B/item: bytes allocated per chunk",
        };
    }

    private BenchResult MeasureWake(string corpus, double audio)
    {
        log.WriteLine("bench voice: wake phrase over the commands...");
        using var wake = new PocketsphinxWakeDetector();
        var (seconds, bytes) = PerChunk(corpus, 2, wake.Reset, (chunk, _) => wake.Accept(chunk));
        return new BenchResult("voice: wake real-time factor", "rtf", seconds / audio, bytes, null, null, null, null, LowerIsBetter: true)
        {
            Decimals = 4, Note = $"pocketsphinx keyword spotting of \"{wake.Phrase}\" at {wake.Threshold:0e0}, per chunk (best of 2 passes); B/item: bytes per chunk",
        };
    }

    // Best wall seconds of `passes` passes of `step` over every chunk of the file, and the bytes the last pass allocated per chunk.
    private static (double Seconds, double BytesPerChunk) PerChunk(string wav, int passes, Action reset, Action<ReadOnlySpan<float>, EdgeAI.Audio.AudioChunk> step)
    {
        var chunks = Chunks(wav);
        double best = double.MaxValue, bytes = 0;
        for (int pass = 0; pass < passes; pass++)
        {
            reset();
            long before = GC.GetAllocatedBytesForCurrentThread();
            long started = Stopwatch.GetTimestamp();
            foreach (var (samples, chunk) in chunks) step(samples, chunk);
            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalSeconds);
            bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)chunks.Count;
        }
        return (best, bytes);
    }

    private static List<(float[] Samples, EdgeAI.Audio.AudioChunk Chunk)> Chunks(string wav)
    {
        var list = new List<(float[], EdgeAI.Audio.AudioChunk)>();
        using var source = AudioFileSource.OpenWav(wav);
        while (true)
        {
            var buffer = new float[source.ChunkSamples];
            var chunk = source.Read(buffer);
            if (chunk.IsEnd) return list;
            list.Add((chunk.Count == buffer.Length ? buffer : buffer[..chunk.Count], chunk));
        }
    }

    /// <summary>
    /// Grammar-mode recognition the way <c>pocketsphinx_continuous -infile</c> decodes a file (pocketsphinx's own voice
    /// detector ends each utterance), in-process through our binding and as the CLI, alternately, on the same WAV with the
    /// same grammar and dictionary: load + read + decode against the CLI's whole process.
    /// </summary>
    private IEnumerable<BenchResult> MeasureRecognition(string corpus, string silence, string grammar, string dictionary, double audio,
        Func<PocketsphinxRecognizer> open)
    {
        log.WriteLine($"bench voice: recognition in-process and {PeerProgram}, alternately, {runs} runs each...");
        string[] peerArgs(string wav) => PeerArguments(wav, grammar, dictionary);
        var ours = new List<double>();
        var oursDecode = new List<double>();
        var theirs = new List<double>();
        var theirsFixed = new List<double>();
        List<string> ourText = [], peerText = [];
        double bytes = 0;
        string? problem = PeerTools.Missing(PeerProgram, "pocketsphinx");
        for (int run = 0; run < runs; run++)
        {
            long started = Stopwatch.GetTimestamp();
            using (var recognizer = open())
            {
                long decodeFrom = Stopwatch.GetTimestamp();
                (ourText, bytes) = DecodeContinuously(recognizer, corpus);
                oursDecode.Add(Stopwatch.GetElapsedTime(decodeFrom).TotalSeconds);
            }
            ours.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            if (problem is not null) continue;
            started = Stopwatch.GetTimestamp();
            peerText = RunPeer(peerArgs(corpus));
            theirs.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            started = Stopwatch.GetTimestamp();
            RunPeer(peerArgs(silence));
            theirsFixed.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        double oursS = Median(ours), decodeS = Median(oursDecode);
        double? peerS = problem is null ? Median(theirs) : null, peerFixedS = problem is null ? Median(theirsFixed) : null;
        int agree = peerS is null ? 0 : Agreement(ourText, peerText);
        string goal = peerS is { } p ? string.Format(CultureInfo.InvariantCulture, "overhead {0:+0.0;-0.0} %, goal <= 5 %: {1}", 100 * (oursS / p - 1), oursS <= 1.05 * p ? "met" : "NOT met") : "no peer";
        yield return new BenchResult("voice: recognition real-time factor", "rtf", decodeS / audio, bytes, null, PeerProgram + " (decode: process less its run on 1 s of silence)",
            peerS is { } ps && peerFixedS is { } pf ? Math.Max(1e-6, ps - pf) / audio : null, problem, LowerIsBetter: true)
        {
            Decimals = 4, Note = $"grammar mode (the intents and the demo region's {vocabulary.Places.Count} places) decoding as the CLI does, median of {runs}; decoded in the CLI's reads of {CliReadSamples} samples; B/item: bytes per read, utterance ends included",
        };
        yield return new BenchResult("voice: recognition load+decode vs CLI process", "s", oursS, null, null, PeerProgram + " -infile -jsgf -dict (process)", peerS, problem, LowerIsBetter: true)
        {
            Decimals = 3,
            Note = string.Format(CultureInfo.InvariantCulture, "{0}; same WAV, grammar and dictionary, median of {1}, alternately; its fixed cost (1 s of silence) {2:F3} s; utterances: ours {3}, its {4}, same text {5}",
                goal, runs, peerFixedS ?? double.NaN, ourText.Count, peerText.Count, agree),
        };
    }

    // pocketsphinx_continuous's loop: feed, and when pocketsphinx's voice detector leaves speech, end the utterance and take its words.
    private static (List<string> Texts, double BytesPerChunk) DecodeContinuously(PocketsphinxRecognizer recognizer, string wav)
    {
        var texts = new List<string>();
        // the CLI's reads: 2048 samples at a time (the dialog's 512-sample chunks are timed in the real-time factors above)
        using var source = AudioFileSource.OpenWav(wav, chunkSamples: CliReadSamples);
        var buffer = new float[source.ChunkSamples];
        long chunks = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        bool started = false;
        recognizer.Begin();
        while (true)
        {
            var chunk = source.Read(buffer);
            if (chunk.IsEnd) break;
            chunks++;
            recognizer.Accept(buffer.AsSpan(0, chunk.Count));
            bool inSpeech = recognizer.Decoder.InSpeech;
            if (inSpeech) started = true;
            else if (started)
            {
                var transcript = recognizer.End();
                if (!transcript.IsEmpty) texts.Add(transcript.Text);
                recognizer.Begin();
                started = false;
            }
        }
        long total = GC.GetAllocatedBytesForCurrentThread() - before;
        var last = recognizer.End();
        if (started && !last.IsEmpty) texts.Add(last.Text);
        return (texts, total / (double)Math.Max(1, chunks));
    }

    private static int Agreement(List<string> ours, List<string> theirs)
    {
        var left = theirs.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        int same = 0;
        foreach (string t in ours)
            if (left.TryGetValue(t, out int n) && n > 0)
            {
                left[t] = n - 1;
                same++;
            }
        return same;
    }

    /// <summary>The real dialog (VAD, recognizer, parser; no answer) over the file: the end of speech to transcript and intent.</summary>
    private IEnumerable<BenchResult> MeasureDialog(string corpus, List<SpokenSpan> spans, Func<PocketsphinxRecognizer> open)
    {
        log.WriteLine("bench voice: the dialog over the commands (VAD -> end of speech -> transcript -> intent)...");
        using var vad = new VoiceActivityDetector(SileroVad.Load(new ModelCache()));
        using var recognizer = open();
        var parser = new IntentParser(vocabulary);
        List<double> toTranscript = [], toIntent = [], decision = [];
        int exact = 0, heard = 0;
        double hangover = 0;
        long decidedAt = 0;
        void OnEvent(VoiceEvent e)
        {
            if (e.Type == VoiceEventType.SpeechEnd)
            {
                decidedAt = Stopwatch.GetTimestamp();
                hangover = (e.AtS - e.SpeechEndS!.Value) * 1000;
            }
            else if (e.Type == VoiceEventType.Transcript)
            {
                heard++;
                toTranscript.Add(hangover + e.LatencyMs!.Value);
                decision.Add(e.LatencyMs!.Value);
                double endS = e.AtS;
                if (spans.Any(s => s.Text == e.Text && endS >= s.Start / (double)CarNoise.SampleRate && endS <= s.End / (double)CarNoise.SampleRate + 1.5)) exact++;
            }
            else if (e.Type == VoiceEventType.Intent)
                toIntent.Add(hangover + Stopwatch.GetElapsedTime(decidedAt).TotalMilliseconds);
        }
        using (var source = AudioFileSource.OpenWav(corpus))
        {
            var dialog = new VoiceDialog(source, vad, recognizer, parser, new SilentAnswerer(), OnEvent);
            dialog.RunAsync().GetAwaiter().GetResult();
        }
        string note = $"{heard} transcripts of {spans.Count} utterances, {exact} exact; the VAD's hangover (MinSilenceMs) is part of it: decision -> transcript alone p50 {AssistantBench.Percentile(decision, 0.5):F1} ms, p99 {AssistantBench.Percentile(decision, 0.99):F1} ms";
        yield return Latency("voice: end of speech -> transcript p50", AssistantBench.Percentile(toTranscript, 0.5), note);
        yield return Latency("voice: end of speech -> transcript p99", AssistantBench.Percentile(toTranscript, 0.99), note);
        string goal = AssistantBench.Percentile(toIntent, 0.5) <= 300 ? "met" : "NOT met";
        yield return Latency("voice: end of speech -> intent p50", AssistantBench.Percentile(toIntent, 0.5), $"goal <= 300 ms: {goal}");
        yield return Latency("voice: end of speech -> intent p99", AssistantBench.Percentile(toIntent, 0.99), $"over {toIntent.Count} intents");
    }

    private static BenchResult Latency(string name, double ms, string note) =>
        new(name, "ms", ms, null, null, null, null, null, LowerIsBetter: true) { Decimals = 1, Note = note };

    /// <summary><c>edgeai voice FILE --text-only</c> against the CLI, both whole processes started cold, on the same file.</summary>
    private BenchResult MeasureProcess(string corpus, string grammar, string dictionary)
    {
        log.WriteLine($"bench voice: edgeai voice --text-only and {PeerProgram} as cold processes, {runs} runs each...");
        var (program, prefix) = PeerTools.Self;
        double ours = PeerTools.MedianProgram(program, [.. prefix, "voice", corpus, "--text-only"], runs, out string? oursProblem)
            ?? throw new InvalidOperationException($"bench voice: edgeai voice failed: {oursProblem}");
        double? theirs = PeerTools.MedianProgram(PeerProgram, PeerArguments(corpus, grammar, dictionary), runs, out string? problem);
        return new BenchResult("process: voice FILE --text-only", "s", ours, null, null, PeerProgram + " (process)", theirs, problem, LowerIsBetter: true)
        {
            Decimals = 3,
            Note = "whole processes, median of " + runs + "; edgeai also loads the region's map, builds the grammar (espeak-ng pronunciations), runs Silero and answers every command from the templates",
        };
    }

    // The CLI on the same grammar and dictionary with the recognizer's own pocketsphinx options (its word-exit beam).
    private static string[] PeerArguments(string wav, string grammar, string dictionary) =>
        ["-infile", wav, "-jsgf", grammar, "-dict", dictionary, "-logfn", "/dev/null",
            .. new PocketsphinxRecognizerOptions().Arguments.SelectMany(a => new[] { "-" + a.Key, a.Value })];

    // The CLI's hypotheses, one line per utterance.

    private static List<string> RunPeer(string[] args)
    {
        var info = new ProcessStartInfo(PeerProgram) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        while (process.StandardOutput.ReadLine() is { } line)
            if (line.Trim().Length > 0) lines.Add(string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Contains('(') ? w[..w.IndexOf('(')] : w)).ToLowerInvariant());
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{PeerProgram} exited {process.ExitCode}: {stderr.Result.Trim()}");
        return lines;
    }

    /// <summary>The figures as a table: value, unit, bytes per chunk, the peer and the ratio (peer over ours: above 1, ours is faster), and each note.</summary>
    public static void WriteTable(TextWriter o, Result r)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        o.WriteLine(string.Format(inv, "{0} in-car commands spoken by espeak-ng ({1} voices, 130-190 wpm, clean and at 10 dB SNR car noise): {2:F1} s of audio", r.Utterances, WakeTestSet.Voices.Count, r.AudioSeconds));
        int width = r.Figures.Max(f => f.Name.Length);
        o.WriteLine(string.Format(inv, "{0} {1,10} {2,-4} {3,8}  {4,10}  {5}", "figure".PadRight(width), "value", "unit", "B/chunk", "peer", "ratio"));
        foreach (var f in r.Figures)
            o.WriteLine(string.Format(inv, "{0} {1,10} {2,-4} {3,8}  {4,10}  {5}", f.Name.PadRight(width), f.Value.ToString("F" + (f.Decimals ?? 1), inv), f.Unit,
                f.BytesPerItem is { } b ? b.ToString("F1", inv) : "-", f.PeerValue is { } pv ? pv.ToString("F" + (f.Decimals ?? 1), inv) : f.PeerProblem is null ? "-" : "(" + f.PeerProblem + ")",
                f.Ratio is { } x ? x.ToString("F2", inv) + "x" : "-"));
        foreach (var f in r.Figures)
        {
            if (f.Peer is { } peer) o.WriteLine($"- {f.Name}: peer {peer}");
            if (f.Note is { } note) o.WriteLine($"- {f.Name}: {note}");
        }
    }

    private static double Median(List<double> values) => AssistantBench.Percentile(values, 0.5);
}
