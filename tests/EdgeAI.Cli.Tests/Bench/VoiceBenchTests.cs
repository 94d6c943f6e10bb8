using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Bench;

/// <summary>
/// <c>edgeai bench voice --repeat 1 --json</c> as a user runs it: every figure is there, in its unit, finite and positive
/// where it is a time, with its peer where it has one and its notes. Speeds are not asserted (they go in
/// docs/benchmarks.md); what does not depend on the machine is: the VAD and the wake detector allocate nothing per
/// chunk, both decoders agree on what was said, and the corpus's commands are mostly heard exactly.
/// </summary>
public sealed class VoiceBenchTests
{
    private static readonly (string Name, string Unit)[] Figures =
    [
        ("voice: VAD real-time factor", "rtf"), ("voice: wake real-time factor", "rtf"), ("voice: recognition real-time factor", "rtf"),
        ("voice: recognition load+decode vs CLI process", "s"),
        ("voice: end of speech -> transcript p50", "ms"), ("voice: end of speech -> transcript p99", "ms"),
        ("voice: end of speech -> intent p50", "ms"), ("voice: end of speech -> intent p99", "ms"),
        ("process: voice FILE --text-only", "s"),
    ];

    [Fact]
    public void BenchVoice_Json_EveryFigureInItsUnitWithItsPeerAndNotes()
    {
        Assert.SkipWhen(!File.Exists("/usr/share/pocketsphinx/model/en-us/en-us/mdef"), "pocketsphinx's model is missing: apt-get install pocketsphinx-en-us libpocketsphinx3");
        foreach (var (program, package) in new[] { ("espeak-ng", "espeak-ng"), ("pocketsphinx_continuous", "pocketsphinx") })
            if (ExternalTool.MissingProgramReason(program, package) is { } missing) Assert.Skip(missing);
        try { new EdgeAI.Inference.Models.ModelCache().GetPath("silero-vad"); }
        catch (EdgeAI.Inference.Models.ModelNotAvailableException e) { Assert.Skip(e.Message); }

        var byName = BenchRun.Results(Figures, "voice", "--repeat", "1");
        foreach (var (name, _) in Figures) Assert.True(byName[name]["lower_is_better"]!.GetValue<bool>(), name);
        double Value(string name) => byName[name]["value"]!.GetValue<double>();
        string Note(string name) => byName[name]["note"]!.GetValue<string>();
        // 0 B per chunk does not depend on the machine
        Assert.Equal(0, byName["voice: VAD real-time factor"]["bytes_per_item"]!.GetValue<double>());
        Assert.Equal(0, byName["voice: wake real-time factor"]["bytes_per_item"]!.GetValue<double>());
        // the peer ran on the same file, and both decoders heard the same sentences
        foreach (string name in (string[])["voice: recognition real-time factor", "voice: recognition load+decode vs CLI process", "process: voice FILE --text-only"])
        {
            Assert.StartsWith("pocketsphinx_continuous", byName[name]["peer"]!.GetValue<string>());
            Assert.True(byName[name]["peer_value"]!.GetValue<double>() > 0, name);
        }
        var agreement = System.Text.RegularExpressions.Regex.Match(Note("voice: recognition load+decode vs CLI process"), @"^overhead [+-]\d+\.\d %, goal <= 5 %: (met|NOT met); .* utterances: ours (\d+), its (\d+), same text (\d+)$");
        Assert.True(agreement.Success, Note("voice: recognition load+decode vs CLI process"));
        int ours = int.Parse(agreement.Groups[2].Value), same = int.Parse(agreement.Groups[4].Value);
        Assert.True(same >= ours - 2, $"only {same} of our {ours} utterances read as the CLI's");
        var heard = System.Text.RegularExpressions.Regex.Match(Note("voice: end of speech -> transcript p50"), @"^(\d+) transcripts of (\d+) utterances, (\d+) exact; ");
        Assert.True(heard.Success, Note("voice: end of speech -> transcript p50"));
        Assert.Equal(56, int.Parse(heard.Groups[2].Value));
        Assert.True(int.Parse(heard.Groups[3].Value) >= 40, Note("voice: end of speech -> transcript p50"));
        Assert.True(Value("voice: end of speech -> transcript p50") <= Value("voice: end of speech -> transcript p99"));
        Assert.True(Value("voice: end of speech -> intent p50") <= Value("voice: end of speech -> intent p99"));
        Assert.Matches(@"^goal <= 300 ms: (met|NOT met)$", Note("voice: end of speech -> intent p50"));
    }
}
