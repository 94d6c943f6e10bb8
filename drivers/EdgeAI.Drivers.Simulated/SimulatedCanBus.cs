using EdgeAI.Can.Errors;
using EdgeAI.Can;
using EdgeAI.Can.Stats;

namespace EdgeAI.Drivers.Simulated;

/// <summary>
/// An in-memory CAN bus: the wire that <see cref="SimulatedCanNode"/>s attach to. Every frame is broadcast to every
/// other node its filters accept. With a <see cref="SimulatedCanBusOptions.BitRate"/> frames occupy the wire for their
/// bit time (stuffing estimated) one after another, and when several wait at the same instant the lowest arbitration
/// id wins (a standard frame before an extended one of the same base id, ISO 11898-1). Faults can be injected:
/// dropped frames, corrupted transmissions and bus-off periods. Time comes from the <see cref="TimeProvider"/>, so a
/// virtual clock drives it deterministically in tests.
/// </summary>
/// <remarks>
/// The wire is simulated lazily: every call first settles what happened on the wire up to now, and a timer settles
/// it when nobody calls. Decisions about an instant are taken once the clock has moved past it, so every frame queued
/// at that instant takes part in the arbitration.
/// </remarks>
public sealed class SimulatedCanBus : IDisposable
{
    // linux/can/error.h: a form error (CAN_ERR_PROT_FORM) in the CRC sequence (CAN_ERR_PROT_LOC_CRC_SEQ).
    private const byte ProtocolForm = 0x02;
    private const byte LocationCrcSequence = 0x08;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly long _startTimestamp;
    private readonly long _epochNs;
    private readonly double _nsPerNominalBit;
    private readonly double _nsPerDataBit;
    private readonly ITimer _timer;
    private readonly List<(long AtNs, SimulatedCanNode? Node, bool Off)> _faults = [];
    private SimulatedCanNode[] _nodes = [];
    private long _timerDueNs = long.MaxValue;
    private long _busFreeNs;
    private SimulatedCanNode? _flightNode;
    private CanFrame _flightFrame;
    private long _flightEndNs;
    private int _dropRemaining;
    private long _dropId = -1;
    private int _corruptRemaining;
    private long _corruptId = -1;
    private long _transmitted, _dropped, _corrupted, _busOffEvents, _busyNs;
    private bool _disposed;

    /// <summary>Creates a bus on <paramref name="time"/> (the system clock when null).</summary>
    public SimulatedCanBus(SimulatedCanBusOptions? options = null, TimeProvider? time = null)
    {
        Options = options ?? SimulatedCanBusOptions.Default;
        if (Options.BitRate is <= 0 || Options.DataBitRate is <= 0) throw new ArgumentOutOfRangeException(nameof(options), "bit rates must be above 0");
        _time = time ?? TimeProvider.System;
        _startTimestamp = _time.GetTimestamp();
        _epochNs = (_time.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
        if (Options.BitRate is { } rate)
        {
            _nsPerNominalBit = 1e9 / rate;
            _nsPerDataBit = 1e9 / (Options.DataBitRate ?? rate);
        }
        _timer = _time.CreateTimer(static state => ((SimulatedCanBus)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>How the wire behaves.</summary>
    public SimulatedCanBusOptions Options { get; }

    /// <summary>Bus name (<c>sim</c>).</summary>
    public string Name => Options.Name;

    /// <summary>True when frames take bit time on the wire.</summary>
    public bool IsTimed => Options.BitRate is not null;

    /// <summary>Nodes attached now.</summary>
    public IReadOnlyList<SimulatedCanNode> Nodes => Volatile.Read(ref _nodes);

    /// <summary>Bus time since creation.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(NowNs() / 100);

    /// <summary>Wall-clock time (ns since the Unix epoch) of bus time zero; received frames are stamped from it.</summary>
    public long EpochNs => _epochNs;

    /// <summary>Counters so far.</summary>
    public SimulatedBusStatistics Statistics
    {
        get
        {
            lock (_gate)
            {
                Advance(NowNs());
                return new SimulatedBusStatistics(_transmitted, _dropped, _corrupted, _busOffEvents, TimeSpan.FromTicks(_busyNs / 100), Elapsed);
            }
        }
    }

    /// <summary>Attaches a node named <c>bus:name</c>.</summary>
    public SimulatedCanNode AddNode(string name, SimulatedNodeOptions? options = null)
    {
        var node = new SimulatedCanNode(this, Name + ":" + name, options ?? SimulatedNodeOptions.Default);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Advance(NowNs());
            _nodes = [.. _nodes, node];
        }
        return node;
    }

    /// <summary>The next <paramref name="count"/> frames (with <paramref name="id"/>, or any) vanish from the wire, counted in
    /// <see cref="SimulatedBusStatistics.FramesDropped"/>; the sender believes they went out.</summary>
    public void DropNext(int count, uint? id = null)
    {
        lock (_gate)
        {
            _dropRemaining = count;
            _dropId = id is { } dropId ? dropId : -1;
        }
    }

    /// <summary>The next <paramref name="count"/> transmissions (of <paramref name="id"/>, or any) are destroyed by a CRC error:
    /// nodes receiving error frames see one each, none sees the frame, and the sender retransmits it (ISO 11898 automatic retransmission).</summary>
    public void CorruptNext(int count, uint? id = null)
    {
        lock (_gate)
        {
            _corruptRemaining = count;
            _corruptId = id is { } corruptId ? corruptId : -1;
        }
    }

    /// <summary>Puts <paramref name="node"/> (every node when null) bus-off from <paramref name="after"/> from now for
    /// <paramref name="duration"/>: its <see cref="SimulatedCanNode.TrySend"/> says false and it neither sends nor receives;
    /// then it restarts. Nodes taking error frames get CAN_ERR_BUSOFF, then CAN_ERR_RESTARTED.</summary>
    public void ScheduleBusOff(TimeSpan after, TimeSpan duration, SimulatedCanNode? node = null)
    {
        if (after < TimeSpan.Zero || duration <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), "bus-off needs a start at or after now and a positive duration");
        lock (_gate)
        {
            long now = NowNs();
            Advance(now);
            long off = now + after.Ticks * 100;
            AddFault(off, node, off: true);
            AddFault(off + duration.Ticks * 100, node, off: false);
            Advance(now);
        }
        WakeSenders();
    }

    /// <summary>Bus time in ns of a received frame's timestamp.</summary>
    public TimeSpan ToBusTime(long timestampNs) => TimeSpan.FromTicks((timestampNs - _epochNs) / 100);

    /// <summary>Detaches every node and stops the clock.</summary>
    public void Dispose()
    {
        SimulatedCanNode[] nodes;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            nodes = _nodes;
            _nodes = [];
            foreach (var node in nodes) Close(node);
        }
        _timer.Dispose();
        foreach (var node in nodes) node.SendSignal.Set(false);
    }

    internal CanBusState StateOf(SimulatedCanNode node)
    {
        lock (_gate)
        {
            Advance(NowNs());
            return node.Closed ? CanBusState.Stopped : node.BusOffDepth > 0 ? CanBusState.BusOff : CanBusState.ErrorActive;
        }
    }

    internal int PendingOf(SimulatedCanNode node)
    {
        lock (_gate)
        {
            Advance(NowNs());
            return node.Transmit.Count + (ReferenceEquals(_flightNode, node) ? 1 : 0);
        }
    }

    internal bool Send(SimulatedCanNode node, in CanFrame frame)
    {
        bool sent;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(node.Closed, node);
            long now = NowNs();
            Advance(now);
            if (node.BusOffDepth > 0 || node.Transmit.IsFull)
            {
                node.SendRejectionCount++;
                sent = false;
            }
            else if (IsTimed)
            {
                node.Transmit.Enqueue(frame.WithTimestamp(now));
                Advance(now);
                sent = true;
            }
            else
            {
                Complete(node, in frame, now);
                sent = true;
            }
        }
        WakeSenders();
        return sent;
    }

    internal ValueTask<bool> WaitToSendAsync(SimulatedCanNode node, CancellationToken cancellation)
    {
        ValueTask<bool> wait;
        lock (_gate)
        {
            Advance(NowNs());
            if (node.Closed) return new ValueTask<bool>(false);
            if (node.BusOffDepth == 0 && !node.Transmit.IsFull) return new ValueTask<bool>(true);
            if (cancellation.IsCancellationRequested) return ValueTask.FromCanceled<bool>(cancellation);
            wait = node.SendSignal.WaitAsync(cancellation);
        }
        WakeSenders();
        return wait;
    }

    /// <summary>Settles the wire up to now and wakes senders that may go on.</summary>
    internal void Pump()
    {
        lock (_gate) Advance(NowNs());
        WakeSenders();
    }

    internal void Detach(SimulatedCanNode node)
    {
        lock (_gate)
        {
            if (node.Closed) return;
            Advance(NowNs());
            _nodes = Array.FindAll(_nodes, n => !ReferenceEquals(n, node));
            Close(node);
        }
        node.SendSignal.Set(false);
    }

    private void Close(SimulatedCanNode node)
    {
        node.Closed = true;
        node.Transmit.Clear();
        node.Complete();
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            _timerDueNs = long.MaxValue;
            if (_disposed) return;
            Advance(NowNs());
        }
        WakeSenders();
    }

    /// <summary>Plays the wire forward to <paramref name="now"/>: fault transitions, arbitration, frames completing. Under the lock.</summary>
    private void Advance(long now)
    {
        if (_disposed) return;
        while (true)
        {
            long nextFault = _faults.Count > 0 ? _faults[0].AtNs : long.MaxValue;
            if (_flightNode is { } sender)
            {
                if (nextFault <= _flightEndNs && nextFault <= now) { ApplyFault(); continue; }
                if (_flightEndNs > now) { Arm(Math.Min(_flightEndNs, nextFault)); return; }
                _flightNode = null;
                _busFreeNs = _flightEndNs;
                if (!sender.Closed) Complete(sender, in _flightFrame, _flightEndNs);
                continue;
            }
            long start = long.MaxValue;
            if (IsTimed)
            {
                long earliest = EarliestQueued();
                if (earliest != long.MaxValue) start = Math.Max(_busFreeNs, earliest);
            }
            if (nextFault <= start && nextFault <= now) { ApplyFault(); continue; }
            if (start < now)
            {
                StartTransmission(start);
                continue;
            }
            // Nothing decided yet: frames queued at this very instant still join the arbitration once the clock moves on
            // (one tick later; the winner's schedule starts at the instant itself).
            Arm(Math.Min(nextFault, start == long.MaxValue ? long.MaxValue : start + 100));
            return;
        }
    }

    private long EarliestQueued()
    {
        long earliest = long.MaxValue;
        foreach (var node in _nodes)
            if (node.BusOffDepth == 0 && node.Transmit.Count > 0) earliest = Math.Min(earliest, node.Transmit.Head.TimestampNs);
        return earliest;
    }

    /// <summary>Arbitration among the frames waiting at <paramref name="start"/>: lowest key wins; equal keys go by attach order.</summary>
    private void StartTransmission(long start)
    {
        SimulatedCanNode? winner = null;
        ulong best = ulong.MaxValue;
        foreach (var node in _nodes)
        {
            if (node.BusOffDepth > 0 || node.Transmit.Count == 0 || node.Transmit.Head.TimestampNs > start) continue;
            ulong key = ArbitrationKey(in node.Transmit.Head);
            if (key < best) { best = key; winner = node; }
        }
        var frame = winner!.Transmit.Dequeue();
        long duration = Duration(in frame);
        _flightNode = winner;
        _flightFrame = frame;
        _flightEndNs = start + duration;
        _busyNs += duration;
        if (winner.SendSignal.IsWaiting) winner.WakeSender = 1;
    }

    /// <summary>A frame finished on the wire at <paramref name="atNs"/> (or at once on an instantaneous bus): deliver it,
    /// unless an injected fault says otherwise.</summary>
    private void Complete(SimulatedCanNode sender, in CanFrame frame, long atNs)
    {
        long stamp = _epochNs + atNs;
        if (_corruptRemaining > 0 && (_corruptId < 0 || _corruptId == frame.Id))
        {
            _corruptRemaining--;
            _corrupted++;
            foreach (var node in _nodes)
                if (node.Options.ReceiveErrorFrames && node.BusOffDepth == 0) node.Deliver(CanErrorFrame.Create(CanErrorClass.Protocol | CanErrorClass.BusError, stamp, protocolType: (byte)(ProtocolForm | (ReferenceEquals(node, sender) ? CanErrorFrame.ProtocolOnTransmit : 0)), protocolLocation: LocationCrcSequence));
            if (IsTimed)
            {
                sender.Transmit.PushFront(frame.WithTimestamp(atNs));
                return;
            }
        }
        sender.FramesSentCount++;
        if (_dropRemaining > 0 && (_dropId < 0 || _dropId == frame.Id))
        {
            _dropRemaining--;
            _dropped++;
            return;
        }
        _transmitted++;
        var onWire = frame.WithTimestamp(stamp).WithChannel(0);
        foreach (var node in _nodes)
        {
            if (node.BusOffDepth > 0) continue;
            if (ReferenceEquals(node, sender))
            {
                if (node.Options.ReceiveOwnFrames) node.Deliver(onWire.WithDirection(CanFlags.Tx));
            }
            else if (Accepts(node.Options.Filters, in onWire))
            {
                node.Deliver(onWire.WithDirection(CanFlags.Rx));
            }
        }
    }

    private static bool Accepts(IReadOnlyList<CanAcceptanceFilter> filters, in CanFrame frame)
    {
        if (filters.Count == 0) return true;
        for (int i = 0; i < filters.Count; i++)
            if (filters[i].Matches(in frame)) return true;
        return false;
    }

    private void AddFault(long atNs, SimulatedCanNode? node, bool off)
    {
        int i = 0;
        while (i < _faults.Count && _faults[i].AtNs <= atNs) i++;
        _faults.Insert(i, (atNs, node, off));
    }

    private void ApplyFault()
    {
        var (at, target, off) = _faults[0];
        _faults.RemoveAt(0);
        foreach (var node in _nodes)
        {
            if (target is not null && !ReferenceEquals(node, target)) continue;
            if (off)
            {
                if (node.BusOffDepth++ > 0) continue;
                _busOffEvents++;
                if (node.Options.ReceiveErrorFrames) node.Deliver(CanErrorFrame.BusOff(_epochNs + at));
            }
            else if (node.BusOffDepth > 0 && --node.BusOffDepth == 0)
            {
                if (node.Options.ReceiveErrorFrames) node.Deliver(CanErrorFrame.Restarted(_epochNs + at));
                if (node.SendSignal.IsWaiting) node.WakeSender = 1;
            }
        }
    }

    private void Arm(long dueNs)
    {
        if (dueNs == _timerDueNs) return;
        _timerDueNs = dueNs;
        if (dueNs == long.MaxValue) { _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan); return; }
        long waitNs = Math.Max(dueNs - NowNs(), 0);
        _timer.Change(TimeSpan.FromTicks((waitNs + 99) / 100), Timeout.InfiniteTimeSpan);
    }

    /// <summary>Wakes, outside the lock, the senders the wire made room for.</summary>
    private void WakeSenders()
    {
        foreach (var node in Volatile.Read(ref _nodes))
            if (Interlocked.Exchange(ref node.WakeSender, 0) == 1) node.SendSignal.Set(true);
    }

    private long Duration(in CanFrame frame)
    {
        // Stuffing estimate: halfway between none and the worst case (random data stuffs about that much).
        var (nominal, data) = CanBitTiming.Count(in frame, worstCaseStuffing: false);
        var (nominalWorst, dataWorst) = CanBitTiming.Count(in frame, worstCaseStuffing: true);
        return (long)Math.Round((nominal + nominalWorst) * 0.5 * _nsPerNominalBit + (data + dataWorst) * 0.5 * _nsPerDataBit);
    }

    /// <summary>The bits a frame sends during arbitration, as one number where dominant (0) sorts first: base id, then
    /// RTR (standard) or SRR (extended, recessive), IDE, the 18 extension bits and the extended RTR.</summary>
    internal static ulong ArbitrationKey(in CanFrame frame)
    {
        bool remote = frame.IsRemote && !frame.IsFd;
        if (!frame.IsExtended) return ((ulong)frame.Id << 21) | ((remote ? 1UL : 0) << 20);
        ulong baseId = frame.Id >> 18, extension = frame.Id & 0x3FFFF;
        return (baseId << 21) | (1UL << 20) | (1UL << 19) | (extension << 1) | (remote ? 1UL : 0);
    }

    private long NowNs()
    {
        long ticks = _time.GetTimestamp() - _startTimestamp;
        long frequency = _time.TimestampFrequency;
        return ticks / frequency * 1_000_000_000 + ticks % frequency * 1_000_000_000 / frequency;
    }
}
