using System.Collections.Concurrent;
using EdgeAI.Assistant.Drive;
using EdgeAI.Audio;
using EdgeAI.Host.Pipeline;
using EdgeAI.Voice.Dialog;
using Microsoft.Extensions.Logging;

namespace EdgeAI.Host.Stages;

/// <summary>
/// Audio and voice: the spoken dialog (<see cref="VoiceDialog"/>: activation, VAD, recognition, intent, answer, speech)
/// on the cabin microphone, its events into the <c>events</c> channel like the assistant's. A replay's microphone
/// (recordings on the drive's timeline) is read as the drive goes: a chunk is taken once the drive has reached its end,
/// so what is said at 300 s is heard at 300 s of drive at any speed. A live microphone runs on its own. A device that
/// fails or goes away is said in one <c>error</c> event (kind <c>device_lost</c>) and on the status line, and is
/// opened again with back-off (1 s doubling to 30 s); the rest of the host runs on.
/// </summary>
public sealed class VoiceStage : HostStage
{
    /// <summary>The voice error event's kind when the microphone is lost.</summary>
    public const string DeviceLost = "device_lost";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(2);
    private readonly Func<IAudioSource> _open;
    private readonly Func<IAudioSource, Action<VoiceEvent>, VoiceDialog> _dialog;
    private readonly StageChannel<TimelineEvent> _events;
    private readonly DriveClock _clock;
    private readonly Func<bool> _driveEnded;
    private readonly ConcurrentQueue<(VoiceEvent Event, bool Live)> _pending = new();
    private volatile VoiceDialog? _current;

    /// <summary>A stage that opens the microphone with <paramref name="open"/> and runs <paramref name="dialog"/>'s dialog on it.</summary>
    /// <param name="health">The stage's liveness.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="open">Opens the microphone (again after a loss).</param>
    /// <param name="dialog">Makes the dialog on a source, sending its events to the given callback.</param>
    /// <param name="events">Where the events go.</param>
    /// <param name="clock">The drive's clock.</param>
    /// <param name="driveEnded">True once the drive's input has ended (its clock no longer moves at max speed).</param>
    public VoiceStage(StageHealth health, ILogger logger, Func<IAudioSource> open, Func<IAudioSource, Action<VoiceEvent>, VoiceDialog> dialog,
        StageChannel<TimelineEvent> events, DriveClock clock, Func<bool> driveEnded)
        : base(health, logger)
    {
        _open = open ?? throw new ArgumentNullException(nameof(open));
        _dialog = dialog ?? throw new ArgumentNullException(nameof(dialog));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _driveEnded = driveEnded ?? throw new ArgumentNullException(nameof(driveEnded));
        Time = clock.Time;
    }

    /// <summary>The first wait before reopening a lost microphone.</summary>
    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two tries.</summary>
    public TimeSpan MaxRetry { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Times the microphone was lost (or could not be opened).</summary>
    public long Losses { get; private set; }

    /// <summary>Times it was opened (the first and every reconnection).</summary>
    public long Opens { get; private set; }

    /// <summary>Requests the dialog recognized, over every opening.</summary>
    public long Utterances { get; private set; }

    /// <summary>Samples the microphone dropped because the dialog fell behind, over every opening.</summary>
    public long DroppedSamples { get; private set; }

    /// <summary>The talk button went down (any thread): push-to-talk opens the ear, or interrupts the answer.</summary>
    public void Press() => _current?.Press();

    /// <summary>The talk button came up (any thread): push-to-talk ends the request.</summary>
    public void Release() => _current?.Release();

    /// <inheritdoc/>
    protected override async Task RunAsync(CancellationToken stop)
    {
        var retry = new Backoff(FirstRetry, MaxRetry);
        bool reported = false;
        while (!stop.IsCancellationRequested)
        {
            IAudioSource? source = null;
            VoiceDialog? dialog = null;
            try
            {
                source = _open();
                Opens++;
                Health.Detail = Opens == 1 ? null : $"microphone back after {Losses} loss(es)";
                retry.Reset();
                reported = false;
                bool live = source.IsLive;
                dialog = _dialog(new DriveTimed(this, source), e => _pending.Enqueue((e, live)));
                _current = dialog;
                await dialog.RunAsync(stop);
                await FlushAsync(stop);
                if (source.IsLive) throw new IOException($"{source.Name} stopped delivering audio");
                Health.Ended($"the scripted speech ended ({dialog.Utterances} request(s) heard)");
                await IdleUntilStoppedAsync(stop);
                return;
            }
            catch (IOException e) when (!stop.IsCancellationRequested)
            {
                Losses++;
                var wait = retry.Next();
                string reason = e.Message.ReplaceLineEndings(" ");
                Health.Detail = $"audio device lost ({reason}); retry in {wait.TotalSeconds:0} s";
                Logger.LogWarning("audio device lost: {Message}; retry in {Seconds:0} s", reason, wait.TotalSeconds);
                // One event per loss; the retries show on the status line.
                if (!reported) _pending.Enqueue((new VoiceEvent(VoiceEventType.Error, 0) { Kind = DeviceLost, Text = $"audio device lost: {reason}" }, true));
                reported = true;
                await FlushAsync(stop);
                await SleepBeatingAsync(wait, stop);
            }
            finally
            {
                _current = null;
                if (dialog is not null) Utterances += dialog.Utterances;
                if (source is not null) DroppedSamples += source.DroppedSamples;
                source?.Dispose();
            }
        }
    }

    /// <summary>Hands the dialog's events on, once the drive's clock has started. A recording's events are placed on the
    /// drive's timeline by their audio time (the source starts at the drive's start); a live microphone's at the drive's
    /// now.</summary>
    private async ValueTask FlushAsync(CancellationToken stop)
    {
        if (!_clock.IsAnchored) return;
        long start = _clock.StartNs;
        while (_pending.TryDequeue(out var item))
        {
            long timeNs = item.Live ? Math.Max(start, _clock.NowNs) : start + (long)Math.Round(item.Event.AtS * 1e9);
            await _events.WriteAsync(TimelineEvent.Of(item.Event, timeNs, AssistantTicker.SecondsOf(start, timeNs)), stop);
        }
    }

    /// <summary>Waits until the drive has reached <paramref name="end"/> after its start (a recording's chunk is heard
    /// once its last sample would have been); at max speed it follows the newest frame, until the drive's input ends.</summary>
    private async ValueTask FollowDriveAsync(TimeSpan end, CancellationToken stop)
    {
        while (!_clock.IsAnchored)
        {
            await Task.Delay(Poll, Time, stop);
            await BeatAsync(stop);
        }
        long due = _clock.StartNs + end.Ticks * 100;
        if (!double.IsPositiveInfinity(_clock.Speed))
        {
            await _clock.WaitUntilAsync(due, stop);
            return;
        }
        while (_clock.NowNs < due && !_driveEnded())
        {
            await Task.Delay(Poll, Time, stop);
            await BeatAsync(stop);
        }
    }

    /// <summary>The microphone as the dialog reads it: each read hands on the events so far and beats; a recording's
    /// chunk waits for the drive to reach it.</summary>
    private sealed class DriveTimed(VoiceStage stage, IAudioSource inner) : IAudioSource
    {
        public string Name => inner.Name;
        public bool IsLive => inner.IsLive;
        public int SampleRate => inner.SampleRate;
        public int ChunkSamples => inner.ChunkSamples;
        public long DroppedSamples => inner.DroppedSamples;

        public async ValueTask<AudioChunk> ReadAsync(Memory<float> destination, CancellationToken cancellation = default)
        {
            await stage.FlushAsync(cancellation);
            await stage.BeatAsync(cancellation);
            var chunk = await inner.ReadAsync(destination, cancellation);
            if (chunk.IsEnd) return chunk;
            if (!inner.IsLive)
                await stage.FollowDriveAsync(chunk.Timestamp + TimeSpan.FromTicks(chunk.Count * TimeSpan.TicksPerSecond / inner.SampleRate), cancellation);
            stage.Health.Progress();
            return chunk;
        }

        public void Dispose()
        {
            // The stage disposes the source it opened.
        }
    }
}
