using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Can;

/// <summary>
/// The interop promise end to end: python-can 4.1 writes a log in each format, <c>edgeai can convert</c> turns it
/// into every other format, and python-can reads back the same frames — within what python-can's writer for the
/// source and its reader for the target can hold. Times are compared from the first frame (python-can's TRC
/// reader does not add the file's start time).
/// </summary>
public class ConversionMatrixTests
{
    public static TheoryData<string, string> Pairs()
    {
        var pairs = new TheoryData<string, string>();
        string[] kinds = ["log", "asc", "blf", "trc", "csv"];
        foreach (var from in kinds)
            foreach (var to in kinds)
                if (from != to) pairs.Add(from, to);
        return pairs;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Convert_LogWrittenByPythonCan_PythonCanReadsBackTheSameFrames(string from, string to)
    {
        if (ExternalTool.PythonCanMissingReason is { } missing) Assert.Skip(missing);
        using var dir = new TempDirectory();
        var written = MessagesPythonCanWrites(from);
        string source = dir.File("drive." + from), target = dir.File("converted." + to);
        PythonCanPeer.Write(from, source, written);

        var (code, _, stderr) = CliRunner.Run("can", "convert", source, target, "--tz", "UTC");
        var read = PythonCanPeer.Read(to, target);

        Assert.True(code == 0, stderr);
        Assert.Equal(Describe(ExpectedAfter(written, to)), Describe(read));
    }

    /// <summary>Classic standard and extended data frames, a remote frame and CAN FD frames, as far as python-can's writer for <paramref name="kind"/> can write them.</summary>
    private static List<PythonCanMessage> MessagesPythonCanWrites(string kind)
    {
        const decimal start = 1_717_171_717.250000m;
        var all = new List<PythonCanMessage>
        {
            new(start, 0x123, false, false, false, false, false, false, 8, [1, 2, 3, 4, 5, 6, 7, 8], 0, true),
            new(start + 0.010000m, 0x1ABCDEF0, true, false, false, false, false, false, 3, [0xAA, 0xBB, 0xCC], 0, true),
            new(start + 0.020500m, 0x7FF, false, false, false, false, false, false, 0, [], 0, true),
            new(start + 0.031250m, 0x200, false, true, false, false, false, false, 4, [], 0, true),
            new(start + 0.045000m, 0x300, false, false, false, true, true, false, 12, [.. Enumerable.Range(0, 12).Select(i => (byte)i)], 0, true),
            new(start + 0.060000m, 0x18DAF110, true, false, false, true, false, false, 64, [.. Enumerable.Range(0, 64).Select(i => (byte)(255 - i))], 0, true),
            new(start + 1.500001m, 0x456, false, false, false, false, false, false, 2, [0xDE, 0xAD], 0, true),
        };
        return kind switch
        {
            "trc" => all.Where(m => !m.Fd && !m.Remote).ToList(),       // its TRC writer writes classic data frames only
            "csv" => all.Where(m => !m.Fd).ToList(),                    // its CSV layout has no FD column
            "log" => all.Select(m => m.Remote ? m with { Dlc = 0 } : m).ToList(), // its candump writer drops the remote DLC
            _ => all,
        };
    }

    /// <summary>What python-can can read back of <paramref name="written"/> from a file of kind <paramref name="to"/>.</summary>
    private static List<PythonCanMessage> ExpectedAfter(List<PythonCanMessage> written, string to) => to switch
    {
        "trc" => written.Where(m => !m.Fd && !m.Remote && !m.Error).ToList(), // its TRC reader reads only DT lines
        "csv" => written.Select(m => m with { Fd = false, Brs = false }).ToList(), // no FD columns (EdgeAI's reader infers FD from > 8 bytes; python-can's does not)
        _ => written,
    };

    private static List<string> Describe(List<PythonCanMessage> messages) =>
        messages.Select(m => $"+{Math.Round(m.Timestamp - messages[0].Timestamp, 6):F6} id={m.Id:X} ext={m.Extended} rtr={m.Remote} " +
                             $"fd={m.Fd} brs={m.Brs} dlc={m.Dlc} data={Convert.ToHexString(m.Data)}").ToList();
}
