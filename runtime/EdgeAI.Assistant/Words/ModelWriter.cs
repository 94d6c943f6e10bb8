using System.Text;
using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Llm.Chat;
using EdgeAI.Llm.Configuration;

namespace EdgeAI.Assistant.Words;

/// <summary>
/// Suggestions in the model's words, checked against their facts. For each proposal it renders the template
/// (<see cref="TemplateWriter"/>), asks the model to reword it from the grounding (<see cref="RephrasePrompt"/>), and
/// shows the model's text only when <see cref="GroundingCheck"/> passes it; otherwise the template's text is shown and
/// <see cref="Replaced"/> counts it, with <see cref="LastReason"/> saying why. A template that shows no Number, Name or
/// Time fact (a seat-belt warning) is never reworded: there is nothing to check a wording against, and safety words
/// stay fixed (<see cref="Verbatim"/>).
/// <para>
/// The conversation is reset before each suggestion, so one suggestion's words never leak into the next. The answer is
/// bounded three ways: <see cref="MaxNewTokens"/> text pieces, the length the check allows, and <see cref="Timeout"/>;
/// hitting any of them replaces the text. A failing model (an exception from the session) is counted and replaced too,
/// so the engine always gets a text.
/// </para>
/// <para>
/// <see cref="Write"/> is synchronous, as the engine is: it blocks its caller on the streamed answer (on a pool thread,
/// so a caller's synchronization context cannot deadlock it) for at most <see cref="Timeout"/> plus the time the
/// session takes to stop. The session must not be used by anything else meanwhile; the writer does not dispose it.
/// </para>
/// </summary>
public sealed class ModelWriter : ISuggestionWriter
{
    /// <summary>
    /// The default cap on the answer: a suggestion is one or two short sentences. The longest template text is 60 Qwen
    /// tokens (zh-CN parking.best_free; en charging.stop is 46), and a rewording is about as long.
    /// </summary>
    public const int DefaultMaxNewTokens = 80;

    private readonly IChatSession _session;
    private readonly TimeProvider _time;
    private long _rephrased;
    private long _replaced;
    private long _verbatim;
    private string? _lastReason;

    /// <summary>A writer that rewords with <paramref name="session"/>, whose system prompt must be <paramref name="prompt"/>'s
    /// (build it with <see cref="SessionOptions"/>).</summary>
    /// <exception cref="ArgumentException">the session has another system prompt, or the prompt and the templates are
    /// of different languages.</exception>
    public ModelWriter(IChatSession session, TemplateWriter templates, RephrasePrompt prompt, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(prompt);
        if (templates.Book.Language != prompt.Language)
        {
            throw new ArgumentException($"templates in {templates.Book.Language}, rephrase prompt in {prompt.Language}", nameof(prompt));
        }

        if (session.History is not [{ Role: ChatRole.System } system, ..] || system.Content != prompt.System)
        {
            throw new ArgumentException($"session {session.Name} does not have the rephrase.{prompt.Language}.txt system prompt: build it with ModelWriter.SessionOptions", nameof(session));
        }

        _session = session;
        _time = time ?? TimeProvider.System;
        Templates = templates;
        Prompt = prompt;
    }

    /// <summary>The templates: the text to reword, and the fallback.</summary>
    public TemplateWriter Templates { get; }

    /// <summary>The rephrase instructions.</summary>
    public RephrasePrompt Prompt { get; }

    /// <summary>Text pieces (each one token or more) after which the answer is stopped and replaced.</summary>
    public int MaxNewTokens { get; init; } = DefaultMaxNewTokens;

    /// <summary>Time after which the answer is stopped and replaced: a suggestion must not wait on the model.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Suggestions shown in the model's words (they passed the check).</summary>
    public long Rephrased => Interlocked.Read(ref _rephrased);

    /// <summary>Suggestions whose model text failed (the check, a bound, or the model) and were shown as the template.</summary>
    public long Replaced => Interlocked.Read(ref _replaced);

    /// <summary>Suggestions shown as the template without asking the model (no fact to check against).</summary>
    public long Verbatim => Interlocked.Read(ref _verbatim);

    /// <summary>Why the last replaced text was replaced ("number 42 km is not a fact"), or null before the first.</summary>
    public string? LastReason => Volatile.Read(ref _lastReason);

    /// <summary>
    /// Options for the session this writer uses: the rephrase system prompt, greedy decoding (the same facts give the
    /// same words), no thinking, no tools, <see cref="DefaultMaxNewTokens"/>; the model, KV budget and stream buffer
    /// of <paramref name="chat"/> when given.
    /// </summary>
    public static LlmOptions SessionOptions(RephrasePrompt prompt, LlmOptions? chat = null)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var options = new LlmOptions
        {
            SystemPrompt = prompt.System,
            MaxNewTokens = DefaultMaxNewTokens,
            Thinking = false,
            DoSample = false,
            ToolGuidance = false,
            MaxToolRounds = 0,
        };
        if (chat is not null)
        {
            options.Model = chat.Model;
            options.KvBudgetMiB = chat.KvBudgetMiB;
            options.StreamBuffer = chat.StreamBuffer;
        }

        return options;
    }

    /// <inheritdoc/>
    public string LastBy { get; private set; } = "templates";

    /// <inheritdoc/>
    public string Write(string kind, Proposal proposal, AssistantMoment moment)
    {
        LastBy = "templates";
        string template = Templates.Write(kind, proposal, moment);
        if (GroundingCheck.RequiredFacts(template, proposal) == 0)
        {
            Interlocked.Increment(ref _verbatim);
            return template;
        }

        bool moving = moment.MovingFasterThan(2);
        int limit = moving ? TemplateBook.MaxCharsWhileMoving : GroundingCheck.MaxCharsParked;
        string message = Prompt.Message(template, proposal.Facts);
        Answer answer;
        try
        {
            answer = Task.Run(() => AskAsync(message, limit)).GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            answer = new Answer("", $"the model failed: {e.GetType().Name}: {e.Message}");
        }

        GroundingVerdict verdict = answer.Failure is { } failure
            ? GroundingVerdict.Fail(failure)
            : GroundingCheck.Check(answer.Text, proposal, template, Prompt.Language, moving);
        if (verdict.Passed)
        {
            Interlocked.Increment(ref _rephrased);
            LastBy = "model";
            return answer.Text;
        }

        Interlocked.Increment(ref _replaced);
        Volatile.Write(ref _lastReason, verdict.Reason);
        return template;
    }

    private async Task<Answer> AskAsync(string message, int limit)
    {
        _session.Reset();
        using var stop = new CancellationTokenSource(Timeout, _time);
        var text = new StringBuilder(limit + 16);
        string? failure = null;
        int pieces = 0;
        TurnMetrics metrics = default;
        await foreach (ChatEvent e in _session.SendAsync(message, stop.Token).ConfigureAwait(false))
        {
            switch (e.Kind)
            {
                case ChatEventKind.Token when failure is null && !stop.IsCancellationRequested:
                    text.Append(e.Text);
                    if (++pieces > MaxNewTokens) failure = $"more than {MaxNewTokens} tokens";
                    else if (text.Length > limit + 2) failure = $"more than {limit} characters"; // + 2: quotes to strip
                    if (failure is not null) await stop.CancelAsync().ConfigureAwait(false);
                    break;
                case ChatEventKind.ToolCall when failure is null:
                    failure = $"asked for tool {e.Name}";
                    await stop.CancelAsync().ConfigureAwait(false);
                    break;
                case ChatEventKind.Done:
                    metrics = e.Metrics;
                    break;
            }
        }

        failure ??= stop.IsCancellationRequested ? $"no answer within {Timeout.TotalMilliseconds:0} ms"
            : metrics.HitTokenLimit ? "cut at the session's token limit"
            : null;
        return new Answer(Unquote(text.ToString().AsSpan().Trim()), failure);
    }

    /// <summary>The text without one pair of quotes around it, which models like to add.</summary>
    private static string Unquote(ReadOnlySpan<char> text)
    {
        if (text.Length >= 2 && (text[0], text[^1]) is ('"', '"') or ('“', '”') or ('\'', '\'') or ('‘', '’') or ('「', '」') or ('『', '』'))
        {
            text = text[1..^1].Trim();
        }

        return text.ToString();
    }

    private readonly record struct Answer(string Text, string? Failure);
}
