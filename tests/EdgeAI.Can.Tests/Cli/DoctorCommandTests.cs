using System.Runtime.InteropServices;
using System.Text.Json;
using EdgeAI.Drivers.SocketCan;

namespace EdgeAI.Can.Tests.Cli;

public sealed class DoctorCommandTests
{
    [Fact]
    public void Doctor_Json_IsATruthfulReportOfThisMachineAndExits0()
    {
        var (code, stdout, _) = CliRunner.Run("doctor", "--json");
        Assert.Equal(0, code);
        var checks = JsonDocument.Parse(stdout).RootElement.GetProperty("checks").EnumerateArray()
            .Select(c => (Area: c.GetProperty("area").GetString()!, Status: c.GetProperty("status").GetString()!, Detail: c.GetProperty("detail").GetString()!,
                Fix: c.GetProperty("fix").ValueKind == JsonValueKind.Null ? null : c.GetProperty("fix").GetString()))
            .ToList();

        var cpu = checks.Single(c => c.Area == "CPU");
        Assert.StartsWith(RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant() + ", " + Environment.ProcessorCount + " cores", cpu.Detail);

        var socketCan = checks.Single(c => c.Area == "SocketCAN");
        string? kernelProblem = SocketCanBus.ProbeKernelSupport();
        Assert.Equal(kernelProblem is null ? "ok" : "missing", socketCan.Status);
        if (kernelProblem is not null)
        {
            Assert.Equal("this kernel has no SocketCAN (AF_CAN) support", socketCan.Detail);
            Assert.Contains("modprobe can_raw", socketCan.Fix);
        }

        var cameras = checks.Single(c => c.Area == "Cameras");
        Assert.Equal(Directory.GetFiles("/dev", "video*").Length > 0 ? "ok" : "missing", cameras.Status);
        var ort = checks.Single(c => c.Area == "ONNX Runtime");
        Assert.Equal("ok", ort.Status);
        Assert.Contains("1.31", ort.Detail);
        Assert.Contains(checks, c => c.Area == "Execution providers" && c.Detail.Contains("CPUExecutionProvider", StringComparison.Ordinal));
        var genai = checks.Single(c => c.Area == "ONNX Runtime GenAI");
        Assert.Equal("ok", genai.Status);
        Assert.StartsWith("0.18", genai.Detail);
        Assert.Single(checks, c => c.Area == "LLM");
        Assert.All(checks.Where(c => c.Status == "missing"), c => Assert.False(string.IsNullOrEmpty(c.Fix), c.Area + " says what to do"));
    }

    [Fact]
    public void ModelCacheContents_CountsFilesAndBytes_AndSaysWhenTheFolderIsMissing()
    {
        using var dir = new EdgeAI.TestKit.TempDirectory();
        Assert.Equal("does not exist yet", EdgeAI.Cli.Doctor.ModelCacheProbe.Contents(Path.Combine(dir.Path, "absent")));
        Directory.CreateDirectory(Path.Combine(dir.Path, "m", "face"));
        File.WriteAllBytes(Path.Combine(dir.Path, "m", "face", "a.onnx"), new byte[3 * 1048576]);
        File.WriteAllBytes(Path.Combine(dir.Path, "m", "b.json"), new byte[104858]);
        Assert.Equal("2 files, 3.1 MiB", EdgeAI.Cli.Doctor.ModelCacheProbe.Contents(Path.Combine(dir.Path, "m")));
    }

    [Fact]
    public void Doctor_Text_OneMarkPerFinding()
    {
        var (code, stdout, _) = CliRunner.Run("doctor");
        Assert.Equal(0, code);
        var findings = stdout.Split('\n').Where(l => l.Length > 0 && !l.StartsWith(' ')).ToList();
        Assert.All(findings, l => Assert.Contains(l[0], "✔!✘"));
        Assert.Contains(findings, l => l.StartsWith("✔ OS", StringComparison.Ordinal));
    }
}
