using System.Diagnostics.CodeAnalysis;
using System.Text;
using EdgeAI.Can.Dbc.Parsing;

namespace EdgeAI.Can.Dbc;

/// <summary>
/// A parsed DBC file: nodes, messages with their signals, value tables, attributes and comments.
/// Unknown or unsupported statements are skipped (and listed in <see cref="Warnings"/>), never fatal;
/// malformed known statements throw <see cref="DbcFormatException"/> naming the file, line and column.
/// Compile it into a <see cref="DbcDatabase"/> to decode frames.
/// </summary>
public sealed class DbcFile
{
    internal DbcFile(string name) => Name = name;

    /// <summary>The file's name as given to <see cref="Load"/> or <see cref="Parse"/>.</summary>
    public string Name { get; }

    /// <summary><c>VERSION</c> string (empty when absent).</summary>
    public string Version { get; internal set; } = "";

    /// <summary>The file comment (<c>CM_ "..."</c>), or null.</summary>
    public string? Comment { get; internal set; }

    /// <summary>Nodes from <c>BU_</c>.</summary>
    public IReadOnlyList<DbcNode> Nodes => NodeList;

    /// <summary>Messages in file order.</summary>
    public IReadOnlyList<DbcMessage> Messages => MessageList;

    /// <summary>Named value tables (<c>VAL_TABLE_</c>).</summary>
    public IReadOnlyDictionary<string, DbcValueTable> ValueTables => ValueTableMap;

    /// <summary>Attribute definitions (<c>BA_DEF_</c>) by name.</summary>
    public IReadOnlyDictionary<string, DbcAttributeDefinition> AttributeDefinitions => DefinitionMap;

    /// <summary>Network attribute values (<c>BA_</c> without an object), defaults included.</summary>
    public IReadOnlyDictionary<string, DbcAttributeValue> Attributes => AttributeValues;

    /// <summary>Environment variables (<c>EV_</c>).</summary>
    public IReadOnlyList<DbcEnvironmentVariable> EnvironmentVariables => EnvironmentVariableList;

    /// <summary>The <c>BusType</c> attribute (e.g. <c>CAN</c>, <c>CAN FD</c>), or null.</summary>
    public string? BusType => Attributes.TryGetValue("BusType", out var value) ? value.Text : null;

    /// <summary>The database declares <c>ProtocolType</c> J1939: extended frames match messages by PGN.</summary>
    public bool IsJ1939 => Attributes.TryGetValue("ProtocolType", out var value) && value.Text.Equals("J1939", StringComparison.OrdinalIgnoreCase);

    /// <summary>What was skipped or ignored, one line each (<c>file:line:column: ...</c>).</summary>
    public IReadOnlyList<string> Warnings => WarningList;

    /// <summary>
    /// The warnings that mean some frames decode wrong or not at all (a signal outside its frame, a duplicate id or
    /// signal, factor 0, minimum above maximum, a value table or type for an unknown signal): refused under --strict.
    /// </summary>
    public IReadOnlyList<string> SeriousWarnings => SeriousWarningList;

    internal List<DbcNode> NodeList { get; } = [];
    internal List<DbcMessage> MessageList { get; } = [];
    internal Dictionary<string, DbcValueTable> ValueTableMap { get; } = new(StringComparer.Ordinal);
    internal Dictionary<string, DbcAttributeDefinition> DefinitionMap { get; } = new(StringComparer.Ordinal);
    internal Dictionary<string, DbcAttributeValue> AttributeValues { get; } = new(StringComparer.Ordinal);
    internal List<DbcEnvironmentVariable> EnvironmentVariableList { get; } = [];
    internal List<string> WarningList { get; } = [];
    internal List<string> SeriousWarningList { get; } = [];

    /// <summary>A message by name.</summary>
    public bool TryGetMessage(string name, [MaybeNullWhen(false)] out DbcMessage message)
    {
        foreach (var candidate in MessageList)
            if (candidate.Name == name) { message = candidate; return true; }
        message = null;
        return false;
    }

    /// <summary>A message by name.</summary>
    /// <exception cref="KeyNotFoundException">no message has that name.</exception>
    public DbcMessage GetMessage(string name) =>
        TryGetMessage(name, out var message) ? message : throw new KeyNotFoundException($"{Name}: no message '{name}'");

    /// <summary>Reads a DBC file: UTF-8, or Latin-1 when the bytes are not valid UTF-8 (older CANdb++ files).</summary>
    /// <exception cref="DbcFormatException">the file is not a valid DBC.</exception>
    public static DbcFile Load(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        return Parse(DecodeText(bytes), path);
    }

    /// <summary>Parses DBC text; <paramref name="name"/> appears in errors.</summary>
    /// <exception cref="DbcFormatException">the text is not a valid DBC.</exception>
    public static DbcFile Parse(string text, string name = "input.dbc") => new DbcParser(text, name).Parse();

    /// <summary>Compiles the messages for zero-allocation decoding and encoding.</summary>
    public DbcDatabase Compile() => new(this);

    private static string DecodeText(byte[] bytes)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        int skip = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try
        {
            return utf8.GetString(bytes, skip, bytes.Length - skip);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }
}
