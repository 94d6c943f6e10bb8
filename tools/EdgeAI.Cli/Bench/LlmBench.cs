using System.Diagnostics;
using EdgeAI.Llm.Chat;
using EdgeAI.Llm.Configuration;
using EdgeAI.Llm.Loading;
using EdgeAI.Llm.Tools;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace EdgeAI.Cli.Bench;

/// <summary>
/// <c>edgeai bench llm</c>: one user turn (system prompt with the vehicle tools, a question, a fixed number of new
/// tokens, greedy) through EdgeAI's session and through a bare ORT GenAI loop on the same tokens in the same run
/// (Encode, AppendTokens, GenerateNextToken, GetNextTokens, TokenizerStream.Decode: what GenAI's samples do), runs
/// interleaved, medians compared. Then a second turn: EdgeAI prefills only the new turn, against re-prefilling the
/// whole conversation (what a loop that re-renders the chat template each turn does).
/// </summary>
internal sealed class LlmBench(LlmModel model, ToolRegistry tools, int newTokens, int repeat, TextWriter log)
{
    private const string Question = "How far can I drive before I need to charge, and is the cabin warm enough?";
    private const string FollowUp = "Thanks. Where are we right now?";

    public LlmFigures Run()
    {
        var options = new LlmOptions { MaxNewTokens = newTokens, KvBudgetMiB = 64 };
        var edge = new List<Sample>();
        var bare = new List<Sample>();
        var reuse = new List<(double EdgeMs, int EdgeTokens, double FullMs, int FullTokens)>();
        Sample warm = EdgeTurn(options, out _);
        log.WriteLine($"bench llm: warm-up {warm.NewTokens} tokens; {repeat} runs each, interleaved");
        long kvBytes = 0;
        int maxLength = 0;
        for (int i = 0; i < repeat; i++)
        {
            edge.Add(EdgeTurn(options, out LlmChatSession? kept));
            using (kept)
            {
                kvBytes = kept!.KvBytes;
                maxLength = kept.MaxLength;
                reuse.Add(SecondTurn(kept));
            }

            bare.Add(BareTurn(options));
        }

        return new LlmFigures(
            Median(edge),
            Median(bare),
            Med(reuse.Select(r => r.EdgeMs)),
            (int)Med(reuse.Select(r => (double)r.EdgeTokens)),
            Med(reuse.Select(r => r.FullMs)),
            (int)Med(reuse.Select(r => (double)r.FullTokens)),
            kvBytes,
            (long)(options.KvBudgetMiB * 1024 * 1024),
            maxLength,
            model.Info.KvBytesPerToken,
            PeakResidentBytes());
    }

    /// <summary>EdgeAI: a fresh session (its generator and the system prompt's rendering are timed too) and one turn.</summary>
    private Sample EdgeTurn(LlmOptions options, out LlmChatSession session)
    {
        long start = Stopwatch.GetTimestamp();
        session = new LlmChatSession(model, options, tools);
        long decodeStart = 0;
        long decodeAllocated = 0;
        int tokens = 0;
        TurnMetrics metrics = Drain(session.SendAsync(Question), e =>
        {
            if (e.Kind == ChatEventKind.Token && ++tokens == 1)
            {
                decodeStart = Stopwatch.GetTimestamp();
                decodeAllocated = AllocatedBytes();
            }
        });
        long end = Stopwatch.GetTimestamp();
        double bytesPerToken = (AllocatedBytes() - decodeAllocated) / (double)Math.Max(1, metrics.NewTokens - 1);
        return new Sample(Ms(start, end), metrics.TimeToFirstTokenMs, metrics.PrefillMs, Ms(decodeStart, end), metrics.PromptTokens, metrics.NewTokens, bytesPerToken);
    }

    /// <summary>The bare GenAI loop on the same prompt text: encode, append, generate and decode each token.</summary>
    private Sample BareTurn(LlmOptions options)
    {
        string prompt = QwenChatTemplate.System(LlmChatSession.DefaultSystemPrompt, tools.Declarations)
            + QwenChatTemplate.User(Question) + QwenChatTemplate.AssistantPrompt(thinking: false);
        long start = Stopwatch.GetTimestamp();
        using var parameters = new GeneratorParams(model.Model);
        parameters.SetSearchOption("max_length", model.Info.MaxLengthFor((long)(options.KvBudgetMiB * 1024 * 1024)));
        using var generator = new Generator(model.Model, parameters);
        using Sequences sequences = model.Tokenizer.Encode(prompt);
        int promptTokens = sequences[0].Length;
        generator.AppendTokens(sequences[0]);
        long prefilled = Stopwatch.GetTimestamp();
        using TokenizerStream stream = model.Tokenizer.CreateStream();
        long firstToken = 0;
        long decodeAllocated = 0;
        int tokens = 0;
        long sink = 0;
        while (!generator.IsDone() && tokens < newTokens)
        {
            generator.GenerateNextToken();
            int token = generator.GetNextTokens()[0];
            tokens++;
            if (tokens == 1)
            {
                firstToken = Stopwatch.GetTimestamp();
                decodeAllocated = AllocatedBytes();
            }

            if (token == 151645) break;
            sink += stream.Decode(token).Length;
        }

        long end = Stopwatch.GetTimestamp();
        double bytesPerToken = (AllocatedBytes() - decodeAllocated) / (double)Math.Max(1, tokens - 1);
        GC.KeepAlive(sink);
        return new Sample(Ms(start, end), Ms(start, firstToken), Ms(start, prefilled), Ms(firstToken, end), promptTokens, tokens, bytesPerToken);
    }

    /// <summary>Turn two: EdgeAI's prefill (the new turn only) against prefilling the whole conversation again.</summary>
    private (double EdgeMs, int EdgeTokens, double FullMs, int FullTokens) SecondTurn(LlmChatSession session)
    {
        TurnMetrics metrics = Drain(session.SendAsync(FollowUp));
        int full = session.Tokens.Length - metrics.NewTokens - 2;
        using var parameters = new GeneratorParams(model.Model);
        parameters.SetSearchOption("max_length", session.MaxLength);
        using var generator = new Generator(model.Model, parameters);
        long start = Stopwatch.GetTimestamp();
        generator.AppendTokens(session.Tokens[..full]);
        double fullMs = Ms(start, Stopwatch.GetTimestamp());
        return (metrics.PrefillMs, metrics.PromptTokens, fullMs, full);
    }

    /// <summary>
    /// Runs a turn to its end and returns its figures. The session generates on its own task; the events are read as
    /// they come on pool threads (as an app without a UI context would) while this thread waits for the turn's end.
    /// </summary>
    private static TurnMetrics Drain(IAsyncEnumerable<ChatEvent> events, Action<ChatEvent>? each = null) =>
        DrainAsync(events, each).GetAwaiter().GetResult();

    private static async Task<TurnMetrics> DrainAsync(IAsyncEnumerable<ChatEvent> events, Action<ChatEvent>? each)
    {
        TurnMetrics metrics = default;
        await foreach (ChatEvent e in events.ConfigureAwait(false))
        {
            each?.Invoke(e);
            if (e.Kind == ChatEventKind.Done) metrics = e.Metrics;
        }

        return metrics;
    }

    /// <summary>Bytes allocated by every thread: EdgeAI generates on a task of its own, the bare loop on this thread.</summary>
    private static long AllocatedBytes() => GC.GetTotalAllocatedBytes(precise: true);

    private static Sample Median(List<Sample> samples) => new(
        Med(samples.Select(s => s.TotalMs)), Med(samples.Select(s => s.FirstTokenMs)), Med(samples.Select(s => s.PrefillMs)),
        Med(samples.Select(s => s.DecodeMs)), samples[0].PromptTokens, samples[0].NewTokens, Med(samples.Select(s => s.BytesPerToken)));

    private static double Med(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }

    private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    private static long PeakResidentBytes()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    /// <summary>One measured turn.</summary>
    internal readonly record struct Sample(double TotalMs, double FirstTokenMs, double PrefillMs, double DecodeMs, int PromptTokens, int NewTokens, double BytesPerToken)
    {
        public double DecodeTokensPerSecond => NewTokens > 1 && DecodeMs > 0 ? (NewTokens - 1) * 1000.0 / DecodeMs : 0;

        public double PrefillTokensPerSecond => PrefillMs > 0 ? PromptTokens * 1000.0 / PrefillMs : 0;
    }
}
