using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using EdgeAI.TestKit;
using EdgeAI.Voice.Sherpa.Interop;

namespace EdgeAI.Voice.Tests.Sherpa;

/// <summary>
/// Compiles a C probe against sherpa-onnx's c-api.h with gcc and compares the size of every struct EdgeAI mirrors and
/// the offset of every field with <see cref="Marshal"/>'s, by name; also that each mirror has as many fields as the
/// header's struct (a field added upstream shows up as a size difference).
/// </summary>
public sealed class SherpaLayoutTests
{
    private static readonly Type[] Mirrors = [.. typeof(SherpaOnnxVadModelConfig).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(SherpaOnnxVadModelConfig).Namespace && t.IsValueType && t.Name.StartsWith("SherpaOnnx", StringComparison.Ordinal))
        .OrderBy(t => t.Name, StringComparer.Ordinal)];

    private static readonly Lazy<Dictionary<string, long>> Header = new(CompileAndRun);

    public static TheoryData<string> Structs() => [.. Mirrors.Select(t => t.Name)];

    [Fact]
    public void Mirrors_CoverEveryConfigTheEnginesPass()
    {
        string[] needed = ["SherpaOnnxVadModelConfig", "SherpaOnnxOnlineRecognizerConfig", "SherpaOnnxOfflineRecognizerConfig",
            "SherpaOnnxKeywordSpotterConfig", "SherpaOnnxOfflineTtsConfig", "SherpaOnnxSpeechSegment", "SherpaOnnxGeneratedAudio",
            "SherpaOnnxOnlineRecognizerResult", "SherpaOnnxOfflineRecognizerResult", "SherpaOnnxKeywordResult"];
        foreach (var n in needed) Assert.Contains(n, Mirrors.Select(t => t.Name));
        Assert.True(Mirrors.Length >= 49, $"{Mirrors.Length} mirrors");
    }

    [Theory]
    [MemberData(nameof(Structs))]
    public void Layout_MatchesGccOnCApiHeader(string name)
    {
        var type = Mirrors.Single(t => t.Name == name);
        var header = Header.Value;
        Assert.Equal(header[$"sizeof {name}"], Marshal.SizeOf(type));
        foreach (var field in Fields(type))
            Assert.True(header[$"offsetof {name}.{CName(field)}"] == Marshal.OffsetOf(type, field.Name),
                $"{name}.{CName(field)}: gcc {header[$"offsetof {name}.{CName(field)}"]}, managed {Marshal.OffsetOf(type, field.Name)}");
    }

    private static IEnumerable<FieldInfo> Fields(Type t) => t.GetFields(BindingFlags.Instance | BindingFlags.Public);
    private static string CName(FieldInfo f) => f.Name.TrimStart('@');

    private static Dictionary<string, long> CompileAndRun()
    {
        if (Process.Start(new ProcessStartInfo("sh", ["-c", "command -v gcc"]) { RedirectStandardOutput = true }) is { } which)
        {
            which.WaitForExit();
            if (which.ExitCode != 0) Assert.Skip("gcc is not installed (apt-get install gcc)");
        }
        var c = new StringBuilder("""
            #include <stdio.h>
            #include <stddef.h>
            #include "c-api.h"
            #define P(name, value) printf("%s %lld\n", name, (long long)(value))
            int main(void) {

            """);
        foreach (var t in Mirrors)
        {
            c.Append($"  P(\"sizeof {t.Name}\", sizeof({t.Name}));\n");
            foreach (var f in Fields(t)) c.Append($"  P(\"offsetof {t.Name}.{CName(f)}\", offsetof({t.Name}, {CName(f)}));\n");
        }
        c.Append("  return 0;\n}\n");
        using var dir = new TempDirectory();
        File.Copy(RepoPaths.Get("tests", "EdgeAI.Voice.Tests", "Sherpa", "c-api.h"), dir.File("c-api.h"));
        File.WriteAllText(dir.File("probe.c"), c.ToString());
        Run("gcc", dir.Path, "-Wall", "-Werror", "-Wno-deprecated-declarations", "-o", "probe", "probe.c");
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in Run(dir.File("probe"), dir.Path).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int space = line.LastIndexOf(' ');
            values[line[..space]] = long.Parse(line[(space + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        }
        return values;
    }

    private static string Run(string exe, string dir, params string[] args)
    {
        var start = new ProcessStartInfo(exe) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{exe} failed: {err.Result}");
        return output;
    }
}
