using EdgeAI.Can;
using EdgeAI.Can.Filters;
using EdgeAI.Can.Logs;

namespace EdgeAI.Cli.Replay;

/// <summary>
/// A listening node on a simulated target that reads the same log independently and checks that every frame routed to
/// its bus arrives intact and in log order. A frame that is not the next one expected is looked for a little further on
/// (frames lost in between count as missing); if it is not there either it counts as out of order.
/// </summary>
internal sealed class DeliveryCheck(ICanBus listener, Func<ICanLogReader> openLog, Func<CanChannelTable, CanFrameFilter>? filter,
    Func<string, bool> routedHere, int loops)
{
    private const int LookAhead = 256;
    private const CanFlags Kind = CanFlags.Extended | CanFlags.Remote | CanFlags.Fd | CanFlags.Brs | CanFlags.Esi;
    private readonly Queue<CanFrame> _expected = new();
    private ICanLogReader? _reader;
    private CanFrameFilter? _filter;
    private bool[] _routed = [];
    private bool[] _known = [];
    private int _loopsOpened;
    private long _framesThisPass;
    private bool _exhausted;

    /// <summary>Frames received.</summary>
    public long Received { get; private set; }
    /// <summary>Frames received that were the next ones of the log.</summary>
    public long InOrder { get; private set; }
    /// <summary>Frames received that were not next and not shortly ahead.</summary>
    public long OutOfOrder { get; private set; }
    /// <summary>Frames of the log skipped over to find a received one.</summary>
    public long Missing { get; private set; }

    /// <summary>Checks frames until the listener closes.</summary>
    public async Task RunAsync()
    {
        var buffer = new CanFrame[512];
        try
        {
            while (await listener.WaitToReceiveAsync())
            {
                int n;
                while ((n = listener.TryReceive(buffer)) > 0)
                    for (int i = 0; i < n; i++) Check(in buffer[i]);
            }
        }
        finally
        {
            _reader?.Dispose();
        }
    }

    private void Check(in CanFrame frame)
    {
        if (frame.IsError) return;
        Received++;
        Fill();
        int index = 0;
        foreach (var expected in _expected)
        {
            if (Same(in expected, in frame)) break;
            index++;
        }
        if (index == _expected.Count)
        {
            OutOfOrder++;
            return;
        }
        for (int i = 0; i < index; i++) _expected.Dequeue();
        _expected.Dequeue();
        Missing += index;
        InOrder++;
    }

    private static bool Same(in CanFrame a, in CanFrame b) =>
        a.Id == b.Id && (a.Flags & Kind) == (b.Flags & Kind) && a.Data.SequenceEqual(b.Data);

    /// <summary>Reads ahead so the next <see cref="LookAhead"/> expected frames are known (mirrors the replay's choices).</summary>
    private void Fill()
    {
        while (_expected.Count < LookAhead && !_exhausted)
        {
            if (_reader is null)
            {
                if (loops != 0 && _loopsOpened >= loops) { _exhausted = true; return; }
                _reader = openLog();
                _filter = filter?.Invoke(_reader.Channels);
                _routed = [];
                _known = [];
                _loopsOpened++;
                _framesThisPass = 0;
            }
            if (!_reader.TryRead(out var frame) || (_filter is not null && _filter.IsPastEnd(in frame)))
            {
                _reader.Dispose();
                _reader = null;
                if (_framesThisPass == 0) _exhausted = true; // an empty pass: the replay stops there too
                continue;
            }
            if (_filter is not null && !_filter.Accepts(in frame)) continue;
            _framesThisPass++;
            if (frame.IsError || !IsRouted(frame.Channel)) continue;
            _expected.Enqueue(frame);
        }
    }

    private bool IsRouted(ushort channel)
    {
        if (channel >= _routed.Length)
        {
            Array.Resize(ref _routed, channel + 1);
            Array.Resize(ref _known, channel + 1);
        }
        if (!_known[channel])
        {
            _routed[channel] = routedHere(_reader!.Channels.NameOf(channel));
            _known[channel] = true;
        }
        return _routed[channel];
    }
}
