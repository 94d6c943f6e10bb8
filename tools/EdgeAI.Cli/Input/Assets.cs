namespace EdgeAI.Cli.Input;

/// <summary>
/// Finds the bundled assets (models/: DBC files, scenarios, manifest): <c>EDGEAI_ASSETS</c> when set,
/// else the first <c>models/</c> folder above the program (a checkout), else beside the program (an install).
/// </summary>
internal static class Assets
{
    private static readonly Lazy<string> ModelsPath = new(() =>
    {
        string? configured = Environment.GetEnvironmentVariable("EDGEAI_ASSETS");
        if (!string.IsNullOrEmpty(configured)) return Path.GetFullPath(configured);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "models");
            if (Directory.Exists(Path.Combine(candidate, "dbc"))) return candidate;
        }
        return Path.Combine(AppContext.BaseDirectory, "models");
    });

    /// <summary>The models/ folder.</summary>
    public static string Models => ModelsPath.Value;

    /// <summary>models/dbc/edgeai_demo.dbc.</summary>
    public static string DemoDbc => Path.Combine(Models, "dbc", "edgeai_demo.dbc");

    /// <summary>models/vehicle/edgeai_demo.signals.json: the demo DBC's signals as context keys.</summary>
    public static string DemoSignals => Path.Combine(Models, "vehicle", "edgeai_demo.signals.json");

    /// <summary>The bundled ten-minute city drive (candump -L, gzip).</summary>
    public static string CityDriveLog => Path.Combine(Models, "scenarios", "city-drive", "can.log.gz");

    /// <summary>The path, or a one-line error naming it and how to get it.</summary>
    public static string Require(string path, string what) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{path}: {what} is missing (set EDGEAI_ASSETS to the repository's models/ folder)", path);
}
