using EdgeAI.Fuzz;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Fuzz;

/// <summary>
/// CI's short mutation run (tools/EdgeAI.Fuzz): damaged logs, DBCs and video and impossible arguments through the real
/// commands find no crash, no hang and no silent loss. The documented long run is 10,000 cases (tools/EdgeAI.Fuzz/README.md).
/// </summary>
public sealed class FuzzSmokeTests
{
    [Fact]
    public void Mutations_300Cases_NoCrashHangOrSilentLoss()
    {
        using var dir = new TempDirectory();
        var cases = EdgeAI.Fuzz.Program.Run(300, seed: 11, Path.Combine(dir.Path, "work"), keep: null, TextWriter.Null);

        Assert.Equal(300, cases.Count);
        var failures = cases.Where(c => c.IsFailure || c.Verdict == FuzzCase.MultiLine).Select(c => c.ToString()).ToList();
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        // The run must have judged real damage, not only arguments.
        Assert.True(cases.Count(c => c.Target.StartsWith("drive.", StringComparison.Ordinal)) > 150);
    }
}
