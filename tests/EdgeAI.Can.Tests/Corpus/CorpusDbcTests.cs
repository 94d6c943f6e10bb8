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

    /// <summary>DBCs EdgeAI refuses where canmatrix reads them, with the error docs/log-formats.md ("Tested against") gives.</summary>
    private static readonly Dictionary<string, string> Refused = new(StringComparer.Ordinal)
    {
        ["opendbc/chrysler_cusw.dbc"] = "expected an 11-bit id (0..2047), or bit 31 set",
        ["opendbc/fca_giorgio.dbc"] = "expected an 11-bit id (0..2047), or bit 31 set",
        ["opendbc/mazda_2017.dbc"] = "expected a message name, found '2017'",
        ["opendbc/psa_aee2010_r3.dbc"] = "expected a signal name after SG_, found '0'",
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void CorpusDbc_LoadsAndDecodesAsCanmatrix(string file)
    {
        string path = RepoPaths.Get("tests", "EdgeAI.Can.Tests", "Corpus", file);
        if (Refused.TryGetValue(file, out string? expected))
        {
            var error = Assert.Throws<DbcFormatException>(() => DbcDatabase.Load(path));
            Assert.Contains(expected, error.Message);
            Assert.Contains(Path.GetFileName(file), File.ReadAllText(RepoPaths.Get("docs", "log-formats.md")));
            return;
        }
        var database = DbcDatabase.Load(path);
        Assert.NotEmpty(database.Decoders);
        if (ExternalTool.CanmatrixMissingReason is { } missing) Assert.Skip(missing);
        CanmatrixCrossCheckTests.CompareDecoding(path, randomFrames: 8, minimumPerFrame: 0);
    }
}
