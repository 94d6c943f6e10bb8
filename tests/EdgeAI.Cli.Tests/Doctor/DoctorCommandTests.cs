using System.Text.Json;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Doctor;

public sealed class DoctorCommandTests
{
    /// <summary>
    /// Every expectation comes from the machine by another route than the doctor's probes: uname, nproc and python's
    /// socket module in child processes, `ip -j link`, /etc/os-release, /proc and `ls /dev`, so a probe that
    /// misreads the machine fails here instead of agreeing with itself.
    /// </summary>
    [Fact]
    public void Doctor_Json_IsATruthfulReportOfThisMachineAndExits0()
    {
        var (code, stdout, _) = CliRunner.Run("doctor", "--json");
        Assert.Equal(0, code);
        var checks = JsonDocument.Parse(stdout).RootElement.GetProperty("checks").EnumerateArray()
            .Select(c => (Area: c.GetProperty("area").GetString()!, Status: c.GetProperty("status").GetString()!, Detail: c.GetProperty("detail").GetString()!,
                Fix: c.GetProperty("fix").ValueKind == JsonValueKind.Null ? null : c.GetProperty("fix").GetString()))
            .ToList();

        string prettyName = File.ReadAllLines("/etc/os-release").Single(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))["PRETTY_NAME=".Length..].Trim('"');
        string kernel = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        Assert.Equal($"{prettyName}, kernel {kernel}", checks.Single(c => c.Area == "OS").Detail);

        string machine = ExternalTool.Run("uname", ["-m"]).Trim() switch { "x86_64" => "x64", "aarch64" => "arm64", var other => other };
        string cores = ExternalTool.Run("nproc", []).Trim();
        Assert.Equal($"{machine}, {cores} cores", checks.Single(c => c.Area == "CPU").Detail);

        // Python's own socket module opens the CAN_RAW socket: exit 0 when this kernel has AF_CAN.
        var python = ExternalTool.RunRaw("python3", ["-c", "import socket; socket.socket(socket.AF_CAN, socket.SOCK_RAW, socket.CAN_RAW)"]);
        var socketCan = checks.Single(c => c.Area == "SocketCAN");
        Assert.Equal(python.ExitCode == 0 ? "ok" : "missing", socketCan.Status);
        if (python.ExitCode != 0)
        {
            Assert.Contains("Address family not supported", python.StdErr);
            Assert.Equal("this kernel has no SocketCAN (AF_CAN) support", socketCan.Detail);
            Assert.Contains("modprobe can_raw", socketCan.Fix);
        }

        if (ExternalTool.MissingProgramReason("ip", "iproute2") is null)
        {
            int canLinks = JsonDocument.Parse(ExternalTool.Run("ip", ["-j", "link"])).RootElement.EnumerateArray()
                .Count(l => l.TryGetProperty("link_type", out var type) && type.GetString() == "can");
            Assert.Equal(canLinks > 0 ? "ok" : "missing", checks.Single(c => c.Area == "CAN interfaces").Status);
        }

        string[] dev = ExternalTool.Run("ls", ["-1", "/dev"]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(dev.Any(d => d.StartsWith("video", StringComparison.Ordinal)) ? "ok" : "missing", checks.Single(c => c.Area == "Cameras").Status);
        Assert.Equal(dev.Any(d => d.StartsWith("gpiochip", StringComparison.Ordinal)) ? "ok" : "missing", checks.Single(c => c.Area == "GPIO").Status);
        bool soundCards = File.Exists("/proc/asound/cards") && !File.ReadAllText("/proc/asound/cards").Contains("no soundcards", StringComparison.Ordinal);
        Assert.Equal(soundCards ? "ok" : "missing", checks.Single(c => c.Area == "Audio").Status);

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
    public void OpenCvMissing_OnArm64_IsAWarningThatNamesTheGStreamerCameraPath()
    {
        var arm = EdgeAI.Cli.Doctor.NativeLibrariesProbe.OpenCvMissing("libOpenCvSharpExtern.so: cannot open shared object file", System.Runtime.InteropServices.Architecture.Arm64);
        Assert.Equal(EdgeAI.Cli.Doctor.DoctorStatus.Warning, arm.Status);
        Assert.Contains("no OpenCvSharp runtime for linux-arm64", arm.Detail);
        Assert.Contains("nvarguscamerasrc on Jetson", arm.Detail);
        Assert.Contains("qtiqmmfsrc on Qualcomm boards", arm.Detail);

        var x64 = EdgeAI.Cli.Doctor.NativeLibrariesProbe.OpenCvMissing("libgtk-3.so.0: cannot open shared object file", System.Runtime.InteropServices.Architecture.X64);
        Assert.Equal(EdgeAI.Cli.Doctor.DoctorStatus.Missing, x64.Status);
        Assert.Equal("apt-get install libgtk-3-0", x64.Fix);
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
