using System.Diagnostics;
using System.Text;
using System.Text.Json;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Can;

/// <summary>
/// <c>candump -L can0 | edgeai can decode - --dbc F</c> works live, as cantools decode does: each frame is decoded and
/// written as it arrives, with the writing end still open; a named pipe is read the same way.
/// </summary>
public sealed class LivePipeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static string Line(int i) => $"(1778744530.{i:D6}) can0 0A0#0000000000000000";

    [Fact]
    public async Task Decode_StandardInput_EachFrameComesOutBeforeTheInputEnds()
    {
        using var decode = Start("can", "decode", "-", "--dbc", RepoPaths.DemoDbc, "--json");
        var stdout = new LineCollector(decode.StandardOutput);

        for (int i = 0; i < 3; i++)
        {
            await decode.StandardInput.WriteLineAsync(Line(i));
            await decode.StandardInput.FlushAsync(TestContext.Current.CancellationToken);
            await stdout.WaitForLines(i + 1);
            Assert.False(decode.HasExited);
        }

        decode.StandardInput.Close();
        await decode.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, decode.ExitCode);
        using var first = JsonDocument.Parse(stdout.Lines[0]);
        Assert.Equal("EPS_Steering", first.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Decode_NamedPipe_IsReadAsFramesArrive()
    {
        using var dir = new TempDirectory();
        string fifo = dir.File("bus.log");
        ExternalTool.Run("mkfifo", [fifo]);
        using var decode = Start("can", "decode", fifo, "--dbc", RepoPaths.DemoDbc, "--json");
        var stdout = new LineCollector(decode.StandardOutput);

        await using (var writer = new StreamWriter(new FileStream(fifo, FileMode.Open, FileAccess.Write)))
        {
            await writer.WriteLineAsync(Line(1));
            await writer.FlushAsync(TestContext.Current.CancellationToken);
            await stdout.WaitForLines(1);
            Assert.False(decode.HasExited);
        }

        await decode.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, decode.ExitCode);
    }

    [Fact]
    public void Convert_StandardOutput_WritesCandumpLinesAndTheSummaryToStderr()
    {
        using var dir = new TempDirectory();
        string input = dir.File("in.log");
        File.WriteAllText(input, Line(1) + "\n" + Line(2) + "\n");
        var (code, stdout, stderr) = ExternalTool.RunRaw("dotnet", [Path.Combine(AppContext.BaseDirectory, "edgeai.dll"), "can", "convert", input, "-"]);
        Assert.Equal(0, code);
        Assert.Equal(File.ReadAllText(input), stdout);
        Assert.Contains("-: 2 frames", stderr);
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edgeai.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    private sealed class LineCollector
    {
        private readonly List<string> _lines = [];

        public LineCollector(StreamReader reader) => _ = Task.Run(async () =>
        {
            while (await reader.ReadLineAsync() is { } line)
                lock (_lines) _lines.Add(line);
        });

        public List<string> Lines
        {
            get { lock (_lines) return [.. _lines]; }
        }

        public async Task WaitForLines(int count)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (Lines.Count < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"waited for {count} decoded lines, got {Lines.Count}: the input is not read live");
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
        }
    }
}
