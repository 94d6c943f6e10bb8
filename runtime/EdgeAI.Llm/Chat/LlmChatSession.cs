using System.Runtime.CompilerServices;
using System.Text;
using EdgeAI.Inference.Providers;
using EdgeAI.Llm.Configuration;
using EdgeAI.Llm.Loading;
using EdgeAI.Llm.Tools;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace EdgeAI.Llm.Chat;

/// <summary>
/// A conversation with a Qwen model through ORT GenAI. One generator lives as long as the conversation, so its KV
/// cache is kept across turns: each turn renders and prefills only its own tokens (<see cref="QwenChatTemplate"/>).
/// <para>
/// Invariant: <see cref="Tokens"/> is the rendering of <see cref="History"/>; the generator holds a prefix of it
/// (<see cref="KvTokens"/>), the rest (the closing of the last answer) goes in with the next turn.
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

    /// <summary>Tokens a guided tool call may take even when answers are capped shorter: a cut call is useless.</summary>
    private const int GuidedCallMaxTokens = 256;

    private readonly LlmModel _model;
    private readonly LlmOptions _options;
    private readonly ToolRegistry? _tools;
    private readonly GeneratorParams _parameters;
    private readonly Generator _generator;
    private readonly SpecialTokens _special;
    private readonly TimeProvider _time;
    private readonly List<ChatEntry> _history = [];
    private readonly List<int> _entryStarts = [];
    private readonly StringBuilder _answer;
    private int[] _tokens;
    private int _count;
    private int _rendered;
    private bool _generatedLast;
    private int _busy;

    /// <summary>Starts a conversation: the system prompt, with the declarations of <paramref name="tools"/> when given.</summary>
    public LlmChatSession(LlmModel model, LlmOptions options, ToolRegistry? tools = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _model = model;
        _options = options;
        _tools = tools;
        _time = time ?? TimeProvider.System;
        _special = new SpecialTokens(model.Tokenizer, model.Info.EosTokenIds);
        KvBudgetBytes = (long)(options.KvBudgetMiB * 1024 * 1024);
        MaxLength = model.Info.MaxLengthFor(KvBudgetBytes);
        if (MaxLength <= options.MaxNewTokens)
        {
            throw new InvalidDataException(
                $"{LlmOptions.Section}:KvBudgetMiB={options.KvBudgetMiB}: holds {MaxLength} tokens of this model ({model.Info.KvBytesPerToken} B each), not even one answer of MaxNewTokens={options.MaxNewTokens}");
        }

        _tokens = new int[MaxLength + 8];
        // Sized once for a whole answer, so keeping its text for the history does not grow a buffer per token.
        _answer = new StringBuilder(options.MaxNewTokens * 8);
        _parameters = new GeneratorParams(model.Model);
        _parameters.SetSearchOption("max_length", MaxLength);
        _parameters.SetSearchOption("do_sample", options.DoSample);
        _parameters.SetSearchOption("temperature", options.Temperature);
        _parameters.SetSearchOption("top_p", options.TopP);
        _parameters.SetSearchOption("top_k", options.TopK);
        _parameters.SetSearchOption("repetition_penalty", options.RepetitionPenalty);
        if (options.Seed is { } seed)
        {
            _parameters.SetSearchOption("random_seed", seed);
        }

        _generator = new Generator(model.Model, _parameters);
        _history.Add(ChatEntry.System(options.SystemPrompt ?? DefaultSystemPrompt));
        Render();
        if (_count + options.MaxNewTokens >= MaxLength)
        {
            throw new InvalidDataException($"the system prompt and tool declarations take {_count} tokens; the KV budget holds {MaxLength}");
        }
    }

    /// <inheritdoc />
    public string Name => Path.GetFileName(_model.Info.Directory);

    /// <inheritdoc />
    public IReadOnlyList<ChatEntry> History => _history;

    /// <summary>The tools offered to the model; null when it has none.</summary>
    public ToolRegistry? Tools => _tools;

    /// <summary>The provider that runs the model.</summary>
    public ProviderChoice Provider => _model.Provider;

    /// <summary>Tokens the KV budget holds: GenAI's max_length for this conversation.</summary>
    public int MaxLength { get; }

    /// <summary>The KV budget in bytes.</summary>
    public long KvBudgetBytes { get; }

    /// <summary>Tokens in the generator (its KV cache).</summary>
    public int KvTokens => (int)_generator.TokenCount();

    /// <summary>KV cache bytes in use now.</summary>
    public long KvBytes => KvTokens * _model.Info.KvBytesPerToken;

    /// <summary>The rendering of <see cref="History"/>, token by token.</summary>
    public ReadOnlySpan<int> Tokens => _tokens.AsSpan(0, _count);

    /// <summary>The generator's own token sequence, to check it against <see cref="Tokens"/>.</summary>
    public ReadOnlySpan<int> GeneratorSequence => _generator.GetSequence(0);

    /// <inheritdoc />
    public IAsyncEnumerable<ChatEvent> SendAsync(string userMessage, CancellationToken cancellationToken = default) =>
        SendAsync(userMessage, ToolChoice.Auto, cancellationToken);

    /// <summary>
    /// <see cref="SendAsync(string, CancellationToken)"/>, with the model made to call a tool first when
    /// <paramref name="toolChoice"/> requires it (decoded under guidance: valid by construction).
    /// </summary>
    /// <exception cref="NotSupportedException">a tool call is required but the session has no tools, or this GenAI
    /// build has no guidance.</exception>
    public async IAsyncEnumerable<ChatEvent> SendAsync(string userMessage, ToolChoice toolChoice, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userMessage);
        if (toolChoice.Required && (_tools is null || !Guidance))
        {
            throw new NotSupportedException(_tools is null ? "a tool call is required but the session has no tools" : "a tool call is required but this ONNX Runtime GenAI build has no guidance");
        }

        string? guidedSchema = toolChoice.Required ? ToolCallSchema.For(_tools!, toolChoice.Name) : null;
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException("a turn is already streaming in this conversation");
        }

        try
        {
            await Task.CompletedTask.ConfigureAwait(false);
            long started = _time.GetTimestamp();
            var turn = new TurnCounters(_time);
            int[] user = Encode(QwenChatTemplate.User(userMessage));
            int[] prompt = Encode(QwenChatTemplate.AssistantPrompt(_options.Thinking));
            MakeRoom(user.Length + prompt.Length, protectFrom: _history.Count, turn);
            int turnStart = _history.Count;
            _history.Add(ChatEntry.User(userMessage));
            _entryStarts.Add(_count);
            Append(user);

            for (int round = 0; ; round++)
            {
                int answerStart = _count;
                Append(prompt);
                _answer.Clear();
                if (guidedSchema is not null)
                {
                    GuidedToolCall(guidedSchema, turn, started);
                    guidedSchema = null;
                }
                else
                {
                    Prefill(turn);
                    using TokenizerStream stream = _model.Tokenizer.CreateStream();
                    var router = new AnswerRouter(_special);
                    int firstNew = _count;
                    while (true)
                    {
                        if (cancellationToken.IsCancellationRequested)
                        {
                            turn.Interrupted = true;
                            break;
                        }

                        if (_count - firstNew >= _options.MaxNewTokens || _generator.IsDone())
                        {
                            turn.HitTokenLimit = true;
                            break;
                        }

                        int token = NextToken(turn, started);
                        TokenRoute route = router.Route(token, _count - 1);
                        if (route == TokenRoute.End)
                        {
                            break;
                        }

                        if (route == TokenRoute.Thinking)
                        {
                            continue;
                        }

                        string piece = stream.Decode(token);
                        if (piece.Length == 0)
                        {
                            continue;
                        }

                        _answer.Append(piece);
                        if (route == TokenRoute.Visible)
                        {
                            yield return ChatEvent.Token(piece);
                        }
                    }

                    if (router.ThinkSpan(_count) is { } think)
                    {
                        DropThinking(think.Start, think.End);
                    }
                }

                CloseAnswer();
                string answer = _answer.ToString();
                _history.Add(ChatEntry.Assistant(answer, turn.Interrupted));
                _entryStarts.Add(answerStart);
                if (turn.Interrupted || _tools is null || !answer.Contains(ToolCallParser.OpenTag, StringComparison.Ordinal))
                {
                    break;
                }

                ParsedAnswer parsed = ToolCallParser.Parse(answer);
                if (parsed.Calls.Count == 0 || round >= _options.MaxToolRounds)
                {
                    break;
                }

                var results = new List<ToolOutcome>(parsed.Calls.Count);
                foreach (ParsedToolCall call in parsed.Calls)
                {
                    yield return ChatEvent.ToolCall(call.Name ?? "", call.ArgumentsJson);
                    ToolOutcome outcome = _tools.Execute(call);
                    turn.ToolCalls++;
                    results.Add(outcome);
                    yield return ChatEvent.ToolResult(outcome.Name, outcome.ResultJson, outcome.IsError);
                }

                int[] toolResults = Encode(QwenChatTemplate.ToolResults(results.Select(r => r.ResultJson)));
                MakeRoom(toolResults.Length + prompt.Length, protectFrom: turnStart, turn);
                turnStart = _history.FindLastIndex(e => e.Role == ChatRole.User);
                foreach (ToolOutcome outcome in results)
                {
                    _history.Add(ChatEntry.Tool(outcome.Name, outcome.ResultJson));
                    _entryStarts.Add(_count);
                }

                Append(toolResults);

                // A call that failed validation is retried under the tools' schemas when the build can (bounded by MaxToolRounds).
                if (results.Any(r => r.IsError) && Guidance)
                {
                    guidedSchema = ToolCallSchema.For(_tools);
                }
            }

            yield return ChatEvent.Done(turn.ToMetrics(_count));
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>Whether this session decodes required and retried tool calls under GenAI's guidance.</summary>
    public bool Guidance => _options.ToolGuidance && _tools is not null && GuidanceSupport.IsAvailable(_model);

    /// <summary>Generates one token with the conversation's generator.</summary>
    private int NextToken(TurnCounters turn, long started)
    {
        long before = Stopwatch();
        _generator.GenerateNextToken();
        _generatedLast = true;
        int token = _generator.GetNextTokens()[0];
        turn.DecodeTicks += Stopwatch() - before;
        _tokens[_count++] = token;
        turn.CountNewToken(_time, started);
        return token;
    }

    /// <summary>
    /// Writes a tool call decoded under guidance: GenAI keeps a grammar for a generator's whole life, so a second
    /// generator with the schema prefills the conversation (counted as re-prefilled), writes the call's JSON, and the
    /// call's tokens join the conversation's own generator with the next prefill.
    /// </summary>
    private void GuidedToolCall(string schema, TurnCounters turn, long started)
    {
        int[] open = Encode(ToolCallParser.OpenTag + "\n");
        Append(open);
        using var parameters = new GeneratorParams(_model.Model);
        parameters.SetSearchOption("max_length", MaxLength);
        parameters.SetGuidance("json_schema", schema, false);
        using var guided = new Generator(_model.Model, parameters);
        long before = Stopwatch();
        guided.AppendTokens(_tokens.AsSpan(0, _count));
        turn.PrefillTicks += Stopwatch() - before;
        turn.ReprefilledTokens += _count;
        int jsonStart = _count;
        // Never past max_length, with room for the closing tags: near the budget a call may be cut (and then refused).
        int limit = Math.Min(Math.Max(_options.MaxNewTokens, GuidedCallMaxTokens), MaxLength - _count - 4);
        before = Stopwatch();
        while (!guided.IsDone() && _count - jsonStart < limit)
        {
            guided.GenerateNextToken();
            int token = guided.GetNextTokens()[0];
            if (_special.IsEnd(token))
            {
                break;
            }

            _tokens[_count++] = token;
            turn.CountNewToken(_time, started);
        }

        turn.DecodeTicks += Stopwatch() - before;
        string json = _model.Tokenizer.Decode(_tokens.AsSpan(jsonStart, _count - jsonStart));
        Append(Encode("\n" + ToolCallParser.CloseTag));
        _answer.Append(ToolCallParser.OpenTag).Append('\n').Append(json).Append('\n').Append(ToolCallParser.CloseTag);
    }

    /// <summary>
    /// Forgets the turn at <paramref name="entryIndex"/> (a user message) and everything after it; the KV cache is rewound
    /// to the tokens before it, so the next turn prefills only itself. For a cancelled or edited turn.
    /// </summary>
    public void RewindTo(int entryIndex)
    {
        if (entryIndex <= 0 || entryIndex >= _history.Count || _history[entryIndex].Role != ChatRole.User)
        {
            throw new ArgumentOutOfRangeException(nameof(entryIndex), entryIndex, "expected the index of a user message in History");
        }

        _count = _entryStarts[entryIndex];
        _history.RemoveRange(entryIndex, _history.Count - entryIndex);
        _entryStarts.RemoveRange(entryIndex, _entryStarts.Count - entryIndex);
        RewindGenerator(_count);
    }

    /// <inheritdoc />
    public void Reset()
    {
        if (_history.Count > 1)
        {
            RewindTo(1);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _generator.Dispose();
        _parameters.Dispose();
    }

    /// <summary>Feeds the tokens the generator has not seen yet.</summary>
    private void Prefill(TurnCounters turn)
    {
        RewindGenerator(_count);
        int kv = KvTokens;
        long before = Stopwatch();
        _generator.AppendTokens(_tokens.AsSpan(kv, _count - kv));
        turn.PrefillTicks += Stopwatch() - before;

        // History re-rendered after dropping old turns is counted apart from the turn's own new tokens.
        int again = Math.Max(0, _rendered - kv);
        turn.ReprefilledTokens += again;
        turn.PromptTokens += _count - kv - again;
        _rendered = 0;
    }

    /// <summary>
    /// Drops the oldest whole turns (after the system prompt, before <paramref name="protectFrom"/>) until the history,
    /// <paramref name="incoming"/> tokens and one full answer fit in max_length; the rest is prefilled once.
    /// </summary>
    private void MakeRoom(int incoming, int protectFrom, TurnCounters turn)
    {
        if (_count + incoming + _options.MaxNewTokens <= MaxLength)
        {
            return;
        }

        while (_count + incoming + _options.MaxNewTokens > MaxLength)
        {
            int next = _history.Count > 2 ? _history.FindIndex(2, e => e.Role == ChatRole.User) : -1;
            if (next < 0 || next > protectFrom)
            {
                next = protectFrom;
            }

            if (next <= 1)
            {
                throw new InvalidDataException(
                    $"the message needs {incoming} tokens plus {_options.MaxNewTokens} for the answer; the KV budget holds {MaxLength} with {_count} for the system prompt");
            }

            _history.RemoveRange(1, next - 1);
            protectFrom -= next - 1;
            turn.DroppedTurns++;
            Render();
        }

        RewindGenerator(0);
        _rendered = _count;
    }

    /// <summary>Renders <see cref="History"/> into <see cref="Tokens"/> from scratch (after old turns were dropped).</summary>
    private void Render()
    {
        _count = 0;
        _entryStarts.Clear();
        for (int i = 0; i < _history.Count; i++)
        {
            ChatEntry entry = _history[i];
            _entryStarts.Add(_count);
            switch (entry.Role)
            {
                case ChatRole.System:
                    Append(Encode(QwenChatTemplate.System(entry.Content, _tools?.Declarations ?? [])));
                    break;
                case ChatRole.User:
                    Append(Encode(QwenChatTemplate.User(entry.Content)));
                    break;
                case ChatRole.Assistant:
                    Append(Encode(QwenChatTemplate.Assistant(entry.Content, _options.Thinking)));
                    break;
                case ChatRole.Tool:
                    int last = i;
                    while (last + 1 < _history.Count && _history[last + 1].Role == ChatRole.Tool)
                    {
                        last++;
                        _entryStarts.Add(_entryStarts[i]);
                    }

                    Append(Encode(QwenChatTemplate.ToolResults(_history.Skip(i).Take(last - i + 1).Select(e => e.Content))));
                    i = last;
                    break;
            }
        }
    }

    /// <summary>Think blocks never enter the history: their tokens are cut and the KV cache rewound to the cut.</summary>
    private void DropThinking(int thinkStart, int thinkEnd)
    {
        int removed = thinkEnd - thinkStart;
        Array.Copy(_tokens, thinkEnd, _tokens, thinkStart, _count - thinkEnd);
        _count -= removed;
        RewindGenerator(thinkStart);
    }

    /// <summary>Closes the answer as the template does (&lt;|im_end|&gt; and a newline); the generator sees it with the next turn.</summary>
    private void CloseAnswer()
    {
        if (_count == 0 || _tokens[_count - 1] != _special.ImEnd)
        {
            _tokens[_count++] = _special.ImEnd;
        }

        _tokens[_count++] = _special.Newline;
    }

    /// <summary>
    /// Leaves the generator holding at most <paramref name="length"/> tokens, all with computed KV, so AppendTokens can
    /// go on from there. GenAI 0.18 counts the last generated token as cached though its KV is only computed by the
    /// next step (AppendTokens does not run it), and refuses a rewind by exactly one token: then it goes back two, and
    /// the next prefill feeds those tokens again from <see cref="Tokens"/>.
    /// </summary>
    private void RewindGenerator(int length)
    {
        int kv = KvTokens;
        int target = length;
        if (_generatedLast || length == kv - 1)
        {
            target = Math.Min(length, kv - 2);
        }

        if (target < kv)
        {
            _generator.RewindTo((ulong)Math.Max(0, target));
        }

        _generatedLast = false;
    }

    private void Append(ReadOnlySpan<int> tokens)
    {
        if (_count + tokens.Length > _tokens.Length)
        {
            Array.Resize(ref _tokens, Math.Max(_tokens.Length * 2, _count + tokens.Length));
        }

        tokens.CopyTo(_tokens.AsSpan(_count));
        _count += tokens.Length;
    }

    private int[] Encode(string text)
    {
        using Sequences sequences = _model.Tokenizer.Encode(text);
        return sequences[0].ToArray();
    }

    private long Stopwatch() => _time.GetTimestamp();
}
