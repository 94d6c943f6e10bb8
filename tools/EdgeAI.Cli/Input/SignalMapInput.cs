using EdgeAI.Fusion.Mapping;

namespace EdgeAI.Cli.Input;

/// <summary>Loads a vehicle signal map for a command: its DBC (or <c>--dbc</c> instead) read once, with the DBC's
/// warnings printed as every command prints them.</summary>
internal static class SignalMapInput
{
    public static SignalMap Load(string mapPath, string? dbcOverride, TextWriter stderr) =>
        SignalMap.Load(mapPath, named => DbcInput.Load(dbcOverride ?? named, strict: false, stderr));
}
