using System.Diagnostics;
using EdgeAI.Can.Logs;
using EdgeAI.Cli.Output;
using EdgeAI.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAI.Cli.Tests.Can;

public class CanDumpCommandTests
{
    private static readonly Lazy<List<CanFrame>> Drive = new(() => EdgeAI.TestKit.LogIo.ReadFile(RepoPaths.CityDriveLog).Frames);

    [Fact]
    public void Dump_KilledMidCaptureOnSimulatedBus_FileIsAnIntactPrefixOfTheDrive()
    {
        using var dir = new TempDirectory();
        string capture = dir.File("capture.log");
        using var process = StartEdgeai("can", "dump", "sim:speed=10", "--out", capture);
        try
        {
            WaitForFlushes(capture, 3);
        }
        finally
        {
            process.Kill(); // SIGKILL: no chance to flush anything more
            process.WaitForExit(10_000);
        }

        AssertPrefixOfDrive(capture);
    }

    [Fact]
    public async Task Dump_SigTerm_EndsCleanlyWithAFinalFlushOfEveryFrame()
    {
        using var dir = new TempDirectory();
        string capture = dir.File("capture.log");
        using var process = StartEdgeai("can", "dump", "sim:speed=10", "--out", capture);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        WaitForFlushes(capture, 1);

        ExternalTool.Run("/bin/kill", ["-TERM", process.Id.ToString()]);
        Assert.True(process.WaitForExit(15_000), "edgeai did not stop on SIGTERM");

        Assert.Equal(0, process.ExitCode);
        int frames = AssertPrefixOfDrive(capture);
        Assert.Contains($"edgeai: {frames} frames captured into {capture}", await stderr);
    }

    [Fact]
    public void CaptureFile_ReopenedAfterACrashInsideAWrite_PartialLineIsCutBeforeAppending()
    {
        using var dir = new TempDirectory();
        string path = dir.File("capture.log");
        File.WriteAllText(path, "(1700000000.000000) can0 123#01\n(1700000000.100000) can0 124#02\n(1700000000.2000");
        var notices = new StringWriter();

        using (var capture = new CaptureFile(path, null, null, new FakeTimeProvider(), Channels("can0"), notices))
            capture.Write(new CanFrame(0x125, [3], CanFlags.Rx, 1_700_000_000_300_000_000));

        Assert.Contains("removed a partial last line (16 bytes)", notices.ToString());
        var frames = LogIo(path);
        Assert.Equal([0x123u, 0x124u, 0x125u], frames.Select(f => f.Id));
        Assert.EndsWith("\n", File.ReadAllText(path));
    }

    [Fact]
    public void CaptureFile_SizeLimit_RotatesToNumberedFilesOldestFirst()
    {
        using var dir = new TempDirectory();
        string path = dir.File("capture.log");
        var clock = new FakeTimeProvider();
        var written = new List<CanFrame>();

        using (var capture = new CaptureFile(path, rotateBytes: 1000, null, clock, Channels("can0"), TextWriter.Null))
        {
            for (int i = 0; i < 100; i++)
            {
                var frame = new CanFrame((uint)i, [(byte)i, 0, 0, 0, 0, 0, 0, 0], CanFlags.Rx, 1_700_000_000_000_000_000 + i * 1_000_000L);
                written.Add(frame);
                capture.Write(frame);
                clock.Advance(TimeSpan.FromMilliseconds(100));
                capture.FlushIfDue();
            }
            Assert.True(capture.Rotations >= 3);
        }

        var files = Directory.GetFiles(dir.Path, "capture.*.log").Order(StringComparer.Ordinal).Append(path).ToList();
        Assert.StartsWith(dir.File("capture.000001.log"), files[0]);
        var all = files.SelectMany(LogIo).ToList();
        Assert.Equal(written.Select(f => f.Id), all.Select(f => f.Id));
        // Each file ends at the first flush that took it past the limit (flushes here carry 5 lines).
        Assert.All(files.SkipLast(1), f => Assert.InRange(new FileInfo(f).Length, 1000, 1300));
    }

    [Fact]
    public void CaptureFile_TimeLimit_RotatesAfterTheGivenTime()
    {
        using var dir = new TempDirectory();
        string path = dir.File("capture.log");
        var clock = new FakeTimeProvider();

        using (var capture = new CaptureFile(path, null, TimeSpan.FromMinutes(1), clock, Channels("can0"), TextWriter.Null))
        {
            for (int i = 0; i < 150; i++)
            {
                capture.Write(new CanFrame((uint)i, [1], CanFlags.Rx, 1_700_000_000_000_000_000 + i * 1_000_000_000L));
                clock.Advance(TimeSpan.FromSeconds(1));
                capture.FlushIfDue();
            }
            Assert.Equal(2, capture.Rotations);
        }

        Assert.Equal(60, LogIo(dir.File("capture.000001.log")).Count);
        Assert.Equal(60, LogIo(dir.File("capture.000002.log")).Count);
        Assert.Equal(30, LogIo(path).Count);
    }

    [Theory]
    [InlineData("--rotate-size", "12X", "--rotate-size: expected a size such as 1048576, 64M or 1G, found '12X'")]
    [InlineData("--rotate-time", "soon", "--rotate-time: expected a duration from 0 to 1000000s such as 500ms, 30s, 10m or 1h, found 'soon'")]
    public void Dump_BadOption_OneLineAndExitTwo(string option, string value, string message)
    {
        using var dir = new TempDirectory();

        var (code, _, stderr) = CliRunner.Run("can", "dump", "sim", "--out", dir.File("x.log"), option, value);

        Assert.Equal(2, code);
        Assert.Equal("edgeai: " + message, stderr.Trim());
    }

    private static int AssertPrefixOfDrive(string capture)
    {
        Assert.EndsWith("\n", File.ReadAllText(capture));
        var frames = LogIo(capture); // every line parses (the reader is strict)
        Assert.True(frames.Count > 100, $"only {frames.Count} frames captured");
        var drive = Drive.Value;
        for (int i = 0; i < frames.Count; i++)
            Assert.True(frames[i].Id == drive[i].Id && frames[i].Data.SequenceEqual(drive[i].Data), $"frame {i}: expected {drive[i]}, got {frames[i]}");
        return frames.Count;
    }

    private static List<CanFrame> LogIo(string path) => EdgeAI.TestKit.LogIo.ReadFile(path).Frames;

    private static CanChannelTable Channels(string name)
    {
        var table = new CanChannelTable();
        table.GetOrAdd(name);
        return table;
    }

    /// <summary>Waits until the file has grown <paramref name="flushes"/> times (each growth is one flush of whole lines).</summary>
    private static void WaitForFlushes(string path, int flushes)
    {
        var watch = Stopwatch.StartNew();
        long last = 0;
        int seen = 0;
        while (seen < flushes)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"the capture grew only {seen} times in 60 s");
            Thread.Sleep(20);
            long size = File.Exists(path) ? new FileInfo(path).Length : 0;
            if (size > last) { seen++; last = size; }
        }
    }

    private static Process StartEdgeai(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edgeai.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }
}
