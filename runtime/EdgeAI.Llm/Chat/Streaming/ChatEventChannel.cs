using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace EdgeAI.Llm.Chat.Streaming;

/// <summary>
/// Carries a session's events from its generation task to the reader of <see cref="LlmChatSession.SendAsync(string, ToolChoice, CancellationToken)"/>:
/// a bounded channel, so the model runs ahead of a slow reader by at most <c>capacity</c> events and then waits
/// (<see cref="BoundedChannelFullMode.Wait"/>: nothing is dropped). The reader never runs the model and the model never
/// runs the reader's code (continuations are asynchronous). One per session, reused by every turn: a turn ends with
/// its Done event (or a failure), not by completing the channel, which only <see cref="Close"/> does.
/// </summary>
internal sealed class ChatEventChannel : IDisposable
{
    private readonly Channel<StreamItem> _channel;
    private readonly CancellationTokenSource _closing = new();
    private TaskCompletionSource<AnswerCut>? _pendingCut;
    private long _written;

    public ChatEventChannel(int capacity)
    {
        Capacity = capacity;
        _channel = Channel.CreateBounded<StreamItem>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
            AllowSynchronousContinuations = false,
        });
    }

    /// <summary>Events the channel holds at most.</summary>
    public int Capacity { get; }

    /// <summary>Events for the reader written so far over the session's life, answer ends not counted (for tests: the bound, nothing dropped).</summary>
    public long Written => Volatile.Read(ref _written);

    /// <summary>Events waiting for the reader now.</summary>
    public int Buffered => _channel.Reader.Count;

    /// <summary>Cancelled by <see cref="Close"/>.</summary>
    public CancellationToken Closing => _closing.Token;

    /// <summary>Writes an item, waiting while the channel is full; false when the channel was closed.</summary>
    public ValueTask<bool> WriteAsync(in StreamItem item)
    {
        if (_channel.Writer.TryWrite(item))
        {
            Count(item);
            return new ValueTask<bool>(true);
        }

        return WaitAndWriteAsync(item);
    }

    /// <summary>
    /// Ends a streamed answer and waits for the reader to reach it: the reader's <see cref="AnswerCut"/> says what it
    /// saw. The generation waits here once per answer, never per token, and goes on on the reader's thread.
    /// </summary>
    public async Task<AnswerCut> EndAnswerAsync()
    {
        // Continued synchronously by the reader's Acknowledge: closing the answer and writing Done there spares two
        // thread hand-overs per answer; a turn that goes on to another round moves to a thread of its own first.
        var cut = new TaskCompletionSource<AnswerCut>();
        Volatile.Write(ref _pendingCut, cut);
        if (!await WriteAsync(StreamItem.AnswerEnd()).ConfigureAwait(false))
        {
            return AnswerCut.Closed;
        }

        return await cut.Task.ConfigureAwait(false);
    }

    /// <summary>Takes the next item when one is there.</summary>
    public bool TryRead(out StreamItem item) => _channel.Reader.TryRead(out item);

    /// <summary>Waits for an item; false once the channel is closed and empty. Never cancelled: the turn always ends.</summary>
    public ValueTask<bool> WaitToReadAsync() => _channel.Reader.WaitToReadAsync(CancellationToken.None);

    /// <summary>The reader's answer to an <see cref="StreamItem.EndsAnswer"/> item.</summary>
    public void Acknowledge(AnswerCut cut) => Volatile.Read(ref _pendingCut)?.TrySetResult(cut);

    /// <summary>Closes the channel for good (the session is disposed): a turn in flight stops at its next token and its writes fail.</summary>
    public void Close()
    {
        _channel.Writer.TryComplete();
        _closing.Cancel();
        Volatile.Read(ref _pendingCut)?.TrySetResult(AnswerCut.Closed);
    }

    private void Count(in StreamItem item)
    {
        if (!item.EndsAnswer)
        {
            Volatile.Write(ref _written, _written + 1);
        }
    }

    /// <summary>Call after <see cref="Close"/>, once no turn is running.</summary>
    public void Dispose() => _closing.Dispose();

    // The slow path: the reader is behind by the whole capacity. Pooled, so waiting allocates nothing either.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> WaitAndWriteAsync(StreamItem item)
    {
        while (await _channel.Writer.WaitToWriteAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (_channel.Writer.TryWrite(item))
            {
                Count(item);
                return true;
            }
        }

        return false;
    }
}
