using System.Diagnostics;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Outputs;

/// <summary>
/// Outputs never destroy inputs or what a path already names, and a failing disk or an interrupt leaves nothing
/// half-written: one line, exit 1 (I/O), 2 (bad input) or 130 (interrupted).
/// </summary>
public sealed class OutputSafetyTests
{
    private static string Cli => Path.Combine(AppContext.BaseDirectory, "edgeai.dll");

    [Fact]
    public void Convert_OutputIsASymlinkToTheInput_IsRefusedAndTheInputKept()
    {
        using var dir = new TempDirectory();
        string input = dir.File("s.log");
        File.Copy(RepoPaths.CityDriveLog, dir.File("s.log.gz"));
        CliRunner.Run("can", "convert", dir.File("s.log.gz"), input);
        byte[] before = File.ReadAllBytes(input);
        File.CreateSymbolicLink(dir.File("l.log"), input);

        var (code, _, stderr) = CliRunner.Run("can", "convert", dir.File("l.log"), input);

        Assert.Equal(2, code);
        Assert.Contains("the output must not be the input", stderr);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public void Convert_OutputIsAHardLinkToTheInput_IsRefused()
    {
        using var dir = new TempDirectory();
        string input = dir.File("s.log");
        File.WriteAllText(input, "(1.000000) can0 123#00\n");
        ExternalTool.Run("ln", [input, dir.File("h.log")]);

        var (code, _, stderr) = CliRunner.Run("can", "convert", input, dir.File("h.log"));

        Assert.Equal(2, code);
        Assert.Contains("names the same file", stderr);
        Assert.Equal("(1.000000) can0 123#00\n", File.ReadAllText(input));
    }

    [Fact]
    public void Convert_OutputIsADirectory_OneLineExit1AndTheFolderUntouched()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("out.asc"));
        var (code, _, stderr) = CliRunner.Run("can", "convert", RepoPaths.CityDriveLog, dir.File("out.asc"));
        Assert.Equal(1, code);
        Assert.Equal($"edgeai: {dir.File("out.asc")}: is a directory; expected a regular file path to write (the output is written beside it and renamed into place)", stderr.TrimEnd());
        Assert.True(Directory.Exists(dir.File("out.asc")));
        Assert.Empty(Directory.GetFiles(dir.Path, ".*"));
    }

    [Fact]
    public void Convert_OutputLinksToADeviceOrAPipe_IsRefusedNotReplaced()
    {
        using var dir = new TempDirectory();
        File.CreateSymbolicLink(dir.File("null.log"), "/dev/null");
        ExternalTool.Run("mkfifo", [dir.File("pipe.log")]);

        var (toDevice, _, deviceError) = CliRunner.Run("can", "convert", RepoPaths.CityDriveLog, dir.File("null.log"));
        var (toPipe, _, pipeError) = CliRunner.Run("can", "convert", RepoPaths.CityDriveLog, dir.File("pipe.log"));

        Assert.Equal(1, toDevice);
        Assert.Contains("is a character device", deviceError);
        Assert.Equal(1, toPipe);
        Assert.Contains("is a named pipe", pipeError);
        Assert.Equal("/dev/null", File.ResolveLinkTarget(dir.File("null.log"), false)!.FullName);
        Assert.Equal(EdgeAI.IO.FileKind.CharacterDevice, EdgeAI.IO.FileIdentity.Of("/dev/null").Kind);
        Assert.Equal(EdgeAI.IO.FileKind.Fifo, EdgeAI.IO.FileIdentity.Of(dir.File("pipe.log")).Kind);
    }

    [Fact]
    public void ModelsExport_DiskFull_OneLineExit1_NoPartFile_AndTheOldExportKept() =>
        AssertDiskFullKeepsTheOldOutput("models.tar", output => CliRunner.Run("models", "export", output));

    [Fact]
    public void ModelsExportAndDump_OutputIsADirectory_OneLineAndTheFolderUntouched()
    {
        using var dir = new TempDirectory();
        string folder = dir.File("out");
        Directory.CreateDirectory(folder);

        var export = CliRunner.Run("models", "export", folder);
        var dump = CliRunner.Run("can", "dump", "sim", "--out", folder);

        Assert.Equal(1, export.ExitCode);
        Assert.Single(export.StdErr.TrimEnd().Split('\n'));
        Assert.Equal(2, dump.ExitCode);
        Assert.Equal($"edgeai: --out {folder}: expected a file to append the capture to, found a directory", dump.StdErr.TrimEnd());
        Assert.Empty(Directory.GetFileSystemEntries(folder));
        Assert.Equal([folder], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Convert_DiskFull_OneLineExit1_NoTemporaryFile_AndTheOldOutputKept() =>
        AssertDiskFullKeepsTheOldOutput("out.asc", output => CliRunner.Run("can", "convert", RepoPaths.CityDriveLog, output));

    /// <summary>Runs a command writing <paramref name="name"/> onto a 256 KiB tmpfs that already holds an older copy:
    /// one line, exit 1, the old file untouched and nothing else left on the disk.</summary>
    private static void AssertDiskFullKeepsTheOldOutput(string name, Func<string, (int ExitCode, string StdOut, string StdErr)> run)
    {
        using var dir = new TempDirectory();
        string mount = dir.File("small");
        Directory.CreateDirectory(mount);
        var (mounted, _, why) = ExternalTool.RunRaw("mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", mount]);
        Assert.SkipWhen(mounted != 0, "cannot mount a small tmpfs here (needs root and CAP_SYS_ADMIN): " + why.Trim());
        try
        {
            string output = Path.Combine(mount, name);
            File.WriteAllText(output, "keep me");
            var (code, _, stderr) = run(output);
            Assert.Equal(1, code);
            Assert.Single(stderr.TrimEnd().Split('\n'));
            Assert.Contains("No space left on device", stderr);
            Assert.Equal("keep me", File.ReadAllText(output));
            Assert.Equal([output], Directory.GetFiles(mount));
        }
        finally
        {
            ExternalTool.RunRaw("umount", [mount]);
        }
    }

    [Fact]
    public async Task Convert_SigtermMidway_Exit130_NothingLeftBehind()
    {
        using var dir = new TempDirectory();
        string input = dir.File("big.log"), output = dir.File("big.asc");
        // About 1.5 M frames: long enough to be interrupted on any machine.
        using (var writer = File.CreateText(input))
            for (int i = 0; i < 1_500_000; i++) writer.Write($"({1_700_000_000 + i / 1000.0:F6}) can0 {i % 0x7FF:X3}#0102030405060708\n");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Cli, "can", "convert", input, output }) start.ArgumentList.Add(arg);
        using var convert = Process.Start(start)!;
        var stderr = convert.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Directory.GetFiles(dir.Path, ".big.asc.tmp-*").Length == 0 && !convert.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(5);
        Assert.False(convert.HasExited, "the convert ended before it could be interrupted");

        using (var kill = Process.Start("kill", ["-TERM", convert.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
        string said = await stderr;
        await convert.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(130, convert.ExitCode);
        Assert.Contains("interrupted", said);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(dir.Path, ".big.asc.tmp-*"));
    }

    [Fact]
    public void Stats_WithStderrClosed_ExitsWithItsCodeNotACrash()
    {
        var (code, stdout, _) = ExternalTool.RunRaw("bash", ["-c", $"dotnet '{Cli}' can stats /nonexistent/x.log 2>&-; echo \"exit $?\""]);
        Assert.Equal(0, code);
        Assert.Equal("exit 2", stdout.Trim());
    }

    [Fact]
    public void Convert_PathLongerThanTheSystemAllows_IsOneLine()
    {
        using var dir = new TempDirectory();
        string tooLong = dir.File(new string('a', 300) + ".log");
        var (code, _, stderr) = CliRunner.Run("can", "convert", RepoPaths.CityDriveLog, tooLong);
        Assert.True(code is 1 or 2, $"exit {code}: {stderr}");
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void Vision_OutIsTheSourceVideo_IsRefusedAndTheSourceKept()
    {
        using var dir = new TempDirectory();
        string clip = TestCard(dir);
        byte[] before = File.ReadAllBytes(clip);
        var (code, _, stderr) = CliRunner.Run("vision", clip, "--out", clip);
        Assert.Equal(2, code);
        Assert.Contains("must not replace the source video", stderr);
        Assert.Equal(before, File.ReadAllBytes(clip));
    }

    [Fact]
    public void Vision_DiskFullForTheAnnotatedVideo_OneLineExit1AndNoBrokenFile()
    {
        using var dir = new TempDirectory();
        string clip = TestCard(dir, seconds: 6);
        string mount = dir.File("small");
        Directory.CreateDirectory(mount);
        var (mounted, _, why) = ExternalTool.RunRaw("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mount]);
        Assert.SkipWhen(mounted != 0, "cannot mount a small tmpfs here (needs root and CAP_SYS_ADMIN): " + why.Trim());
        try
        {
            string output = Path.Combine(mount, "annotated.mp4");
            var (code, _, stderr) = CliRunner.Run("vision", clip, "--out", output);
            Assert.Equal(1, code);
            Assert.Contains("could not be written completely", stderr);
            Assert.Empty(Directory.GetFiles(mount));
        }
        finally
        {
            ExternalTool.RunRaw("umount", [mount]);
        }
    }

    private static string TestCard(TempDirectory dir, int seconds = 1)
    {
        try { new EdgeAI.Inference.Models.ModelCache().GetPath("blazeface-front"); }
        catch (EdgeAI.Inference.Models.ModelNotAvailableException e) { Assert.Skip(e.Message); }
        Assert.SkipWhen(ExternalTool.MissingProgramReason("ffmpeg", "ffmpeg") is not null, ExternalTool.MissingProgramReason("ffmpeg", "ffmpeg") ?? "");
        string clip = dir.File("card.mp4");
        ExternalTool.Run("ffmpeg", ["-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=640x480:rate=25", "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), clip]);
        return clip;
    }
}
