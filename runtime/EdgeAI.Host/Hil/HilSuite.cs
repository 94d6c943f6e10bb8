namespace EdgeAI.Host.Hil;

/// <summary>The scenario files that command-line paths name: a scenario.json, a folder holding one, or a folder of
/// scenario folders (searched recursively), in ordinal order of path; each file once.</summary>
public static class HilSuite
{
    /// <summary>Every scenario.json <paramref name="paths"/> name.</summary>
    /// <exception cref="FileNotFoundException">a path that does not exist, or a folder without any scenario.json.</exception>
    public static List<string> Find(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path)) { files.Add(Path.GetFullPath(path)); continue; }
            if (!Directory.Exists(path)) throw new FileNotFoundException($"{path}: no such scenario or folder", path);
            string own = Path.Combine(path, EdgeAI.Fusion.Scenarios.Scenario.FileName);
            if (File.Exists(own)) { files.Add(Path.GetFullPath(own)); continue; }
            var found = Directory.GetFiles(path, EdgeAI.Fusion.Scenarios.Scenario.FileName, SearchOption.AllDirectories).Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToList();
            if (found.Count == 0) throw new FileNotFoundException($"{path}: expected scenario folders (with scenario.json) in it, found none", path);
            files.AddRange(found);
        }
        return [.. files.Distinct(StringComparer.Ordinal)];
    }
}
