using System.Text.RegularExpressions;

namespace EdgeAI.Cli.Commands;

/// <summary>System.CommandLine's parse errors in a user's words: "expected a number", not "System.Nullable`1[System.Double]".</summary>
internal static partial class UsageText
{
    public static string Plain(string message) => TypeName().Replace(message.ReplaceLineEndings(" ").TrimEnd('.'), m => m.Groups[1].Value switch
    {
        "Double" or "Single" or "Decimal" => "a number",
        "Int32" or "Int64" or "UInt32" or "Int16" => "a whole number",
        "Boolean" => "true or false",
        var other => other,
    });

    [GeneratedRegex(@"expected type '(?:System\.Nullable`1\[)?System\.(\w+)\]?'")]
    private static partial Regex TypeName();
}
