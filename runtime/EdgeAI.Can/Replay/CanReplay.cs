using EdgeAI.Can.Logs;

namespace EdgeAI.Can.Replay;

/// <summary>
/// Time-accurate replay of a log onto CAN buses. Frame k of loop i is due at (offset_i + t_k - t_0) / speed after the
/// start, an absolute schedule: a frame sent late never shifts the ones after it, so the replay catches up and is never
/// slower than the recording while the buses can carry it. A target that refuses a frame (queue full, bus-off) is
/// waited on and the frame counted as delayed; nothing is dropped without a counter and a reason.
/// </summary>
public sealed class CanReplay
{
    private readonly CanReplayOptions _options;
    private readonly TimeProvider _time;
    private long _framesSent;

    /// <summary>Creates a replay on <paramref name="time"/> (the system clock when null).</summary>
    public CanReplay(CanReplayOptions options, TimeProvider? time = null)
    {
        if (!(options.Speed > 0)) throw new ArgumentOutOfRangeException(nameof(options), options.Speed, "speed must be above 0");
        if (options.Loops < 0) throw new ArgumentOutOfRangeException(nameof(options), options.Loops, "loops must be 0 (forever) or more");
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Frames sent so far (for progress displays; read from any thread).</summary>
    public long FramesSent => Interlocked.Read(ref _framesSent);

    /// <summary>Plays the log <paramref name="openLog"/> opens (once per loop) onto the bus <paramref name="route"/> gives for
    /// each channel name (null: that channel's frames are dropped and counted). Cancellation ends the replay with a report.</summary>
    public async Task<CanReplayReport> RunAsync(Func<ICanLogReader> openLog, Func<string, ICanBus?> route, CancellationToken cancellation = default)
    {
        var spin = _options.SpinWindow ?? (ReferenceEquals(_time, TimeProvider.System) ? TimeSpan.FromMilliseconds(5) : TimeSpan.Zero);
        using var clock = new ReplayClock(_time, spin, cancellation);
        var run = new Run(_options, route);
        bool cancelled = false;
        try
        {
            for (int loop = 0; _options.Loops == 0 || loop < _options.Loops; loop++)
            {
                using var reader = openLog();
                if (!await run.PlayLoopAsync(reader, clock, this, cancellation)) break;
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            cancelled = true;
        }
        return run.Report(clock.NowNs(), cancelled);
    }

    /// <summary>State of one run: counters, schedule position, bus-off events.</summary>
    private sealed class Run(CanReplayOptions options, Func<string, ICanBus?> route)
    {
        private readonly LatencyHistogram _errors = new();
        private readonly Dictionary<string, long> _dropped = new(StringComparer.Ordinal);
        private readonly List<BusOffEvent> _busOffs = [];
        private ICanBus?[] _targets = [];
        private string?[] _unrouted = [];
        private long[] _sentByChannel = [];
        private readonly Dictionary<string, long> _sentByTarget = new(StringComparer.Ordinal);
        private long _loopOffsetNs;
        private long _lastRecordedNs;
        private long _read, _sent, _filtered, _delayed;
        private int _loops;

        /// <summary>Plays one pass of the log; false when the replay must stop (empty log, a target closed).</summary>
        public async ValueTask<bool> PlayLoopAsync(ICanLogReader reader, ReplayClock clock, CanReplay owner, CancellationToken cancellation)
        {
            FoldTargetCounts();
            var filter = options.Filter?.Invoke(reader.Channels);
            long first = long.MinValue, last = 0, frames = 0;
            while (reader.TryRead(out var frame))
            {
                cancellation.ThrowIfCancellationRequested();
                if (filter is not null && filter.IsPastEnd(in frame)) break;
                _read++;
                if (filter is not null)
                {
                    if (!filter.Accepts(in frame)) { _filtered++; continue; }
                }
                frames++;
                if (first == long.MinValue) first = frame.TimestampNs;
                last = frame.TimestampNs;
                if (frame.IsError) { Drop("error frames in the log (controllers make those; not sent)"); continue; }
                var target = TargetOf(frame.Channel, reader.Channels);
                if (target is null) { Drop(_unrouted[frame.Channel]!); continue; }

                long recordedNs = _loopOffsetNs + (frame.TimestampNs - first);
                long dueNs = options.IsMaxSpeed ? 0 : (long)(recordedNs / options.Speed);
                if (!options.IsMaxSpeed) await clock.WaitUntilAsync(dueNs);
                var outgoing = frame.WithDirection(CanFlags.None);
                if (!target.TrySend(in outgoing) && !await SendAfterWaitingAsync(target, outgoing, clock, recordedNs, cancellation))
                {
                    Drop(target.Name + " closed during the replay");
                    return false;
                }
                long sentNs = clock.NowNs();
                if (!options.IsMaxSpeed) _errors.Record(sentNs - dueNs);
                if (_busOffs.Count > 0 && _busOffs[^1].RecoveredAtNs is { } recovered && dueNs <= recovered) _busOffs[^1].FramesWaiting++;
                _lastRecordedNs = recordedNs;
                _sent++;
                _sentByChannel[frame.Channel]++;
                Interlocked.Increment(ref owner._framesSent);
            }
            if (frames == 0) return false;
            // The next pass starts one average frame interval after this one's last frame.
            long span = last - first;
            _loopOffsetNs += span + (frames > 1 ? span / (frames - 1) : 1_000_000);
            _loops++;
            return true;
        }

        /// <summary>The target refused the frame: wait until it takes it (queue space, recovery from bus-off).</summary>
        private async ValueTask<bool> SendAfterWaitingAsync(ICanBus target, CanFrame frame, ReplayClock clock, long recordedNs, CancellationToken cancellation)
        {
            _delayed++;
            BusOffEvent? busOff = null;
            while (true)
            {
                if (busOff is null && target.State == CanBusState.BusOff)
                {
                    busOff = new BusOffEvent(target.Name, clock.NowNs(), recordedNs);
                    _busOffs.Add(busOff);
                    options.BusOffChanged?.Invoke(busOff.ToRecord());
                }
                if (!await target.WaitToSendAsync(cancellation)) return false;
                if (target.TrySend(in frame)) break;
            }
            if (busOff is not null)
            {
                busOff.RecoveredAtNs = clock.NowNs();
                options.BusOffChanged?.Invoke(busOff.ToRecord());
            }
            return true;
        }

        private ICanBus? TargetOf(ushort channel, CanChannelTable channels)
        {
            if (channel >= _targets.Length)
            {
                Array.Resize(ref _targets, channel + 1);
                Array.Resize(ref _unrouted, channel + 1);
                Array.Resize(ref _sentByChannel, channel + 1);
            }
            if (_targets[channel] is { } known) return known;
            if (_unrouted[channel] is not null) return null;
            string name = channels.NameOf(channel);
            var target = route(name);
            if (target is null) _unrouted[channel] = $"channel {name} has no target";
            return _targets[channel] = target;
        }

        /// <summary>Adds the per-channel counts of a pass to the per-target totals (channel indexes belong to one reader).</summary>
        private void FoldTargetCounts()
        {
            for (int i = 0; i < _targets.Length; i++)
                if (_targets[i] is { } target) _sentByTarget[target.Name] = _sentByTarget.GetValueOrDefault(target.Name) + _sentByChannel[i];
            Array.Clear(_targets);
            Array.Clear(_unrouted);
            Array.Clear(_sentByChannel);
        }

        private void Drop(string reason) => _dropped[reason] = _dropped.GetValueOrDefault(reason) + 1;

        public CanReplayReport Report(long wallNs, bool cancelled)
        {
            FoldTargetCounts();
            bool timed = !options.IsMaxSpeed && _errors.Count > 0;
            return new CanReplayReport
            {
                FramesRead = _read,
                FramesSent = _sent,
                SentByTarget = new Dictionary<string, long>(_sentByTarget),
                FramesFiltered = _filtered,
                FramesDelayed = _delayed,
                Dropped = new Dictionary<string, long>(_dropped),
                Loops = _loops,
                Speed = options.Speed,
                WallTime = FromNs(wallNs),
                RecordedTime = FromNs(_lastRecordedNs),
                SendErrorP50 = timed ? FromNs(_errors.Percentile(50)) : null,
                SendErrorP99 = timed ? FromNs(_errors.Percentile(99)) : null,
                SendErrorMax = timed ? FromNs(_errors.Max) : null,
                BusOffs = _busOffs.ConvertAll(b => b.ToRecord()),
                Cancelled = cancelled,
            };
        }

        private static TimeSpan FromNs(long ns) => TimeSpan.FromTicks(ns / 100);

        private sealed class BusOffEvent(string target, long atNs, long recordedNs)
        {
            public long? RecoveredAtNs { get; set; }
            public long FramesWaiting { get; set; }

            public CanReplayBusOff ToRecord() =>
                new(target, FromNs(atNs), FromNs(recordedNs), RecoveredAtNs is { } r ? FromNs(r - atNs) : null, FramesWaiting);
        }
    }
}
