using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeAI.Can.Logs;
using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Corpus;

/// <summary>
/// Every log in Corpus/python-can (files python-can's own tests read: CANoe ASC, Vector binlog BLF, PEAK TRC 1.0-2.1)
/// reads in EdgeAI as python-can 4.1 reads it, frame for frame (time to the µs, id, flags, DLC, data, channel,
/// direction), except for the differences docs/log-formats.md lists under "Tested against", which are asserted here.
/// One python process reads every file of a format.
/// </summary>
public sealed class CorpusLogTests
{
    private static readonly string Folder = RepoPaths.Get("tests", "EdgeAI.Can.Tests", "Corpus", "python-can");

    private const string ReadScript = """
        import os, sys, json, time, can
        os.environ["TZ"] = "UTC"
        time.tzset()
        kind = sys.argv[1]
        out = {}
        for path in sys.argv[2:]:
            try:
                if kind == "asc": reader = can.ASCReader(path, relative_timestamp=False)
                elif kind == "trc": reader = can.TRCReader(path)
                else: reader = can.BLFReader(path)
                msgs = []
                for m in reader:
                    msgs.append("%d %X %d%d%d%d%d%d %d %s %s %s" % (round(m.timestamp * 1e6), m.arbitration_id, m.is_extended_id,
                        m.is_remote_frame, m.is_error_frame, m.is_fd, m.bitrate_switch, m.error_state_indicator, m.dlc,
                        bytes(m.data).hex().upper(), (m.channel + (0 if kind == "trc" else 1)) if isinstance(m.channel, int) else "-", "Rx" if m.is_rx else "Tx"))
                out[os.path.basename(path)] = msgs
            except Exception as e:
                out[os.path.basename(path)] = ["error: " + type(e).__name__]
        print(json.dumps(out))
        """;

    /// <summary>Files python-can 4.1 reads differently: frames EdgeAI reads, frames python-can reads (-1: it fails),
    /// and the difference, which docs/log-formats.md gives under "Tested against" with the file's name.</summary>
    private static readonly Dictionary<string, (int Ours, int Theirs, string Why)> Documented = new(StringComparer.Ordinal)
    {
        ["logfile.asc"] = (20, 20, "error frames: CAN_ERR_BUSERROR with 8 zero bytes; python-can: id 0, no data"),
        ["logfile_errorframes.asc"] = (12, 12, "error frames"),
        ["test_CanErrorFrames.asc"] = (4, 4, "error frames"),
        ["issue_1299.asc"] = (4, 4, "'d D' with 8 bytes: python-can gives dlc 32 (the CAN FD length of DLC 13)"),
        ["single_frame.asc"] = (1, 1, "'d 40' with 64 bytes: python-can keeps 8 of them"),
        ["test_CanFdRemoteMessage.asc"] = (1, 1, "CANFD line without EDL and with the remote flag: a classic remote frame; python-can says CAN FD"),
        ["issue_1905.blf"] = (22, 22, "CAN_FD_MESSAGE_64 storing fewer bytes than its DLC: zero-padded; python-can reads into the next object"),
        ["test_CanErrorFrameExt.blf"] = (2, 2, "CAN_ERROR_EXT DLC byte 0x66: 6 bytes; python-can gives dlc 102 and 8 bytes"),
        ["test_CanMessage.blf"] = (0, 2, "direction 2: transmit requests, skipped and named"),
        ["test_CanMessage2.blf"] = (0, 2, "direction 2: transmit requests"),
        ["test_CanFdMessage.blf"] = (0, 2, "direction 2: transmit requests"),
        ["test_CanFdMessage64.blf"] = (1, 2, "filler id 0x55555555 without the extended bit: 'expected an 11-bit id' (1 line: the error)"),
        ["test_CanMessage.trc"] = (2, 2, "python-can 4.1 ignores ;$STARTTIME"),
        ["test_CanMessage_V1_0_BUS1.trc"] = (11, -1, "python-can 4.1 reads only TRC 2.1"),
        ["test_CanMessage_V1_1.trc"] = (11, -1, "python-can 4.1 reads only TRC 2.1"),
        ["test_CanMessage_V1_3.trc"] = (11, -1, "python-can 4.1 reads only TRC 2.1"),
        ["test_CanMessage_V2_0_BUS1.trc"] = (11, -1, "python-can 4.1 reads only TRC 2.1"),
        ["test_CanMessage_V2_1.trc"] = (11, 10, "python-can 4.1 skips RR lines and ignores ;$STARTTIME"),
    };

    public static TheoryData<string> Formats => new() { "asc", "blf", "trc" };

    [Theory]
    [MemberData(nameof(Formats))]
    public void EveryCorpusLog_ReadsAsPythonCanReadsIt(string kind)
    {
        Assert.SkipWhen(ExternalTool.PythonCanMissingReason is not null, ExternalTool.PythonCanMissingReason ?? "");
        var files = Directory.GetFiles(Folder, "*." + kind).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(files);
        var peer = JsonDocument.Parse(ExternalTool.RunPython(ReadScript, [kind, .. files])).RootElement;
        var report = new StringBuilder();
        foreach (var file in files)
        {
            string name = Path.GetFileName(file);
            var theirs = peer.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToList();
            var ours = ReadWithEdgeAI(file);
            bool theyFail = theirs.Count == 1 && theirs[0].StartsWith("error: ", StringComparison.Ordinal);
            if (Documented.TryGetValue(name, out var documented))
            {
                // A documented difference: still there, with the frame counts the documentation gives, and named in it.
                if (ours.SequenceEqual(theirs) || ours.Count != documented.Ours || (theyFail ? -1 : theirs.Count) != documented.Theirs
                    || !Docs.Value.Contains(name, StringComparison.Ordinal))
                {
                    report.AppendLine($"{name}: documented as {documented}, found EdgeAI {ours.Count} frames, python-can {(theyFail ? -1 : theirs.Count)}; same: {ours.SequenceEqual(theirs)}");
                    Show(report, ours, theirs);
                }
                continue;
            }
            if (ours.SequenceEqual(theirs)) continue;
            report.AppendLine($"{name}: EdgeAI {ours.Count} frames, python-can {theirs.Count}");
            Show(report, ours, theirs);
        }
        Assert.True(report.Length == 0, report.ToString());
    }

    /// <summary>The first lines that differ, ours above theirs.</summary>
    private static void Show(StringBuilder report, List<string> ours, List<string> theirs)
    {
        int shown = 0;
        for (int i = 0; i < Math.Max(ours.Count, theirs.Count) && shown < 4; i++)
        {
            string a = i < ours.Count ? ours[i] : "-", b = i < theirs.Count ? theirs[i] : "-";
            if (a == b) continue;
            report.AppendLine($"  #{i} ours   {a}\n  #{i} theirs {b}");
            shown++;
        }
    }

    private static readonly Lazy<string> Docs = new(() => File.ReadAllText(RepoPaths.Get("docs", "log-formats.md")));

    private static List<string> ReadWithEdgeAI(string file)
    {
        var lines = new List<string>();
        try
        {
            using var reader = CanLogFiles.OpenReader(file, new CanLogReadOptions { TimeZone = TimeZoneInfo.Utc });
            while (reader.TryRead(out var f))
            {
                var flags = f.Flags;
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{Math.Round(f.TimestampNs / 1000.0)} {f.Id:X} {B(f.IsExtended)}{B(f.IsRemote)}{B(f.IsError)}{B(f.IsFd)}{B((flags & CanFlags.Brs) != 0)}{B((flags & CanFlags.Esi) != 0)} {(f.IsRemote ? f.Dlc : f.Length)} {Convert.ToHexString(f.Data)} {f.Channel + 1} {((flags & CanFlags.Tx) != 0 ? "Tx" : "Rx")}"));
            }
        }
        catch (Exception e)
        {
            lines.Add("error: " + e.Message);
        }
        return lines;
    }

    private static int B(bool value) => value ? 1 : 0;
}
