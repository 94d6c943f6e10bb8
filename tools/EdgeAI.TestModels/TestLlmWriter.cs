using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeAI.Llm.Loading;

namespace EdgeAI.TestModels;

/// <summary>
/// Writes a model folder ORT GenAI loads as type "qwen3": model.onnx (random weights, real Qwen3 architecture, see
/// <see cref="Qwen3Graph"/>), genai_config.json and the real Qwen3 tokenizer files. Its text is noise; the real
/// loading, streaming and KV-cache code runs on it everywhere, so tests and the demo need no downloaded weights.
/// </summary>
public static class TestLlmWriter
{
    /// <summary>Files the tokenizer folder must hold (the qwen3-tokenizer model of models/manifest.json).</summary>
    public static readonly string[] TokenizerFiles = ["tokenizer.json", "tokenizer_config.json"];

    /// <summary>Written last; it marks a folder as a test model: one with another stamp is rewritten, a non-empty one without it is refused.</summary>
    public const string StampFile = "edgeai-test-llm.json";

    /// <summary>Bumped whenever the graph or config written changes, so cached folders are rewritten.</summary>
    private const int FormatVersion = 2;

    /// <summary>Where `edgeai models make-test-llm` writes by default, and where `edgeai chat` looks: a folder of the model cache.</summary>
    public static string DefaultDirectory(string cacheRoot) => Path.Combine(cacheRoot, "qwen3-test");

    /// <summary>The test model's folder in the cache when one was written there (any version), else null.</summary>
    public static string? Cached(string cacheRoot)
    {
        string directory = DefaultDirectory(cacheRoot);
        return File.Exists(Path.Combine(directory, LlmModelFolder.ConfigFile)) ? directory : null;
    }

    /// <summary>
    /// Writes the model unless <paramref name="directory"/> already holds it (or <paramref name="force"/>); processes
    /// racing to do it (parallel test runs) take turns on a lock file. Returns true when it wrote.
    /// </summary>
    public static bool Ensure(string directory, string tokenizerDirectory, TestLlmShape shape, bool force = false)
    {
        string full = Path.GetFullPath(directory);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using FileStream gate = Lock(full + ".lock");
        if (!force && IsCurrent(full, shape))
        {
            return false;
        }

        Write(full, tokenizerDirectory, shape);
        return true;
    }

    /// <summary>True when <paramref name="directory"/> already holds this shape's model, complete.</summary>
    public static bool IsCurrent(string directory, TestLlmShape shape)
    {
        string stamp = Path.Combine(directory, StampFile);
        return File.Exists(stamp) && File.ReadAllText(stamp) == Stamp(shape);
    }

    /// <summary>
    /// Writes the model into <paramref name="directory"/> (created; an existing test model there is replaced). Files go
    /// to a sibling temporary folder first and are moved in at the end, so a crash never leaves a half model.
    /// </summary>
    public static void Write(string directory, string tokenizerDirectory, TestLlmShape shape)
    {
        foreach (string file in TokenizerFiles)
        {
            string source = Path.Combine(tokenizerDirectory, file);
            if (!File.Exists(source))
            {
                throw new FileNotFoundException($"{source}: missing; the Qwen3 tokenizer is fetched by `edgeai models fetch qwen3-tokenizer`", source);
            }
        }

        string full = Path.GetFullPath(directory);
        string temporary = full.TrimEnd(Path.DirectorySeparatorChar) + $".tmp-{Environment.ProcessId}";
        if (Directory.Exists(temporary))
        {
            Directory.Delete(temporary, recursive: true);
        }

        Directory.CreateDirectory(temporary);
        using (FileStream stream = File.Create(Path.Combine(temporary, "model.onnx")))
        {
            Google.Protobuf.MessageExtensions.WriteTo(Qwen3Graph.Build(shape), stream);
        }

        File.WriteAllText(Path.Combine(temporary, "genai_config.json"), GenAIConfig(shape));
        foreach (string file in TokenizerFiles)
        {
            File.Copy(Path.Combine(tokenizerDirectory, file), Path.Combine(temporary, file));
        }

        File.WriteAllText(Path.Combine(temporary, StampFile), Stamp(shape));
        if (Directory.Exists(full))
        {
            if (Directory.EnumerateFileSystemEntries(full).Any() && !File.Exists(Path.Combine(full, StampFile)))
            {
                Directory.Delete(temporary, recursive: true);
                throw new IOException($"{full}: not empty and not a test model folder; choose another directory");
            }

            Directory.Delete(full, recursive: true);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        Directory.Move(temporary, full);
    }

    /// <summary>genai_config.json for the test model: decoder I/O names, dimensions and greedy search.</summary>
    internal static string GenAIConfig(TestLlmShape shape)
    {
        var config = new JsonObject
        {
            ["model"] = new JsonObject
            {
                ["bos_token_id"] = 151643,
                ["context_length"] = shape.ContextLength,
                ["decoder"] = new JsonObject
                {
                    ["session_options"] = new JsonObject { ["log_id"] = "onnxruntime-genai", ["provider_options"] = new JsonArray() },
                    ["filename"] = "model.onnx",
                    ["head_size"] = shape.HeadSize,
                    ["hidden_size"] = shape.HiddenSize,
                    ["inputs"] = new JsonObject
                    {
                        ["input_ids"] = "input_ids",
                        ["attention_mask"] = "attention_mask",
                        ["position_ids"] = "position_ids",
                        ["past_key_names"] = "past_key_values.%d.key",
                        ["past_value_names"] = "past_key_values.%d.value",
                    },
                    ["outputs"] = new JsonObject
                    {
                        ["logits"] = "logits",
                        ["present_key_names"] = "present.%d.key",
                        ["present_value_names"] = "present.%d.value",
                    },
                    ["num_attention_heads"] = shape.AttentionHeads,
                    ["num_hidden_layers"] = shape.Layers,
                    ["num_key_value_heads"] = shape.KeyValueHeads,
                },
                ["eos_token_id"] = new JsonArray(151645, 151643),
                ["pad_token_id"] = 151643,
                ["type"] = "qwen3",
                ["vocab_size"] = shape.VocabularySize,
            },
            ["search"] = new JsonObject
            {
                ["do_sample"] = false,
                ["max_length"] = shape.ContextLength,
                ["min_length"] = 0,
                ["num_beams"] = 1,
                ["num_return_sequences"] = 1,
                // The graph concatenates past and new KV itself (standard ops, no GroupQueryAttention kernel).
                ["past_present_share_buffer"] = false,
                ["repetition_penalty"] = 1.0,
                ["temperature"] = 1.0,
                ["top_k"] = 1,
                ["top_p"] = 1.0,
            },
        };
        return config.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static FileStream Lock(string path)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 1200)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static string Stamp(TestLlmShape shape) =>
        new JsonObject { ["format"] = FormatVersion, ["shape"] = shape.ToString() }.ToJsonString();
}
