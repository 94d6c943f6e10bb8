using System.Text.Json;
using EdgeAI.Cli;
using EdgeAI.Llm.Loading;
using EdgeAI.TestKit;

namespace EdgeAI.Llm.Tests.Cli;

/// <summary><c>edgeai chat</c> and <c>edgeai models make-test-llm</c> run in-process on the test Qwen3.</summary>
public sealed class ChatCommandTests(TestLlm llm)
{
    [Fact]
    public void Prompt_Json_TokenLinesThenOneDoneLine()
    {
        (int exit, List<JsonElement> lines, string stderr) = ChatJson("--model", llm.Directory, "--prompt", "hello", "--json", "--max-new-tokens", "6");

        Assert.True(exit == 0, stderr);
        JsonElement done = lines[^1];
        Assert.Equal("done", Type(done));
        Assert.Single(lines, l => Type(l) == "done");
        List<JsonElement> tokens = lines.Where(l => Type(l) == "token").ToList();
        Assert.Equal(lines.Count - 1, tokens.Count + lines.Count(l => Type(l) is "tool_call" or "tool_result"));
        Assert.All(tokens, t => Assert.False(string.IsNullOrEmpty(t.GetProperty("text").GetString())));

        int newTokens = done.GetProperty("new_tokens").GetInt32();
        Assert.InRange(newTokens, 1, 6 + 256);
        Assert.True(newTokens >= tokens.Count, $"{tokens.Count} token lines for {newTokens} new tokens");
        Assert.True(done.GetProperty("prompt_tokens").GetInt32() > 100, "the system prompt with the tool declarations was not prefilled");
        Assert.True(done.GetProperty("ttft_ms").GetDouble() > 0);
        Assert.True(done.GetProperty("tokens_per_s").GetDouble() > 0);
        Assert.Equal("qwen3-test", done.GetProperty("engine").GetString());
        Assert.Equal("cpu", done.GetProperty("provider").GetString());
    }

    [Fact]
    public void TwoPrompts_OneConversation_SecondPrefillsOnlyItsTurn()
    {
        (int exit, List<JsonElement> lines, string stderr) = ChatJson("--model", llm.Directory, "--prompt", "hello", "--prompt", "and now?", "--json", "--max-new-tokens", "4");

        Assert.True(exit == 0, stderr);
        List<JsonElement> done = lines.Where(l => Type(l) == "done").ToList();
        Assert.Equal(2, done.Count);
        Assert.Equal("done", Type(lines[^1]));
        int first = done[0].GetProperty("prompt_tokens").GetInt32();
        int second = done[1].GetProperty("prompt_tokens").GetInt32();
        Assert.True(second * 10 < first, $"second turn prefilled {second} tokens, the first {first}");
        Assert.True(done[1].GetProperty("context_tokens").GetInt32() > done[0].GetProperty("context_tokens").GetInt32());
    }

    [Fact]
    public void RequireTool_WritesTheCallAndItsResult()
    {
        (int exit, List<JsonElement> lines, string stderr) = ChatJson("--model", llm.Directory, "--prompt", "hello", "--json", "--max-new-tokens", "4", "--require-tool", "get_range");

        Assert.True(exit == 0, stderr);
        Assert.Equal("tool_call", Type(lines[0]));
        Assert.Equal("get_range", lines[0].GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Object, lines[0].GetProperty("arguments").ValueKind);
        Assert.Equal("tool_result", Type(lines[1]));
        Assert.Equal("get_range", lines[1].GetProperty("name").GetString());
        Assert.False(lines[1].GetProperty("error").GetBoolean());
        Assert.True(lines[1].GetProperty("result").TryGetProperty("state_of_charge_percent", out _));
        Assert.Equal(1, lines[^1].GetProperty("tool_calls").GetInt32());
    }

    [Fact]
    public void RequireTool_Unknown_IsBadInputNamingTheTools()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = Program.Run(["chat", "--model", llm.Directory, "--prompt", "hello", "--json", "--require-tool", "open_sunroof"], stdout, stderr);

        Assert.Equal(2, exit);
        // The test model's notice (its text is noise) is a line of its own; the error is the one other line.
        string line = Assert.Single(Lines(stderr.ToString()), l => l.StartsWith("edgeai: ", StringComparison.Ordinal)
            && !l.StartsWith("edgeai: random-weight test model:", StringComparison.Ordinal));
        Assert.Contains("open_sunroof", line);
        Assert.Contains("get_range", line);
    }

    [Fact]
    public void MissingModelFolder_ExitTwo_OneLineNamingIt()
    {
        string missing = Path.Combine(Path.GetTempPath(), "edgeai-nonexistent-" + Guid.NewGuid().ToString("N"));
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int exit = Program.Run(["chat", "--model", missing, "--prompt", "hello", "--json"], stdout, stderr);

        Assert.Equal(2, exit);
        string line = Assert.Single(Lines(stderr.ToString()));
        Assert.Contains(missing, line);
        Assert.Empty(stdout.ToString());
    }

    [Fact]
    public void CorruptModelFolder_ExitTwo_OneLine()
    {
        using var folder = new TempDirectory();
        foreach (string file in Directory.EnumerateFiles(llm.Directory).Where(f => Path.GetFileName(f) != "model.onnx"))
        {
            File.Copy(file, Path.Combine(folder.Path, Path.GetFileName(file)));
        }

        using (FileStream source = File.OpenRead(Path.Combine(llm.Directory, "model.onnx")))
        using (FileStream target = File.Create(folder.File("model.onnx")))
        {
            var head = new byte[1000];
            source.ReadExactly(head);
            target.Write(head);
        }

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = Program.Run(["chat", "--model", folder.Path, "--prompt", "hello", "--json"], stdout, stderr);

        Assert.Equal(2, exit);
        string line = Assert.Single(Lines(stderr.ToString()));
        Assert.Contains(folder.Path, line);
        Assert.Empty(stdout.ToString());
    }

    [Fact]
    public void Fallback_RangeQuestion_CallsGetRangeAndAnswers()
    {
        (int exit, List<JsonElement> lines, string stderr) = ChatJson("--fallback", "--prompt", "how far can I drive", "--json");

        Assert.True(exit == 0, stderr);
        Assert.Equal("tool_call", Type(lines[0]));
        Assert.Equal("get_range", lines[0].GetProperty("name").GetString());
        Assert.Equal("tool_result", Type(lines[1]));
        double km = lines[1].GetProperty("result").GetProperty("range_km").GetDouble();
        List<JsonElement> tokens = lines.Where(l => Type(l) == "token").ToList();
        Assert.NotEmpty(tokens);
        string answer = string.Concat(tokens.Select(t => t.GetProperty("text").GetString()));
        Assert.Contains(km.ToString("0", System.Globalization.CultureInfo.InvariantCulture), answer);
        Assert.Equal("done", Type(lines[^1]));
        Assert.Equal("fallback", lines[^1].GetProperty("engine").GetString());
        Assert.Equal(1, lines[^1].GetProperty("tool_calls").GetInt32());
    }

    [Fact]
    public void MakeTestLlm_WritesAFolderGenAILoads()
    {
        using var root = new TempDirectory();
        string folder = root.File("qwen3-test");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int exit = Program.Run(["models", "make-test-llm", folder], stdout, stderr);

        Assert.True(exit == 0, stderr.ToString());
        Assert.Contains(folder, stdout.ToString());
        Assert.Equal(File.ReadAllBytes(Path.Combine(llm.Directory, "model.onnx")), File.ReadAllBytes(Path.Combine(folder, "model.onnx")));
        using LlmModel model = LlmModel.Open(folder);
        Assert.Equal("qwen3", model.Info.Type);

        // A second run finds it up to date.
        stdout.GetStringBuilder().Clear();
        Assert.Equal(0, Program.Run(["models", "make-test-llm", folder], stdout, stderr));
        Assert.Contains("up to date", stdout.ToString());
    }

    private static (int Exit, List<JsonElement> Lines, string Stderr) ChatJson(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = Program.Run(["chat", .. args], stdout, stderr);
        var lines = new List<JsonElement>();
        foreach (string line in Lines(stdout.ToString()))
        {
            using JsonDocument document = JsonDocument.Parse(line); // every stdout line is one JSON object
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
            lines.Add(document.RootElement.Clone());
        }

        if (exit == 0)
        {
            Assert.NotEmpty(lines);
        }

        return (exit, lines, stderr.ToString());
    }

    private static string Type(JsonElement line) => line.GetProperty("type").GetString()!;

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
