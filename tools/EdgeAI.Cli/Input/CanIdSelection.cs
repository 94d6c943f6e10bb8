using System.Globalization;
using EdgeAI.Can.Dbc;
using EdgeAI.Can.Filters;
using EdgeAI.Cli.Commands;

namespace EdgeAI.Cli.Input;

/// <summary><c>--ids</c> where a DBC is given: hex ids and ranges as everywhere, plus message names (<c>VehicleSpeed,0x123</c>).</summary>
internal static class CanIdSelection
{
    public static CanIdSet? Parse(string? text, DbcDatabase? database)
    {
        if (text is null) return null;
        if (database is null) return CanIdSet.Parse(text);
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (int i = 0; i < parts.Length; i++)
        {
            if (!database.TryGetDecoder(parts[i], out var decoder))
            {
                if (parts[i].Length > 0 && char.IsLetter(parts[i][0]) && !IsHex(parts[i]))
                    throw new UsageException($"--ids: '{parts[i]}' is neither a hex id nor a message of the DBC");
                continue;
            }
            parts[i] = decoder.Message.Id.ToString("X", CultureInfo.InvariantCulture);
        }
        return CanIdSet.Parse(string.Join(',', parts));
    }

    private static bool IsHex(string part)
    {
        foreach (char c in part.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? part[2..] : part)
            if (!char.IsAsciiHexDigit(c) && c != '-') return false;
        return true;
    }
}
