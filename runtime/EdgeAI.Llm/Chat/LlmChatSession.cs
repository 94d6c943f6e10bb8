using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using EdgeAI.Inference.Providers;
using EdgeAI.Llm.Chat.Budget;
using EdgeAI.Llm.Chat.Conversation;
using EdgeAI.Llm.Chat.Guidance;
using EdgeAI.Llm.Chat.Streaming;
using EdgeAI.Llm.Chat.Turns;
using EdgeAI.Llm.Configuration;
using EdgeAI.Llm.Loading;
using EdgeAI.Llm.Tools;

namespace EdgeAI.Llm.Chat;

/// <summary>
/// A conversation with a Qwen model through ORT GenAI. One generator lives as long as the conversation, so its KV
/// cache is kept across turns: each turn renders and prefills only its own tokens (<see cref="QwenChatTemplate"/>).
/// <para>
/// Each turn runs on its own task and streams its events through a bounded channel (<see cref="LlmOptions.StreamBuffer"/>):
/// the reader of <see cref="SendAsync(string, ToolChoice, CancellationToken)"/> never runs the model, and a slow reader
/// holds the model back rather than lose events. Cancelling stops the model before its next token; the answer keeps
/// exactly the pieces the reader was given.
/// </para>
/// <para>
/// Invariant: <see cref="Tokens"/> is the rendering of <see cref="History"/>; the generator holds a prefix of it
/// (<see cref="KvTokens"/>), the rest (the closing of the last answer) goes in with the next turn. Read them between
/// turns: during one they belong to the generation task.
/// </para>
/// <para>
/// Memory: a hard KV budget sets max_length (<see cref="LlmModelInfo.MaxLengthFor"/>). When a turn would not fit,
/// the oldest turns are dropped (the system prompt and tool declarations stay) and the rest is prefilled once.
/// </para>
/// </summary>
public sealed class LlmChatSession : IChatSession
{
    /// <summary>The system prompt when none is configured.</summary>
    public const string DefaultSystemPrompt =
        "You are EdgeAI, the assistant in this car. The driver is driving: answer in one or two short sentences. " +
        "Use the tools for anything about the vehicle and never guess a value.";

    private readonly LlmModel _model;
    private readonly LlmOptions _options;
    private readonly KvBudget _budget;
    private readonly RenderedConversation _conversation;
    private readonly AnswerDecoder _decoder;
    private readonly ToolLoop _loop;
    private readonly ChatEventChannel _events;
    private Task _turn = Task.CompletedTask;
    private int _busy;
    private bool _disposed;

    /// <summary>Starts a conversation: the system prompt, with the declarations of <paramref name="tools"/> when given.</summary>
    public LlmChatSession(LlmModel model, LlmOptions options, ToolRegistry? tools = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _model = model;
        _options = options;
        Tools = tools;
        time ??= TimeProvider.System;
        var special = new SpecialTokens(model.Tokenizer, model.Info.EosTokenIds);
        _budget = new KvBudget(model.Info, options);
        _conversation = new RenderedConversation(model, options, tools, special, _budget.MaxLength, options.SystemPrompt ?? DefaultSystemPrompt);
        try
        {
            _budget.CheckSystemPrompt(_conversation.Count);
        }
        catch
        {
            _conversation.Dispose();
            throw;
        }

        _decoder = new AnswerDecoder(special, options.MaxNewTokens, time);
        var guided = new GuidedToolCallDecoder(model, options, special, _budget.MaxLength, time);
        _loop = new ToolLoop(_conversation, _budget, _decoder, guided, tools, options, time, () => Guidance);
        _events = new ChatEventChannel(options.StreamBuffer);
    }

    /// <inheritdoc />
    public string Name => Path.GetFileName(_model.Info.Directory);

    /// <inheritdoc />
    public IReadOnlyList<ChatEntry> History => _conversation.History;

    /// <summary>The tools offered to the model; null when it has none.</summary>
    public ToolRegistry? Tools { get; }

    /// <summary>The provider that runs the model.</summary>
    public ProviderChoice Provider => _model.Provider;

    /// <summary>Tokens the KV budget holds: GenAI's max_length for this conversation.</summary>
    public int MaxLength => _budget.MaxLength;

    /// <summary>The KV budget in bytes.</summary>
    public long KvBudgetBytes => _budget.Bytes;

    /// <summary>Tokens in the generator (its KV cache).</summary>
    public int KvTokens => _conversation.KvTokens;

    /// <summary>KV cache bytes in use now.</summary>
    public long KvBytes => KvTokens * _model.Info.KvBytesPerToken;

    /// <summary>The rendering of <see cref="History"/>, token by token.</summary>
    public ReadOnlySpan<int> Tokens => _conversation.Tokens;

    /// <summary>The generator's own token sequence, to check it against <see cref="Tokens"/>.</summary>
    public ReadOnlySpan<int> GeneratorSequence => _conversation.GeneratorSequence;

    /// <summary>Whether this session decodes required and retried tool calls under GenAI's guidance.</summary>
    public bool Guidance => _options.ToolGuidance && Tools is not null && GuidanceSupport.IsAvailable(_model);

    /// <summary>Tokens the model generated over the session's life, read from any thread (tests: barge-in stops within one).</summary>
    internal long GeneratedTokens => _decoder.Generated;

    /// <summary>Events the generation wrote to the channel over the session's life (tests: the bound, nothing dropped).</summary>
    internal long StreamedEvents => _events.Written;

    /// <summary>Events waiting for the reader now.</summary>
    internal int BufferedEvents => _events.Buffered;

    /// <inheritdoc />
    public IAsyncEnumerable<ChatEvent> SendAsync(string userMessage, CancellationToken cancellationToken = default) =>
        SendAsync(userMessage, ToolChoice.Auto, cancellationToken);

    /// <summary>
    /// <see cref="SendAsync(string, CancellationToken)"/>, with the model made to call a tool first when
    /// <paramref name="toolChoice"/> requires it (decoded under guidance: valid by construction).
    /// <para>
    /// The turn starts on its own task at the first MoveNextAsync. Leaving the stream early (break, dispose) counts as
    /// a barge-in: the model stops before its next token and disposing waits for that, so the session is free again
    /// when it returns.
    /// </para>
    /// </summary>
    /// <exception cref="NotSupportedException">a tool call is required but the session has no tools, or this GenAI
    /// build has no guidance.</exception>
    /// <exception cref="InvalidOperationException">another turn is streaming in this conversation.</exception>
    public async IAsyncEnumerable<ChatEvent> SendAsync(string userMessage, ToolChoice toolChoice, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userMessage);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (toolChoice.Required && (Tools is null || !Guidance))
        {
            throw new NotSupportedException(Tools is null ? "a tool call is required but the session has no tools" : "a tool call is required but this ONNX Runtime GenAI build has no guidance");
        }

        string? guidedSchema = toolChoice.Required ? ToolCallSchema.For(Tools!, toolChoice.Name) : null;
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException("a turn is already streaming in this conversation");
        }

        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _events.Closing);
        AnswerCut delivered = AnswerCut.None;
        bool ended = false;
        try
        {
            // Returns at once: the turn moves to a thread of its own (GenerationThread) before it touches the model.
            Volatile.Write(ref _turn, _loop.RunAsync(userMessage, guidedSchema, _events, stop.Token));
            while (!ended)
            {
                if (!_events.TryRead(out StreamItem item))
                {
                    if (!await _events.WaitToReadAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    continue;
                }

                if (item.EndsAnswer)
                {
                    // The cut is decided here, where the reader is: a barge-in keeps what it was given, no more.
                    _events.Acknowledge(delivered with { Interrupted = cancellationToken.IsCancellationRequested });
                    delivered = AnswerCut.None;
                    continue;
                }

                if (item.Failure is { } failure)
                {
                    ended = true;
                    failure.Throw();
                }

                ChatEvent e = item.Event;
                if (e.Kind == ChatEventKind.Token)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        continue;
                    }

                    delivered = AnswerCut.After(item);
                }

                ended = e.Kind == ChatEventKind.Done;
                yield return e;
            }
        }
        finally
        {
            ExceptionDispatchInfo? failure = ended ? null : await AbandonAsync(stop, delivered).ConfigureAwait(false);
            await _turn.ConfigureAwait(false);
            stop.Dispose();
            Volatile.Write(ref _busy, 0);

            // A failure after the reader left is still the caller's to see, once the session is free again.
            failure?.Throw();
        }
    }

    /// <summary>
    /// Forgets the turn at <paramref name="entryIndex"/> (a user message) and everything after it; the KV cache is rewound
    /// to the tokens before it, so the next turn prefills only itself. For a cancelled or edited turn.
    /// </summary>
    /// <exception cref="InvalidOperationException">a turn is streaming.</exception>
    public void RewindTo(int entryIndex)
    {
        IReadOnlyList<ChatEntry> history = _conversation.History;
        if (entryIndex <= 0 || entryIndex >= history.Count || history[entryIndex].Role != ChatRole.User)
        {
            throw new ArgumentOutOfRangeException(nameof(entryIndex), entryIndex, "expected the index of a user message in History");
        }

        if (Volatile.Read(ref _busy) != 0)
        {
            throw new InvalidOperationException("a turn is streaming in this conversation; rewind after it ends");
        }

        _conversation.RewindTo(entryIndex);
    }

    /// <inheritdoc />
    public void Reset()
    {
        if (_conversation.History.Count > 1)
        {
            RewindTo(1);
        }
    }

    /// <summary>Stops a turn in flight (its stream ends without Done) and frees the generator.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _events.Close();
        Volatile.Read(ref _turn).GetAwaiter().GetResult();
        _events.Dispose();
        _conversation.Dispose();
    }

    /// <summary>
    /// The reader left before Done: the model stops before its next token, and the rest of the turn is read and dropped
    /// here, answering the answer's end with what the reader was given, so the history is whole when this returns.
    /// </summary>
    private async Task<ExceptionDispatchInfo?> AbandonAsync(CancellationTokenSource stop, AnswerCut delivered)
    {
        await stop.CancelAsync().ConfigureAwait(false);
        while (true)
        {
            if (!_events.TryRead(out StreamItem item))
            {
                if (!await _events.WaitToReadAsync().ConfigureAwait(false))
                {
                    return null;
                }

                continue;
            }

            if (item.EndsAnswer)
            {
                _events.Acknowledge(delivered with { Interrupted = true });
                delivered = AnswerCut.None;
            }
            else if (item.Failure is not null || item.Event.Kind == ChatEventKind.Done)
            {
                return item.Failure;
            }
        }
    }
}
