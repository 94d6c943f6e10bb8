using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EdgeAI.Can.Dbc;
using EdgeAI.Can.Tests.Dbc;
using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Corpus;

/// <summary>Every DBC in Corpus/opendbc (production cars) and Corpus/cantools loads, and seeded random payloads of
/// every message decode as canmatrix decodes them, signal for signal.</summary>
public sealed class CorpusDbcTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (string source in new[] { "opendbc", "cantools" })
            foreach (string path in Directory.GetFiles(RepoPaths.Get("tests", "EdgeAI.Can.Tests", "Corpus", source), "*.dbc").Order(StringComparer.Ordinal))
                data.Add(source + "/" + Path.GetFileName(path));
        return data;
    }

    /// <summary>Signals that reach past their message's size: EdgeAI does not decode them (NaN, a serious warning,
    /// <c>--strict</c> refuses the file) where canmatrix decodes the bits inside the frame. docs/log-formats.md lists them.</summary>
    private static readonly Dictionary<string, string[]> PastTheFrame = new(StringComparer.Ordinal)
    {
        ["opendbc/mazda_2017.dbc"] = ["HVAC.NEW_SIGNAL_4"], // 5 bits from Motorola bit 56 of 8 bytes: 4 lie past the end
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void CorpusDbc_LoadsAndDecodesAsCanmatrix(string file)
    {
        string path = RepoPaths.Get("tests", "EdgeAI.Can.Tests", "Corpus", file);
        var database = DbcDatabase.Load(path);
        Assert.NotEmpty(database.Decoders);
        if (ExternalTool.CanmatrixMissingReason is { } missing) Assert.Skip(missing);
        using var dir = new TempDirectory();
        string docs = File.ReadAllText(RepoPaths.Get("docs", "log-formats.md"));
        string? withBit31 = WithBit31(path, dir);
        if (withBit31 is not null) Assert.Contains(Path.GetFileName(file), docs);
        string[] pastTheFrame = PastTheFrame.GetValueOrDefault(file, []);
        foreach (string signal in pastTheFrame)
        {
            Assert.Contains(database.File.SeriousWarnings, w => w.Contains($"signal '{signal.Split('.')[1]}' reaches past the") && w.Contains($"message '{signal.Split('.')[0]}'"));
            Assert.Contains(signal, docs);
        }
        CanmatrixCrossCheckTests.CompareDecoding(path, randomFrames: 8, minimumPerFrame: 0, peerDbcPath: withBit31, notDecoded: pastTheFrame);
    }

    /// <summary>
    /// opendbc writes some 29-bit ids without bit 31 (chrysler_cusw.dbc, fca_giorgio.dbc). EdgeAI reads them as 29-bit
    /// ids; canmatrix 0.9.5 drops such a message (it logs "error with line no" and files the message's signals under
    /// the message before). So canmatrix gets a copy whose BO_ lines carry bit 31 on those ids, as CANdb++ writes them;
    /// null when the file has no such id.
    /// </summary>
    private static string? WithBit31(string path, TempDirectory dir)
    {
        bool changed = false;
        string text = Regex.Replace(File.ReadAllText(path, Encoding.Latin1), @"^BO_ (\d+) ", match =>
        {
            ulong id = ulong.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            if (id <= CanFrame.MaxStandardId || id > CanFrame.MaxExtendedId) return match.Value;
            changed = true;
            return $"BO_ {id | DbcMessage.ExtendedFlag} ";
        }, RegexOptions.Multiline);
        if (!changed) return null;
        string copy = dir.File(Path.GetFileName(path));
        File.WriteAllText(copy, text, Encoding.Latin1); // byte for byte, whatever the file's encoding
        return copy;
    }
}
