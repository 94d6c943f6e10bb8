namespace EdgeAI.TestKit;

/// <summary>Where things are in the repository, found from the test's working directory.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EdgeAI.sln"))) return dir.FullName;
        throw new InvalidOperationException("EdgeAI.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The folder holding EdgeAI.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path under the repository root.</summary>
    public static string Get(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>models/dbc/edgeai_demo.dbc.</summary>
    public static string DemoDbc => Get("models", "dbc", "edgeai_demo.dbc");

    /// <summary>models/scenarios/city-drive/can.log.gz, the bundled drive.</summary>
    public static string CityDriveLog => Get("models", "scenarios", "city-drive", "can.log.gz");
}
