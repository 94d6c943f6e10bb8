using EdgeAI.TestKit;

namespace EdgeAI.Deploy.Tests;

/// <summary>What tools/publish.sh jetson puts in the bundle, checked without running it: every binary is aarch64.</summary>
[Trait("Category", "Deploy")]
[Collection(JetsonBundleCollection.Name)]
public sealed class JetsonBundleTests(JetsonBundle bundle)
{
    [Fact]
    public void EveryElfFile_IsAarch64_AndNoX64LibraryHides()
    {
        var elves = Directory.EnumerateFiles(bundle.Folder, "*", SearchOption.AllDirectories)
            .Select(f => (File: f, Machine: ElfHeader.Machine(f))).Where(f => f.Machine is not null).ToList();

        Assert.Contains(elves, e => Path.GetFileName(e.File) == "edgeai");
        Assert.Contains(elves, e => Path.GetFileName(e.File) == "libonnxruntime.so");
        Assert.Contains(elves, e => Path.GetFileName(e.File) == "libonnxruntime-genai.so");
        Assert.Contains(elves, e => Path.GetFileName(e.File) == "libcoreclr.so");
        var foreign = elves.Where(e => e.Machine != ElfHeader.Aarch64).Select(e => $"{Path.GetRelativePath(bundle.Folder, e.File)} (e_machine 0x{e.Machine:X})").ToList();
        Assert.True(foreign.Count == 0, "not aarch64: " + string.Join(", ", foreign));
    }

    [Fact]
    public void File_ShowsAarch64ElfForTheExecutableAndEveryLibrary()
    {
        Assert.SkipWhen(ExternalTool.MissingProgramReason("file", "file") is not null, ExternalTool.MissingProgramReason("file", "file") ?? "");
        var elves = Directory.EnumerateFiles(bundle.Folder, "*", SearchOption.AllDirectories).Where(f => ElfHeader.Machine(f) is not null).ToList();
        string output = ExternalTool.Run("file", ["-b", .. elves]);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(elves.Count, lines.Length);
        Assert.All(lines, l => Assert.Contains("ELF 64-bit LSB", l));
        Assert.All(lines, l => Assert.Contains("ARM aarch64", l));
        Assert.DoesNotContain(lines, l => l.Contains("x86-64", StringComparison.Ordinal));
        Assert.StartsWith("ELF 64-bit LSB pie executable, ARM aarch64", ExternalTool.Run("file", ["-b", bundle.Executable]));
    }

    [Fact]
    public void EveryNeededLibrary_IsInTheBundleOrTheArm64Sysroot()
    {
        Assert.SkipWhen(ExternalTool.MissingProgramReason("readelf", "binutils") is not null, ExternalTool.MissingProgramReason("readelf", "binutils") ?? "");
        string[] sysroots = ["/usr/aarch64-linux-gnu/lib", "/usr/lib/aarch64-linux-gnu", "/lib/aarch64-linux-gnu"];
        Assert.SkipWhen(!Directory.Exists(sysroots[0]), "/usr/aarch64-linux-gnu is missing: apt-get install libc6-arm64-cross libstdc++6-arm64-cross (./test.sh does)");
        var shipped = Directory.EnumerateFiles(bundle.Folder).Select(Path.GetFileName).ToHashSet();
        var unresolved = new List<string>();
        foreach (var elf in Directory.EnumerateFiles(bundle.Folder, "*", SearchOption.AllDirectories).Where(f => ElfHeader.Machine(f) is not null))
        {
            string dynamic = ExternalTool.Run("readelf", ["-d", "-W", elf]);
            foreach (var line in dynamic.Split('\n').Where(l => l.Contains("(NEEDED)", StringComparison.Ordinal)))
            {
                string lib = line[(line.IndexOf('[') + 1)..line.IndexOf(']')];
                if (shipped.Contains(lib) || sysroots.Any(s => File.Exists(Path.Combine(s, lib)))) continue;
                unresolved.Add($"{Path.GetFileName(elf)} needs {lib}");
            }
        }
        Assert.True(unresolved.Count == 0, "not found in the bundle or the arm64 sysroot: " + string.Join(", ", unresolved));
    }

    [Fact]
    public void Version_NamesCommitFlavorAndRuntimeVersions()
    {
        var v = bundle.Version();
        Assert.Equal("jetson", v["target"]);
        Assert.Equal("linux-arm64", v["rid"]);
        Assert.Equal("cpu", v["flavor"]);
        Assert.Equal("ReadyToRun", v["compile"]);
        Assert.Equal("1.31.1", v["onnxruntime"]);
        Assert.Equal("0.18.0", v["onnxruntime_genai"]);
        Assert.Matches("^[0-9a-f]{40}(-dirty)?$", v["commit"]);
        Assert.StartsWith(v["commit"][..12], v["version"]);
        Assert.EndsWith("-jetson-cpu", v["version"]);
    }

    [Fact]
    public void Bundle_CarriesAssetsAndTheUnit()
    {
        Assert.True(File.Exists(Path.Combine(bundle.Folder, "models", "scenarios", "city-drive", "can.log.gz")));
        Assert.True(File.Exists(Path.Combine(bundle.Folder, "models", "dbc", "edgeai_demo.dbc")));
        Assert.True(File.Exists(Path.Combine(bundle.Folder, "deploy", "edgeai.service")));
        Assert.True(File.Exists(Path.Combine(bundle.Folder, "deploy", "edgeai.env")));
        Assert.False(File.Exists(Path.Combine(bundle.Folder, "libOpenCvSharpExtern.so")), "OpenCvSharp ships no linux-arm64 runtime");
    }
}
