using System.Diagnostics;
using System.Text;
using EdgeAI.Inference.Models;
using EdgeAI.TestModels;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Chat;

/// <summary>What a newcomer's first chat says: the test model's noise is named as such; slash commands never reach the model; Ctrl+C at the prompt never quits silently.</summary>
[Collection(SignalTests.Name)]
public sealed class ChatFirstRunTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void Chat_OnTheTestModel_SaysItsTextIsNoise()
    {
        string root = new ModelCache().Root;
        string tokenizer = Path.Combine(root, "qwen3-tokenizer");
        Assert.SkipWhen(!File.Exists(Path.Combine(tokenizer, "tokenizer.json")), $"{tokenizer}: Qwen3 tokenizer missing; run ./edgeai models fetch qwen3-tokenizer (./test.sh does)");
        string model = TestLlmWriter.DefaultDirectory(root);
        TestLlmWriter.Ensure(model, tokenizer, TestLlmShape.Default);

        var (code, _, stderr) = CliRunner.Run("chat", "--model", model, "--prompt", "hi", "--max-new-tokens", "2");

        Assert.Equal(0, code);
        Assert.Contains("random-weight test model: its text is noise; use --model DIR for a real Qwen", stderr);
    }

    [Fact]
    public void ModelsList_ShowsTheTestModelAndHowToBringARealOne()
    {
        var (code, stdout, _) = CliRunner.Run("models", "list");
        Assert.Equal(0, code);
        Assert.Contains("qwen3-test", stdout);
        Assert.Contains("--model DIR", stdout);
    }

    [Fact]
    public async Task Interactive_SlashCommands_AreAnsweredByTheProgramNotTheModel()
    {
        using var chat = Start();
        await chat.StandardInput.WriteLineAsync("/help");
        await chat.StandardInput.WriteLineAsync("/frobnicate");
        chat.StandardInput.Close();
        string stderr = await chat.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        string stdout = await chat.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await chat.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, chat.ExitCode);
        Assert.Equal("", stdout); // no answer: nothing was sent to the assistant
        Assert.Contains("/help lists commands, /reset clears the conversation", stderr[stderr.IndexOf("> ", StringComparison.Ordinal)..]);
        Assert.Contains("unknown command /frobnicate;", stderr);
    }

    [Fact]
    public async Task Interactive_CtrlCAtThePrompt_SaysHowToQuitThenASecondOneQuits()
    {
        Assert.SkipWhen(!OperatingSystem.IsLinux(), "sends SIGINT with kill(1)");
        Assert.SkipWhen(Interrupts.IgnoredReason() is not null, Interrupts.IgnoredReason() ?? "");
        using var chat = Start();
        var stderr = new StringBuilder();
        // Read characters, not lines: the prompt "> " has no newline.
        _ = Task.Run(async () =>
        {
            var buffer = new char[256];
            int n;
            while ((n = await chat.StandardError.ReadAsync(buffer)) > 0)
                lock (stderr) stderr.Append(buffer, 0, n);
        }, TestContext.Current.CancellationToken);
        await WaitFor(() => Text(stderr).Contains("> ", StringComparison.Ordinal), stderr, chat);

        Interrupt(chat);
        await WaitFor(() => Text(stderr).Contains("(Ctrl+C again quits", StringComparison.Ordinal), stderr, chat);
        Assert.False(chat.HasExited, "the first Ctrl+C at the prompt ended the program: " + Text(stderr));

        Interrupt(chat);
        using var exit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        exit.CancelAfter(Patience);
        await chat.WaitForExitAsync(exit.Token);
        Assert.Equal(130, chat.ExitCode);
        Assert.Contains("edgeai chat: quit (Ctrl+C)", Text(stderr));
    }

    private static Process Start()
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "edgeai.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string arg in new[] { cli, "chat", "--fallback" }) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    private static void Interrupt(Process process)
    {
        using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static string Text(StringBuilder text)
    {
        lock (text) return text.ToString();
    }

    private static async Task WaitFor(Func<bool> condition, StringBuilder stderr, Process chat)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            // Whether the child is gone tells a signal that ended it from one that never arrived (a rare fresh-clone failure).
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"timed out; the chat process {(chat.HasExited ? $"exited with {chat.ExitCode}" : "is still running")}; stderr so far: " + Text(stderr));
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
