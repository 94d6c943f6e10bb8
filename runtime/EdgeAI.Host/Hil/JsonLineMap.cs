using System.Text;
using System.Text.Json;

namespace EdgeAI.Host.Hil;

/// <summary>
/// Where each value of a JSON document starts: its path (<c>hil.faults[2].from_s</c>) to its 1-based line, so that a
/// scenario error can name the line. <see cref="JsonDocument"/> keeps no positions, so the text is walked once with
/// <see cref="Utf8JsonReader"/>.
/// </summary>
public sealed class JsonLineMap
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    /// <summary>Maps the document <paramref name="utf8"/> (comments and trailing commas allowed).</summary>
    /// <exception cref="JsonException">not valid JSON.</exception>
    public JsonLineMap(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new List<(string Name, bool IsArray, int Index)>();
        string? property = null;
        int line = 1;
        long counted = 0;
        while (reader.Read())
        {
            long start = reader.TokenStartIndex;
            for (; counted < start; counted++) if (utf8[(int)counted] == (byte)'\n') line++;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = reader.GetString();
                    _lines.TryAdd(Join(path, property), line);
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    string name = ChildName(path, ref property);
                    _lines.TryAdd(Join(path, null, name), line);
                    path.Add((name, reader.TokenType == JsonTokenType.StartArray, 0));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    path.RemoveAt(path.Count - 1);
                    property = null;
                    break;
                default:
                    _lines.TryAdd(Join(path, null, ChildName(path, ref property)), line);
                    break;
            }
        }
    }

    /// <summary>The line of <paramref name="path"/>, else of its nearest parent that is mapped, else 0.</summary>
    public int LineOf(string path)
    {
        while (true)
        {
            if (_lines.TryGetValue(path, out int line)) return line;
            int cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            if (cut <= 0) return _lines.GetValueOrDefault("", 0);
            path = path[..cut];
        }
    }

    // The name of the value that starts now: the property just read, or the next index of the enclosing array.
    private static string ChildName(List<(string Name, bool IsArray, int Index)> path, ref string? property)
    {
        if (path.Count > 0 && path[^1].IsArray)
        {
            var top = path[^1];
            path[^1] = top with { Index = top.Index + 1 };
            return $"[{top.Index}]";
        }
        string name = property ?? "";
        property = null;
        return name;
    }

    private static string Join(List<(string Name, bool IsArray, int Index)> path, string? property, string? child = null)
    {
        var text = new StringBuilder();
        foreach (var (name, _, _) in path) Append(text, name);
        Append(text, property ?? child ?? "");
        return text.ToString();
    }

    private static void Append(StringBuilder text, string name)
    {
        if (name.Length == 0) return;
        if (text.Length > 0 && name[0] != '[') text.Append('.');
        text.Append(name);
    }
}
