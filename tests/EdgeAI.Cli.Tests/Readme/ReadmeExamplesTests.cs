using System.Text.RegularExpressions;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Readme;

/// <summary>
/// Every <c>$ ./edgeai ...</c> example in README.md is run as a user would (bash, from a folder that has models/) and
/// what it prints is compared with the README: numbers masked, runs of spaces folded, and a line <c>...</c> standing
/// for any lines. A README that drifts from the program fails here.
/// </summary>
public sealed partial class ReadmeExamplesTests
{
    /// <summary>Examples not run, and why.</summary>
    private static readonly Dictionary<string, string> NotRun = new()
    {
        ["./edgeai bench can"] = "takes minutes against the peers; its table layout is checked by the bench's own tests",
    };

    public static TheoryData<int, string> Examples()
    {
        var data = new TheoryData<int, string>();
        foreach (var example in Parse(File.ReadAllLines(RepoPaths.Get("README.md"))))
            data.Add(example.Line, example.Command);
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Readme_Example_PrintsWhatTheReadmeShows(int line, string command)
    {
        Assert.SkipWhen(NotRun.TryGetValue(command, out string? why), why ?? "");
        var example = Parse(File.ReadAllLines(RepoPaths.Get("README.md"))).Single(e => e.Line == line);
        bool hasCan = Directory.Exists("/proc/sys/net/can") || File.Exists("/proc/net/can/version");
        Assert.SkipWhen((command.Contains("--to can0", StringComparison.Ordinal) || command == "./edgeai doctor") && hasCan,
            "this machine has SocketCAN: the example shows what a kernel without it prints");

        using var dir = new TempDirectory();
        Prepare(dir, command);
        var (_, output, _) = ExternalTool.RunRaw("bash", ["-c", "{ " + command + "\n} 2>&1"], TimeSpan.FromMinutes(3), dir.Path);
        string[] actual = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        AssertMatches(example.Expected, actual, $"README.md:{line}: {command}");
    }

    private static void Prepare(TempDirectory dir, string command)
    {
        Directory.CreateSymbolicLink(dir.File("models"), RepoPaths.Get("models"));
        File.WriteAllText(dir.File("edgeai"), $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "edgeai.dll")}' \"$@\"\n");
        ExternalTool.Run("chmod", ["+x", dir.File("edgeai")]);
        if (command.Contains("broken.log", StringComparison.Ordinal))
            File.WriteAllText(dir.File("broken.log"), string.Concat(Enumerable.Range(9, 4).Select(s => $"({s}.000000) can0 123#00\n")) + "(13.000000) can0 12#XYZ\n");
        if (command.Contains("drive.blf ", StringComparison.Ordinal) && !command.Contains("--start", StringComparison.Ordinal))
            ExternalTool.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "edgeai.dll"), "can", "convert", RepoPaths.CityDriveLog, dir.File("drive.blf"), "--start", "60", "--end", "120"]);
        if (command.Contains("clip.mp4", StringComparison.Ordinal))
        {
            Assert.SkipWhen(TestVideos.MissingReason is not null, TestVideos.MissingReason ?? "");
            try { new EdgeAI.Inference.Models.ModelCache().GetPath("blazeface-front"); }
            catch (EdgeAI.Inference.Models.ModelNotAvailableException e) { Assert.Skip(e.Message); }
            File.Move(TestVideos.FaceNoFaceFace(dir.Path), dir.File("clip.mp4"));
        }
    }

    private static void AssertMatches(IReadOnlyList<string> expected, IReadOnlyList<string> actual, string where)
    {
        int a = 0;
        for (int e = 0; e < expected.Count; e++)
        {
            if (expected[e].Trim() == "...")
            {
                // Any lines, up to the next expected one (or to the end).
                if (e + 1 == expected.Count) return;
                string next = Mask(expected[e + 1]);
                while (a < actual.Count && Mask(actual[a]) != next) a++;
                continue;
            }
            Assert.True(a < actual.Count, $"{where}: the README shows more lines than the command printed; missing: {expected[e]}\nprinted:\n{string.Join('\n', actual)}");
            Assert.True(Mask(expected[e]) == Mask(actual[a]), $"{where}: README line\n  {expected[e]}\nbut the command printed\n  {actual[a]}");
            a++;
        }
        Assert.True(a == actual.Count, $"{where}: the command printed more than the README shows, from: {(a < actual.Count ? actual[a] : "")}");
    }

    private static string Mask(string line) => Spaces().Replace(Numbers().Replace(line, "#"), " ").Trim();

    private static List<(int Line, string Command, List<string> Expected)> Parse(string[] readme)
    {
        var examples = new List<(int, string, List<string>)>();
        bool inConsole = false;
        for (int i = 0; i < readme.Length; i++)
        {
            string text = readme[i];
            if (text.StartsWith("```console", StringComparison.Ordinal)) { inConsole = true; continue; }
            if (text.StartsWith("```", StringComparison.Ordinal)) { inConsole = false; continue; }
            if (!inConsole) continue;
            if (text.StartsWith("$ ", StringComparison.Ordinal))
            {
                if (text.StartsWith("$ ./edgeai ", StringComparison.Ordinal)) examples.Add((i + 1, text[2..], []));
                else examples.Add((i + 1, "", [])); // another program (duckdb): its lines belong to no edgeai example
                continue;
            }
            if (examples.Count > 0) examples[^1].Item3.Add(text);
        }
        examples.RemoveAll(e => e.Item2.Length == 0);
        return examples;
    }

    [GeneratedRegex(@"-?\d+([.,]\d+)*")]
    private static partial Regex Numbers();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
