using System.CommandLine;
using System.Text.Json;
using EdgeAI.Cli.Commands;
using EdgeAI.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAI.Cli.Tests.Can;

public class CanReplayCommandTests
{
    private const int DriveFrames = 303_920;

    [Fact]
    public void Replay_BundledDriveOntoSimAtMaxSpeed_EveryFrameArrivesInOrder()
    {
        var (code, stdout, stderr) = CliRunner.Run("can", "replay", RepoPaths.CityDriveLog, "--to", "sim", "--speed", "max", "--json");

        Assert.True(code == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(DriveFrames, root.GetProperty("frames_sent").GetInt64());
        Assert.Equal(0, root.GetProperty("frames_delayed").GetInt64());
        var check = root.GetProperty("checks")[0];
        Assert.Equal(DriveFrames, check.GetProperty("received").GetInt64());
        Assert.Equal(DriveFrames, check.GetProperty("in_order").GetInt64());
        Assert.Equal(0, check.GetProperty("out_of_order").GetInt64());
        Assert.Equal(0, check.GetProperty("missing").GetInt64());
        Assert.True(check.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Replay_TenTimesOnVirtualClock_EveryFrameInOrderWithZeroSendError()
    {
        // The first 30 s of the drive at 10x: 3 s of virtual time, moved in 1 ms steps while the command runs.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 14, 8, 0, 0, TimeSpan.Zero));
        var root = new RootCommand { new CanReplayCommand(clock) };
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var parse = root.Parse(["replay", RepoPaths.CityDriveLog, "--to", "sim", "--speed", "10", "--end", "30"]);
        var run = Task.Run(() => parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);

        for (int i = 0; i < 100_000 && !run.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            if (i % 64 == 0) await Task.Delay(1, TestContext.Current.CancellationToken); // let the command's own tasks run
        }

        Assert.Equal(0, await run);
        string text = stdout.ToString();
        Assert.Matches(@"frames sent\s+(\d+) \(read \1, filtered 0, delayed 0, dropped 0\)", text);
        Assert.Contains("0 out of order, 0 missing, 0 receive overflows: every frame arrived in order", text);
        Assert.Contains("wall time        3.0", text);
    }

    [Fact]
    public void Replay_BusOffInjectedMidReplay_IsReportedAndTheReplayResumes()
    {
        // 8 s of drive at 10x (about 0.8 s); the replay's node goes bus-off 0.2 s in, for 0.2 s.
        var (code, stdout, stderr) = CliRunner.Run("can", "replay", RepoPaths.CityDriveLog, "--to", "sim:busoff=0.2s+0.2s", "--speed", "10", "--end", "8", "--json");

        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("is bus-off at", stderr);
        Assert.Contains("recovered after", stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        var busOff = Assert.Single(root.GetProperty("bus_off").EnumerateArray());
        Assert.InRange(busOff.GetProperty("recovered_after_s").GetDouble(), 0.1, 0.3);
        Assert.True(busOff.GetProperty("frames_waiting").GetInt64() > 100, "the frames due while off went out on recovery");
        Assert.Equal(root.GetProperty("frames_read").GetInt64(), root.GetProperty("frames_sent").GetInt64());
        Assert.True(root.GetProperty("checks")[0].GetProperty("ok").GetBoolean());
        Assert.Equal(root.GetProperty("frames_sent").GetInt64(), root.GetProperty("checks")[0].GetProperty("in_order").GetInt64());
    }

    [Fact]
    public void Replay_LoopTwiceWithIdsByMessageName_SendsThoseFramesTwiceInOrder()
    {
        var (code, stdout, stderr) = CliRunner.Run("can", "replay", RepoPaths.CityDriveLog, "--to", "sim", "--speed", "max", "--loop", "2",
            "--end", "10", "--dbc", RepoPaths.DemoDbc, "--ids", "VCU_DriveState,0A0");

        Assert.True(code == 0, stderr + stdout);
        var drive = EdgeAI.TestKit.LogIo.ReadFile(RepoPaths.CityDriveLog).Frames;
        long t0 = drive[0].TimestampNs;
        int expected = drive.Count(f => f.TimestampNs - t0 <= 10_000_000_000 && f.Id is 0xC0 or 0xA0);
        Assert.Contains($"frames sent      {2 * expected} ", stdout);
        Assert.Contains($"{2 * expected} in order, 0 out of order, 0 missing", stdout);
        Assert.Contains("loops            2", stdout);
    }

    [Theory]
    [InlineData("--speed", "0", "--speed: expected a factor from 0.1 to 100 or 'max'")]
    [InlineData("--to", "sim:busoff=5s", "--to: expected busoff=START+DURATION")]
    [InlineData("--map", "can0", "--map: expected CHANNEL=INTERFACE")]
    [InlineData("--ids", "NoSuchMessage", "--ids: expected hex CAN ids")]
    public void Replay_BadOption_OneLineAndExitTwo(string option, string value, string message)
    {
        var args = new List<string> { "can", "replay", RepoPaths.CityDriveLog, "--end", "1" };
        if (option != "--to") args.AddRange(["--to", "sim"]);
        args.AddRange([option, value]);

        var (code, _, stderr) = CliRunner.Run([.. args]);

        Assert.Equal(2, code);
        Assert.StartsWith("edgeai: " + message, stderr.Trim());
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void Replay_ToSocketCanOnKernelWithoutAfCan_OneLineExit2()
    {
        string? noAfCan = EdgeAI.Drivers.SocketCan.SocketCanBus.ProbeKernelSupport();
        if (noAfCan is null) Assert.Skip("this kernel has AF_CAN: the replay would really open can0");
        var (code, _, stderr) = CliRunner.Run("can", "replay", RepoPaths.CityDriveLog, "--to", "can0", "--speed", "max");
        Assert.Equal(2, code);
        Assert.Equal("edgeai: can0: this kernel has no SocketCAN (AF_CAN) support; load can/can_raw or use --to sim", stderr.Trim());
    }
}
