using EdgeAI.Llm.Configuration;
using EdgeAI.Llm.Loading;
using EdgeAI.Llm.Tools;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace EdgeAI.Llm.Chat.Conversation;

/// <summary>
/// The conversation's history, its rendering token by token (<see cref="Tokens"/>), and the one GenAI generator that
/// holds a prefix of that rendering in its KV cache. Every change to the history goes through here, so the three
/// never disagree: the generator's sequence is a prefix of <see cref="Tokens"/>, at most a few closing tokens behind.
/// Used by one thread at a time (the turn's generation task, or the caller between turns).
/// </summary>
internal sealed class RenderedConversation : IDisposable
{
    private readonly LlmModel _model;
    private readonly LlmOptions _options;
    private readonly ToolRegistry? _tools;
    private readonly SpecialTokens _special;
    private readonly GeneratorParams _parameters;
    private readonly Generator _generator;
    private readonly List<ChatEntry> _history = [];
    private readonly List<int> _entryStarts = [];
    private int[] _tokens;
    private int _count;
    private int _rendered;
    private bool _generatedLast;

    public RenderedConversation(LlmModel model, LlmOptions options, ToolRegistry? tools, SpecialTokens special, int maxLength, string systemPrompt)
    {
        _model = model;
        _options = options;
        _tools = tools;
        _special = special;
        _tokens = new int[maxLength + 8];
        _parameters = new GeneratorParams(model.Model);
        _parameters.SetSearchOption("max_length", maxLength);
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
        _history.Add(ChatEntry.System(systemPrompt));
        Render();
    }

    /// <summary>The conversation so far, system prompt first.</summary>
    public List<ChatEntry> History => _history;

    /// <summary>Tokens rendered so far (the length of <see cref="Tokens"/>).</summary>
    public int Count => _count;

    /// <summary>The rendering of <see cref="History"/>, plus the answer being generated.</summary>
    public ReadOnlySpan<int> Tokens => _tokens.AsSpan(0, _count);

    /// <summary>Tokens in the generator (its KV cache).</summary>
    public int KvTokens => (int)_generator.TokenCount();

    /// <summary>The generator's own token sequence.</summary>
    public ReadOnlySpan<int> GeneratorSequence => _generator.GetSequence(0);

    /// <summary>Tokens re-rendered after old turns were dropped and not yet prefilled (counted apart by <see cref="Prefill"/>).</summary>
    public void MarkRerendered() => _rendered = _count;

    /// <summary>Adds <paramref name="entry"/> to the history; its tokens start at the current end of the rendering.</summary>
    public void AddEntry(ChatEntry entry, int tokenStart)
    {
        _history.Add(entry);
        _entryStarts.Add(tokenStart);
    }

    /// <summary>Removes the entries from <paramref name="index"/> (at least 1) up to <paramref name="end"/>, without re-rendering.</summary>
    public void RemoveEntries(int index, int end) => _history.RemoveRange(index, end - index);

    /// <summary>
    /// Forgets the entry at <paramref name="entryIndex"/> and everything after it; the KV cache is rewound to the tokens
    /// before it.
    /// </summary>
    public void RewindTo(int entryIndex)
    {
        _count = _entryStarts[entryIndex];
        _history.RemoveRange(entryIndex, _history.Count - entryIndex);
        _entryStarts.RemoveRange(entryIndex, _entryStarts.Count - entryIndex);
        RewindGenerator(_count);
    }

    /// <summary>Feeds the tokens the generator has not seen yet; the prompt and re-prefilled counts go to <paramref name="turn"/>.</summary>
    public void Prefill(TurnCounters turn, TimeProvider time)
    {
        RewindGenerator(_count);
        int kv = KvTokens;
        long before = time.GetTimestamp();
        _generator.AppendTokens(_tokens.AsSpan(kv, _count - kv));
        turn.Prefill += time.GetElapsedTime(before);

        // History re-rendered after dropping old turns is counted apart from the turn's own new tokens.
        int again = Math.Max(0, _rendered - kv);
        turn.ReprefilledTokens += again;
        turn.PromptTokens += _count - kv - again;
        _rendered = 0;
    }

    /// <summary>Generates one token with the conversation's generator and appends it to <see cref="Tokens"/>.</summary>
    public int NextToken()
    {
        _generator.GenerateNextToken();
        _generatedLast = true;
        int token = _generator.GetNextTokens()[0];
        _tokens[_count++] = token;
        return token;
    }

    /// <summary>Whether the generator reached max_length.</summary>
    public bool GeneratorDone => _generator.IsDone();

    /// <summary>
    /// Forgets the tokens from <paramref name="length"/> on (generated, but never shown to the reader: barge-in) and
    /// rewinds the KV cache over them.
    /// </summary>
    public void CutTo(int length)
    {
        if (length >= _count)
        {
            return;
        }

        _count = length;
        RewindGenerator(length);
    }

    /// <summary>Think blocks never enter the history: their tokens are cut and the KV cache rewound to the cut.</summary>
    public void DropThinking(int thinkStart, int thinkEnd)
    {
        int removed = thinkEnd - thinkStart;
        Array.Copy(_tokens, thinkEnd, _tokens, thinkStart, _count - thinkEnd);
        _count -= removed;
        RewindGenerator(thinkStart);
    }

    /// <summary>Closes the answer as the template does (&lt;|im_end|&gt; and a newline); the generator sees it with the next turn.</summary>
    public void CloseAnswer()
    {
        if (_count == 0 || _tokens[_count - 1] != _special.ImEnd)
        {
            _tokens[_count++] = _special.ImEnd;
        }

        _tokens[_count++] = _special.Newline;
    }

    /// <summary>Appends tokens to the rendering (the generator sees them with the next prefill).</summary>
    public void Append(ReadOnlySpan<int> tokens)
    {
        if (_count + tokens.Length > _tokens.Length)
        {
            Array.Resize(ref _tokens, Math.Max(_tokens.Length * 2, _count + tokens.Length));
        }

        tokens.CopyTo(_tokens.AsSpan(_count));
        _count += tokens.Length;
    }

    /// <summary>Tokenizes <paramref name="text"/> with the model's tokenizer.</summary>
    public int[] Encode(string text)
    {
        using Sequences sequences = _model.Tokenizer.Encode(text);
        return sequences[0].ToArray();
    }

    /// <summary>Decodes a span of <see cref="Tokens"/> at once.</summary>
    public string Decode(int start, int length) => _model.Tokenizer.Decode(_tokens.AsSpan(start, length));

    /// <summary>A stream that turns generated tokens into whole UTF-8 text pieces.</summary>
    public TokenizerStream CreateStream() => _model.Tokenizer.CreateStream();

    /// <summary>Renders <see cref="History"/> into <see cref="Tokens"/> from scratch (at the start, and after old turns were dropped).</summary>
    public void Render()
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

                    Append(Encode(QwenChatTemplate.ToolResults(ToolContents(i, last))));
                    i = last;
                    break;
            }
        }
    }

    /// <summary>
    /// Leaves the generator holding at most <paramref name="length"/> tokens, all with computed KV, so AppendTokens can
    /// go on from there. GenAI 0.18 counts the last generated token as cached though its KV is only computed by the
    /// next step (AppendTokens does not run it), and refuses a rewind by exactly one token: then it goes back two, and
    /// the next prefill feeds those tokens again from <see cref="Tokens"/>.
    /// </summary>
    public void RewindGenerator(int length)
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

    public void Dispose()
    {
        _generator.Dispose();
        _parameters.Dispose();
    }

    private IEnumerable<string> ToolContents(int first, int last)
    {
        for (int i = first; i <= last; i++)
        {
            yield return _history[i].Content;
        }
    }
}
