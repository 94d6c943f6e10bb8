using EdgeAI.Can.Logs;
using EdgeAI.Can.Logs.Asc;
using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Logs;

/// <summary>ASC against its peers: python-can 4.1's ASCWriter/ASCReader and can-utils' log2asc/asc2log.</summary>
public class AscInteropTests
{
    private const long Microsecond = 1000;
    private static readonly CanChannelTable ThreeChannels = FrameComparison.Channels("can0", "can1", "can2");

    // asc2log parses the header date only in an en_US locale, which this machine may not have installed:
    // build one with localedef into a private folder (null when that is not possible).
    private static readonly Lazy<string?> EnUsLocale = new(() =>
    {
        if (ExternalTool.MissingProgramReason("localedef", "libc-bin") is not null) return null;
        string dir = Path.Combine(Path.GetTempPath(), "edgeai-test-locale");
        string target = Path.Combine(dir, "en_US");
        if (!File.Exists(Path.Combine(target, "LC_TIME")))
        {
            Directory.CreateDirectory(dir);
            ExternalTool.RunRaw("localedef", ["-i", "en_US", "-f", "UTF-8", target]);
        }
        return File.Exists(Path.Combine(target, "LC_TIME")) ? dir : null;
    });

    private static CanFrame AsAscErrorFrame(CanFrame f) =>
        f.IsError ? new CanFrame(AscLogReader.ErrorFrameClass, new byte[8], CanFlags.Error, f.TimestampNs, f.Channel) : f;

    [Fact]
    public void PythonCanWrites_FramesOfEveryKind_EdgeAiReadsThemAll()
    {
        if (ExternalTool.PythonCanMissingReason is { } reason) Assert.Skip(reason);
        using var dir = new TempDirectory();
        string path = dir.File("python.asc");
        // python-can dates its trigger block with the first frame's time in whole milliseconds.
        var random = RandomFrames.Make(600, FrameFeatures.All, seed: 21);
        long shift = random[0].TimestampNs % 1_000_000;
        var frames = random.Select(f => f.WithTimestamp(f.TimestampNs - shift)).ToList();

        PythonCanPeer.Write("asc", path, frames.Select(PythonCanMessage.From));
        var log = LogIo.ReadFile(path); // python-can writes local time, EdgeAI reads local time by default

        // python-can writes error frames as "1  ErrorFrame" whatever their channel.
        var expected = frames.Select(f => f.IsError ? AsAscErrorFrame(f).WithChannel(0) : f).ToList();
        FrameAssert.Equal(expected, ThreeChannels, log.Frames, log.Channels, toleranceNs: Microsecond);
        Assert.Contains(log.Frames, f => f.IsFd && (f.Flags & CanFlags.Brs) != 0);
        Assert.Contains(log.Frames, f => f.IsRemote && f.Dlc > 0);
    }

    [Fact]
    public void EdgeAiWrites_FramesOfEveryKind_PythonCanReadsThemAll()
    {
        if (ExternalTool.PythonCanMissingReason is { } reason) Assert.Skip(reason);
        using var dir = new TempDirectory();
        string path = dir.File("edgeai.asc");
        var frames = RandomFrames.Make(600, FrameFeatures.All, seed: 22);

        LogIo.WriteFile(path, frames);
        var messages = PythonCanPeer.Read("asc", path);

        Assert.Equal(frames.Count, messages.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            var f = frames[i];
            var m = messages[i];
            Assert.True(Math.Abs(m.TimestampNs - f.TimestampNs) <= Microsecond, $"frame {i}: {m} is not at {f}");
            Assert.Equal(f.Channel, m.Channel);
            if (f.IsError)
            {
                Assert.True(m.Error, $"frame {i}: {m}");
                continue;
            }
            var expected = PythonCanMessage.From(f) with { Timestamp = m.Timestamp };
            // python-can takes a CAN FD line with no data for a remote frame.
            if (f.IsFd && f.Length == 0) expected = expected with { Remote = true };
            Assert.Equal(expected.ToString(), m.ToString());
        }
    }

    [Fact]
    public void Log2Asc_CandumpLog_EdgeAiReadsTheSameFrames()
    {
        string? missing = ExternalTool.MissingProgramReason("log2asc", "can-utils");
        if (missing is not null) Assert.Skip(missing);
        using var dir = new TempDirectory();
        var frames = RandomFrames.Make(600, FrameFeatures.All, seed: 23);
        string candump = dir.File("drive.log"), asc = dir.File("drive.asc");
        LogIo.WriteFile(candump, frames, new CanLogWriteOptions { Channels = ThreeChannels });
        var original = LogIo.ReadFile(candump);

        ExternalTool.Run("/usr/bin/env", ["TZ=UTC", "log2asc", "-I", candump, "-O", asc, "can0", "can1", "can2"]);
        var log = LogIo.ReadFile(asc, new CanLogReadOptions { TimeZone = TimeZoneInfo.Utc });

        // log2asc dates the file with the first frame's whole second (ctime) and counts from the frame itself.
        long lostFraction = original.Frames[0].TimestampNs % 1_000_000_000;
        var expected = original.Frames.Select(f => AsAscErrorFrame(f).WithTimestamp(f.TimestampNs - lostFraction)).ToList();
        FrameAssert.Equal(expected, original.Channels, log.Frames, log.Channels);
    }

    [Fact]
    public void Asc2Log_EdgeAiAsc_GivesTheSameFramesAsCandump()
    {
        string? missing = ExternalTool.MissingProgramReason("asc2log", "can-utils");
        if (missing is not null) Assert.Skip(missing);
        using var dir = new TempDirectory();
        var frames = RandomFrames.Make(600, FrameFeatures.All, seed: 24);
        string asc = dir.File("drive.asc"), candump = dir.File("back.log");
        LogIo.WriteFile(asc, frames, new CanLogWriteOptions { TimeZone = TimeZoneInfo.Utc });

        // With the locale asc2log reads the date (without, it dates the log "now" and its time arithmetic can carry wrongly).
        string? locale = EnUsLocale.Value;
        ExternalTool.Run("/usr/bin/env", ["TZ=UTC", "LOCPATH=" + (locale ?? "/nonexistent"), "asc2log", "-I", asc, "-O", candump]);
        var back = LogIo.ReadFile(candump);

        // asc2log (2020.11) leaves tm_isdst unset when it converts the date, so its start may be an hour off:
        // compare times from the first frame, exactly.
        long shift = back.Frames[0].TimestampNs - frames[0].TimestampNs;
        var expected = frames.Select(f => AsAscErrorFrame(f).WithTimestamp(f.TimestampNs + shift)).ToList();
        FrameAssert.Equal(expected, ThreeChannels, back.Frames, back.Channels);
        if (locale is not null) Assert.True(shift % 3_600_000_000_000L == 0, $"asc2log moved the start by {shift} ns, not whole hours");
    }
}
