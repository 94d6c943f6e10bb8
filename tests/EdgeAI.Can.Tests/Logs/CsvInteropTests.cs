using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Logs;

/// <summary>CSV against python-can 4.1's CSVWriter/CSVReader.</summary>
public class CsvInteropTests
{
    private const long Microsecond = 1000;

    [Fact]
    public void PythonCanWrites_FramesOfEveryKind_EdgeAiReadsThemAll()
    {
        if (ExternalTool.PythonCanMissingReason is { } reason) Assert.Skip(reason);
        using var dir = new TempDirectory();
        string path = dir.File("python.csv");
        var frames = RandomFrames.Make(600, FrameFeatures.Extended | FrameFeatures.Remote | FrameFeatures.Error | FrameFeatures.Fd, seed: 61);

        PythonCanPeer.Write("csv", path, frames.Select(PythonCanMessage.From));
        var log = LogIo.ReadFile(path);

        // No FD column: more than 8 bytes reads as CAN FD without BRS/ESI, up to 8 bytes as classic CAN.
        var expected = frames.Select(f => f.IsFd
            ? new CanFrame(f.Id, f.Data, (f.Flags & CanFlags.Extended) | (f.Length > 8 ? CanFlags.Fd : 0), f.TimestampNs, 0)
            : f).ToList();
        FrameAssert.Equal(expected, FrameComparison.Channels("can0"), log.Frames, log.Channels, toleranceNs: Microsecond);
    }

    [Fact]
    public void EdgeAiWrites_FramesTheFormatHolds_PythonCanReadsThemAll()
    {
        if (ExternalTool.PythonCanMissingReason is { } reason) Assert.Skip(reason);
        using var dir = new TempDirectory();
        string path = dir.File("edgeai.csv");
        var frames = RandomFrames.Make(600, FrameFeatures.Extended | FrameFeatures.Remote | FrameFeatures.Error, seed: 62);

        var losses = LogIo.WriteFile(path, frames);
        var messages = PythonCanPeer.Read("csv", path);

        Assert.Empty(losses);
        Assert.Equal(frames.Count, messages.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            var m = messages[i];
            Assert.True(Math.Abs(m.TimestampNs - frames[i].TimestampNs) <= Microsecond, $"frame {i}: {m} is not at {frames[i]}");
            // python-can's CSV reader has no channel and calls every frame received.
            var expected = PythonCanMessage.From(frames[i]) with { Timestamp = m.Timestamp, Channel = null, Rx = true };
            Assert.Equal(expected.ToString(), m.ToString());
        }
    }
}
