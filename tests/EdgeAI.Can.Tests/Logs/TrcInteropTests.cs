using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Logs;

/// <summary>TRC against python-can 4.1's TRCWriter/TRCReader, which handle version 2.1 data frames (DT) only.</summary>
public class TrcInteropTests
{
    private const long Microsecond = 1000;

    [Fact]
    public void PythonCanWrites_DataFrames_EdgeAiReadsThemAll()
    {
        if (ExternalTool.PythonCanMissingReason is { } reason) Assert.Skip(reason);
        using var dir = new TempDirectory();
        string path = dir.File("python.trc");
        var frames = RandomFrames.Make(600, FrameFeatures.All, seed: 41);

        PythonCanPeer.Write("trc", path, frames.Select(PythonCanMessage.From));
        var log = LogIo.ReadFile(path);

        // python-can writes only classic data frames, with times from its first message (and a start time of its own).
        var written = frames.Where(f => !f.IsFd && !f.IsRemote && !f.IsError).ToList();
        long shift = log.Frames[0].TimestampNs - written[0].TimestampNs;
        var expected = written.Select(f => f.WithTimestamp(f.TimestampNs + shift)).ToList();
        FrameAssert.Equal(expected, FrameComparison.Channels("can0", "can1", "can2"), log.Frames, log.Channels, toleranceNs: Microsecond);
    }

    [Fact]
    public void EdgeAiWrites_FramesOfEveryKind_PythonCanReadsTheDataFrames()
    {
        if (ExternalTool.PythonCanMissingReason is { } reason) Assert.Skip(reason);
        using var dir = new TempDirectory();
        string path = dir.File("edgeai.trc");
        var frames = RandomFrames.Make(600, FrameFeatures.All, seed: 42);

        LogIo.WriteFile(path, frames);
        var messages = PythonCanPeer.Read("trc", path);

        // python-can 4.1 reads the DT lines of version 2.1 and skips FD, RR and ER lines; its times are the offsets.
        var dataFrames = frames.Where(f => !f.IsFd && !f.IsRemote && !f.IsError).ToList();
        Assert.Equal(dataFrames.Count, messages.Count);
        for (int i = 0; i < dataFrames.Count; i++)
        {
            var f = dataFrames[i];
            var m = messages[i];
            long sinceFirst = m.TimestampNs - messages[0].TimestampNs;
            Assert.True(Math.Abs(sinceFirst - (f.TimestampNs - dataFrames[0].TimestampNs)) <= Microsecond, $"frame {i}: {m} is not at {f}");
            var expected = PythonCanMessage.From(f) with { Timestamp = m.Timestamp, Channel = f.Channel + 1 }; // python-can gives the bus number
            Assert.Equal(expected.ToString(), m.ToString());
        }
    }
}
