using System.Diagnostics;
using System.Text;
using EdgeAI.TestKit;

namespace EdgeAI.Llm.Tests.Cli;

/// <summary>
/// Interactive <c>edgeai chat</c> as a real process: Ctrl+C (SIGINT) stops the answer and keeps the program, /reset,
/// a second answer, Ctrl+D (stdin closed) exits 0.
/// </summary>
[Collection(SignalTests.Name)]
public sealed class InteractiveChatTests(TestLlm llm)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CtrlC_StopsTheAnswerNotTheProgram_ThenResetAnswerAndCtrlDExits()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Assert.Skip("sends SIGINT with kill(1)");
        }
        Assert.SkipWhen(Interrupts.IgnoredReason() is not null, Interrupts.IgnoredReason() ?? "");

        string cli = RepoPaths.Get("tools", "EdgeAI.Cli", "bin", "Release", "net10.0", "edgeai.dll");
        Assert.True(File.Exists(cli), $"{cli}: build the CLI first (the test project references it)");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string arg in new[] { cli, "chat", "--model", llm.Directory, "--max-new-tokens", "3000" })
        {
            start.ArgumentList.Add(arg);
        }

        using var chat = Process.Start(start)!;
        var stdout = new Capture(chat.StandardOutput);
        var stderr = new Capture(chat.StandardError);
        try
        {
            await WaitFor(() => stderr.Text.Contains("> ", StringComparison.Ordinal), "the prompt", stderr);
            await chat.StandardInput.WriteLineAsync("tell me a long story");
            await chat.StandardInput.FlushAsync(TestContext.Current.CancellationToken);
            await WaitFor(() => stdout.Length > 0, "the first tokens", stderr);

            using (var kill = Process.Start("kill", ["-INT", chat.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
                Assert.Equal(0, kill.ExitCode);
            }

            await WaitFor(() => DoneLines(stderr.Text).Count == 1, "the interrupted turn's figures", stderr);
            string interrupted = DoneLines(stderr.Text)[0];
            Assert.Contains("interrupted", interrupted);
            Assert.DoesNotContain("3000 new tokens", interrupted);
            Assert.False(chat.HasExited, "Ctrl+C ended the program: " + stderr.Text);

            await chat.StandardInput.WriteLineAsync("/reset");
            await chat.StandardInput.WriteLineAsync("hello");
            await chat.StandardInput.FlushAsync(TestContext.Current.CancellationToken);
            int before = stdout.Length;
            await WaitFor(() => DoneLines(stderr.Text).Count == 2, "the second answer", stderr);
            Assert.Contains("(conversation cleared)", stderr.Text);
            Assert.True(stdout.Length > before, "the second answer wrote nothing");
            string second = DoneLines(stderr.Text)[1];
            Assert.DoesNotContain("interrupted", second);
            Assert.False(chat.HasExited);

            chat.StandardInput.Close();
            using var exit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            exit.CancelAfter(Patience);
            await chat.WaitForExitAsync(exit.Token);
            Assert.Equal(0, chat.ExitCode);
            Assert.DoesNotContain("Exception", stderr.Text);
        }
        finally
        {
            if (!chat.HasExited)
            {
                chat.Kill(entireProcessTree: true);
            }
        }
    }

    // The per-turn figures line: "(500 prompt + 794 new tokens, ...)".
    private static List<string> DoneLines(string stderr) =>
        stderr.Split('\n').Select(l => l.TrimStart('>', ' ')).Where(l => l.StartsWith('(') && l.Contains(" new tokens", StringComparison.Ordinal)).ToList();

    private static async Task WaitFor(Func<bool> condition, string what, Capture stderr)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Patience, $"no {what} within {Patience.TotalSeconds} s; stderr: {stderr.Text}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Everything a process wrote on one stream so far (tokens come without newlines, so not line by line).</summary>
    private sealed class Capture
    {
        private readonly StringBuilder _text = new();

        public Capture(StreamReader reader) => _ = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int n;
            while ((n = await reader.ReadAsync(buffer)) > 0)
            {
                lock (_text)
                {
                    _text.Append(buffer, 0, n);
                }
            }
        });

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public int Length
        {
            get
            {
                lock (_text)
                {
                    return _text.Length;
                }
            }
        }
    }
}
