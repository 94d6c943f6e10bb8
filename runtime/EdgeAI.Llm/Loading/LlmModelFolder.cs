using System.Text.Json;

namespace EdgeAI.Llm.Loading;

/// <summary>
/// Checks a model folder (ORT GenAI model builder output: genai_config.json, the decoder ONNX file, tokenizer files)
/// before GenAI sees it, so a missing or corrupt folder is one line naming the file and what was expected.
/// </summary>
public static class LlmModelFolder
{
    /// <summary>The config file every GenAI model folder has.</summary>
    public const string ConfigFile = "genai_config.json";

    /// <summary>Reads and checks the folder.</summary>
    /// <exception cref="DirectoryNotFoundException">no such folder.</exception>
    /// <exception cref="FileNotFoundException">a file the config or GenAI needs is missing.</exception>
    /// <exception cref="InvalidDataException">the config is not valid JSON or lacks a value.</exception>
    public static LlmModelInfo Read(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException(
                $"{directory}: model folder not found; expected an ORT GenAI model folder (genai_config.json, model.onnx, tokenizer.json) or run `edgeai models make-test-llm`");
        }

        string configPath = Path.Combine(directory, ConfigFile);
        if (!File.Exists(configPath))
        {
            throw new FileNotFoundException($"{configPath}: missing; expected an ORT GenAI model folder (genai_config.json, model.onnx, tokenizer.json)", configPath);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(configPath));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{configPath}:{(e.LineNumber ?? 0) + 1}: not valid JSON ({FirstSentence(e.Message)})", e);
        }

        using (document)
        {
            JsonElement model = Require(document.RootElement, "model", configPath);
            JsonElement decoder = Require(model, "decoder", configPath);
            string onnxFile = Path.Combine(directory, RequireString(decoder, "filename", configPath));
            if (!File.Exists(onnxFile))
            {
                throw new FileNotFoundException($"{onnxFile}: missing; {ConfigFile} names it as the decoder", onnxFile);
            }

            string tokenizer = Path.Combine(directory, "tokenizer.json");
            if (!File.Exists(tokenizer))
            {
                throw new FileNotFoundException($"{tokenizer}: missing; the model folder needs its tokenizer", tokenizer);
            }

            int layers = RequireInt(decoder, "num_hidden_layers", configPath);
            int kvHeads = RequireInt(decoder, "num_key_value_heads", configPath);
            int headSize = RequireInt(decoder, "head_size", configPath);
            int context = RequireInt(model, "context_length", configPath);
            int vocabulary = RequireInt(model, "vocab_size", configPath);
            var eos = new List<int>();
            JsonElement eosElement = Require(model, "eos_token_id", configPath);
            if (eosElement.ValueKind == JsonValueKind.Array)
            {
                eos.AddRange(eosElement.EnumerateArray().Select(e => TokenId(e, "eos_token_id", vocabulary, configPath)));
            }
            else
            {
                eos.Add(TokenId(eosElement, "eos_token_id", vocabulary, configPath));
            }

            // GenAI refuses (with an unhandled error) special tokens outside the vocabulary: say so first, naming the file.
            foreach (string special in new[] { "bos_token_id", "pad_token_id" })
            {
                if (model.TryGetProperty(special, out JsonElement id))
                {
                    TokenId(id, special, vocabulary, configPath);
                }
            }

            string type = RequireString(model, "type", configPath);
            int kvBytes = KvElementBytes(onnxFile, decoder);
            return new LlmModelInfo(Path.GetFullPath(directory), type, layers, kvHeads, headSize, context, vocabulary, eos, kvBytes);
        }
    }

    // The KV element type is the type of the first past-key input; a file we cannot walk counts as fp16, the builder's usual.
    private static int KvElementBytes(string onnxFile, JsonElement decoder)
    {
        string pastKey = "past_key_values.%d.key";
        if (decoder.TryGetProperty("inputs", out JsonElement inputs) && inputs.TryGetProperty("past_key_names", out JsonElement name))
        {
            pastKey = name.GetString() ?? pastKey;
        }

        Dictionary<string, int> types;
        try
        {
            types = OnnxGraphInputs.ElementTypes(onnxFile);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"{onnxFile}: not an ONNX model ({e.Message})", e);
        }

        string first = pastKey.Replace("%d", "0", StringComparison.Ordinal);
        return types.TryGetValue(first, out int dataType) && OnnxGraphInputs.ElementBytes(dataType) is > 0 and int bytes ? bytes : 2;
    }

    private static JsonElement Require(JsonElement parent, string name, string file) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out JsonElement value)
            ? value
            : throw new InvalidDataException($"{file}: \"{name}\" missing; expected an ORT GenAI config");

    private static string RequireString(JsonElement parent, string name, string file) =>
        Require(parent, name, file) is { ValueKind: JsonValueKind.String } value
            ? value.GetString()!
            : throw new InvalidDataException($"{file}: \"{name}\" must be a string");

    private static int RequireInt(JsonElement parent, string name, string file) =>
        Require(parent, name, file) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out int number) && number > 0
            ? number
            : throw new InvalidDataException($"{file}: \"{name}\" must be a positive integer");

    private static int TokenId(JsonElement value, string name, int vocabulary, string file) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int id) && id >= 0 && id < vocabulary
            ? id
            : throw new InvalidDataException($"{file}: \"{name}\" {value.GetRawText()} must be a token id in [0, {vocabulary}) (vocab_size)");

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).ReplaceLineEndings(" ");
    }
}
