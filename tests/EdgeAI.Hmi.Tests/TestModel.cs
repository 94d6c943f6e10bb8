using EdgeAI.Inference.Models;
using EdgeAI.TestModels;

namespace EdgeAI.Hmi.Tests;

/// <summary>The random-weight Qwen3 test model (<c>edgeai models make-test-llm</c>), written into the cache when absent.</summary>
internal static class TestModel
{
    public static string Folder()
    {
        string root = new ModelCache().Root;
        if (TestLlmWriter.Cached(root) is { } folder) return folder;
        var (code, _, err) = (EdgeAI.Cli.Program.Run(["models", "make-test-llm"], TextWriter.Null, new StringWriter()), "", "");
        Assert.True(code == 0, "edgeai models make-test-llm failed " + err);
        return TestLlmWriter.Cached(root) ?? throw new InvalidOperationException("make-test-llm wrote no model");
    }
}
