using System.CommandLine;
using System.Globalization;
using System.Text;
using EdgeAI.Can;
using EdgeAI.Can.Dbc;
using EdgeAI.Can.Filters;
using EdgeAI.Can.Logs;
using EdgeAI.Can.Logs.Candump;
using EdgeAI.Can.Replay;
using EdgeAI.Cli.Input;
using EdgeAI.Cli.Output;
using EdgeAI.Drivers.Simulated;
using EdgeAI.Host.Systemd;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// <c>edgeai can dump IF [--out F] [--dbc F] [--ids ...] [--rotate-size N] [--rotate-time T]</c>: candump -L capture with
/// receive timestamps. <c>--out</c> appends whole lines, flushed and fsynced at least once a second, so a capture cut off
/// by the ignition ends at a line boundary. <c>dump sim</c> captures a simulated car replaying the bundled drive.
/// Under a <c>Type=notify</c> unit (NOTIFY_SOCKET set) it is deploy/edgeai.service's interim service: READY=1 once the
/// bus is open and the capture file exists, WATCHDOG=1 from the receive loop, STOPPING=1 when stopped.
/// </summary>
public sealed class CanDumpCommand : Command
{
    private readonly Argument<string> _interface = new("IF") { Description = "interface: can0, vcan0, or sim (a simulated car replaying the bundled drive; sim:speed=10 runs it faster)" };
    private readonly Option<string> _out = new("--out") { Description = "append the capture to this file (candump -L) instead of printing it" };
    private readonly Option<string> _dbc = new("--dbc") { Description = "print decoded signals of each frame on stdout; --ids may name messages" };
    private readonly Option<string> _ids = new("--ids") { Description = "hex ids and ranges (or DBC message names) to keep, e.g. 0x123,200-2FF" };
    private readonly Option<string> _rotateSize = new("--rotate-size") { Description = "start a new file when this size is reached (e.g. 64M); the old one becomes NAME.000001.log, ..." };
    private readonly Option<string> _rotateTime = new("--rotate-time") { Description = "start a new file after this long (e.g. 10m, 1h)" };
    private readonly TimeProvider _time;

    public CanDumpCommand() : this(TimeProvider.System)
    {
    }

    /// <summary>A dump command on another clock (tests).</summary>
    public CanDumpCommand(TimeProvider time) : base("dump", "Capture frames from a CAN interface (or the simulated car) as candump -L")
    {
        _time = time;
        Arguments.Add(_interface);
        Options.Add(_out);
        Options.Add(_dbc);
        Options.Add(_ids);
        Options.Add(_rotateSize);
        Options.Add(_rotateTime);
        SetAction((parse, cancellation) => CommandGuard.RunAsync(parse, (stdout, stderr) => ExecuteAsync(parse, stdout, stderr, cancellation)));
    }

    private async Task<int> ExecuteAsync(ParseResult parse, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        string name = parse.GetRequiredValue(_interface);
        var database = parse.GetValue(_dbc) is { } dbc ? DbcInput.Load(dbc, strict: false, stderr) : null;
        var ids = CanIdSelection.Parse(parse.GetValue(_ids), database);
        long? rotateBytes = parse.GetValue(_rotateSize) is { } size ? Durations.ParseSize(size, "--rotate-size") : null;
        TimeSpan? rotateAfter = parse.GetValue(_rotateTime) is { } age ? Durations.Parse(age, "--rotate-time") : null;
        if (rotateAfter is { } a && a <= TimeSpan.Zero) throw new UsageException("--rotate-time: expected a duration above 0");
        string? outPath = parse.GetValue(_out);
        if ((rotateBytes ?? rotateAfter as object) is not null && outPath is null) throw new UsageException("--rotate-size/--rotate-time: need --out");
        if (outPath is not null && Directory.Exists(outPath)) throw new UsageException($"--out {outPath}: expected a file to append the capture to, found a directory");
        bool simulated = SimulatedBusSpec.IsSimulated(name);
        string carLog = simulated ? Assets.Require(Assets.CityDriveLog, "the bundled drive the simulated car replays") : "";

        var channels = new CanChannelTable();
        channels.GetOrAdd(simulated ? "sim" : name);
        using var bus = CanBusOpener.Open(name, "dump", _time, "IF");
        using var carStop = new CancellationTokenSource();
        Task<CanReplayReport>? car = null;
        if (bus is SimulatedCanNode node)
        {
            var spec = SimulatedBusSpec.Parse(name, "IF");
            var carNode = node.Bus.AddNode("car", new SimulatedNodeOptions { TransmitQueueCapacity = 256 });
            // The car needs no sub-millisecond pacing: it does not spin.
            var replay = new CanReplay(new CanReplayOptions { Speed = spec.CarSpeed, Loops = 0, SpinWindow = TimeSpan.Zero }, _time);
            car = Task.Run(() => replay.RunAsync(() => CanLogFiles.OpenReader(carLog), _ => carNode, carStop.Token), CancellationToken.None);
            stderr.WriteLine($"edgeai: {name}: a simulated car replays {Path.GetFileName(Path.GetDirectoryName(carLog))} at {spec.CarSpeed.ToString("0.##", CultureInfo.InvariantCulture)}x, looping");
        }

        using var capture = outPath is null ? null : new CaptureFile(outPath, rotateBytes, rotateAfter, _time, channels, stderr);
        using var console = outPath is null ? OutputStream.For(stdout) : null;
        using var lines = console is null ? null : new CandumpLogWriter(console, "stdout", new CanLogWriteOptions { Channels = channels });
        var decoded = database is null ? null : new DecodedPrinter(database, outPath is null ? null : stdout);
        if (capture is not null) stderr.WriteLine($"edgeai: capturing {name} into {capture.Path} (Ctrl+C stops)");
        using var systemd = SystemdNotifier.FromEnvironment(_time);
        systemd.Ready(capture is null ? $"capturing {name}" : $"capturing {name} into {capture.Path}");

        var buffer = new CanFrame[256];
        long frames = 0;
        Task<bool>? waiting = null;
        try
        {
            while (true)
            {
                // The loop wakes at least every flush interval, so a ping from here proves the capture is alive.
                systemd.PingWatchdogIfDue();
                int n = bus.TryReceive(buffer);
                for (int i = 0; i < n; i++)
                {
                    ref readonly var frame = ref buffer[i];
                    if (ids is not null && !frame.IsError && !ids.Contains(frame.Id)) continue;
                    frames++;
                    capture?.Write(in frame);
                    lines?.Write(in frame);
                    if (decoded is not null)
                    {
                        if (lines is not null) lines.Complete();
                        decoded.Print(in frame, console);
                    }
                }
                if (n > 0)
                {
                    capture?.FlushIfDue();
                    continue;
                }
                capture?.FlushIfDue();
                lines?.Complete();
                console?.Flush();
                waiting ??= bus.WaitToReceiveAsync(cancellation).AsTask();
                // Wake at least every flush interval so buffered lines reach the disk even when the bus goes quiet.
                var done = await Task.WhenAny(waiting, Task.Delay(CaptureFile.FlushInterval, _time, cancellation));
                if (done != waiting) continue;
                bool open = await waiting;
                waiting = null;
                if (!open) break;
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM: the final flush below ends the capture cleanly.
        }
        systemd.Stopping();
        await carStop.CancelAsync();
        if (car is not null) await car;
        lines?.Complete();
        console?.Flush();
        capture?.Flush();
        stderr.WriteLine($"edgeai: {frames} frames captured" + (capture is null ? "" : $" into {capture.Path}" + (capture.Rotations > 0 ? $" ({capture.Rotations} rotated files)" : ""))
            + FramesLostText.Suffix(bus));
        return ExitCodes.Ok;
    }

    /// <summary>Decoded signals of a frame as one indented text line, after the frame's candump line (or alone with --out).</summary>
    private sealed class DecodedPrinter(DbcDatabase database, TextWriter? writer)
    {
        private readonly double[] _values = new double[Math.Max(database.MaxSignalCount, 1)];

        public void Print(in CanFrame frame, Stream? console)
        {
            if (!database.TryGetDecoder(in frame, out var decoder)) return;
            decoder.Decode(in frame, _values);
            var text = new StringBuilder(writer is null ? "    " : (frame.TimestampNs / 1e9).ToString("F6", CultureInfo.InvariantCulture) + " ").Append(decoder.Message.Name).Append(':');
            var signals = decoder.Message.Signals;
            for (int i = 0; i < decoder.SignalCount; i++)
            {
                if (double.IsNaN(_values[i])) continue;
                text.Append(' ').Append(signals[i].Name).Append('=').Append(signals[i].Round(_values[i]).ToString(CultureInfo.InvariantCulture));
                if (signals[i].Unit.Length > 0) text.Append(' ').Append(signals[i].Unit);
            }
            text.Append('\n');
            if (writer is not null) writer.Write(text.ToString());
            else console!.Write(Encoding.UTF8.GetBytes(text.ToString()));
        }
    }
}
