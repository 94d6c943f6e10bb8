using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EdgeAI.Llm.Tools;

/// <summary>
/// Writes JSON the way Qwen's chat template does (<c>tojson</c> in Hugging Face's Jinja, i.e. Python's
/// <c>json.dumps(ensure_ascii=False)</c>): <c>", "</c> and <c>": "</c> separators, keys in their given order, non-ASCII
/// left as is. Tool declarations then read token for token as they did in the model's training data.
/// </summary>
internal static class TemplateJson
{
    /// <summary>Appends <paramref name="value"/> to <paramref name="output"/>.</summary>
    public static void Write(StringBuilder output, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                output.Append('{');
                bool firstProperty = true;
                foreach (var property in value.EnumerateObject())
                {
                    if (!firstProperty) output.Append(", ");
                    firstProperty = false;
                    WriteString(output, property.Name);
                    output.Append(": ");
                    Write(output, property.Value);
                }
                output.Append('}');
                break;
            case JsonValueKind.Array:
                output.Append('[');
                bool firstItem = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!firstItem) output.Append(", ");
                    firstItem = false;
                    Write(output, item);
                }
                output.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(output, value.GetString()!);
                break;
            default:
                output.Append(value.GetRawText());
                break;
        }
    }

    /// <summary>Appends a JSON string literal with Python's escapes.</summary>
    public static void WriteString(StringBuilder output, string text)
    {
        output.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                default:
                    if (c < ' ') output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else output.Append(c);
                    break;
            }
        }
        output.Append('"');
    }
}
