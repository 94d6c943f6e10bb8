using EdgeAI.TestKit;

namespace EdgeAI.Services.Tests;

/// <summary>The committed generated files of the demo region (models/maps/adlershof).</summary>
internal static class TestData
{
    public static string Folder => RepoPaths.Get("models", "maps", "adlershof");

    public static string PoisJson => Path.Combine(Folder, "pois.json");

    public static string Feed(string name) => Path.Combine(Folder, "feeds", name);
}
