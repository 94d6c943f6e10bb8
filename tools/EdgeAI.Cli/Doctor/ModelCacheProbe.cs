using EdgeAI.Inference.Models;

namespace EdgeAI.Cli.Doctor;

/// <summary>The model cache: where it is and which manifest models are cached, missing or corrupt.</summary>
public sealed class ModelCacheProbe(string? root = null) : IDoctorProbe
{
    /// <inheritdoc/>
    public IEnumerable<DoctorCheck> Run()
    {
        var cache = new ModelCache(root);
        var states = cache.Manifest.Models.Where(m => m.IsForThisMachine).Select(m => (m, State: cache.GetState(m))).ToList();
        var missing = states.Where(s => s.State == ModelState.Missing && !s.m.RequiresLicenseAcceptance).Select(s => s.m.Id).ToList();
        var corrupt = states.Where(s => s.State == ModelState.Corrupt).Select(s => s.m.Id).ToList();
        int cached = states.Count(s => s.State == ModelState.Cached);
        string detail = $"{cache.Root} ({Contents(cache.Root)}): {cached} of {states.Count} models cached";
        if (corrupt.Count > 0)
            yield return new DoctorCheck("Models", DoctorStatus.Missing, detail + "; corrupt: " + string.Join(", ", corrupt), "edgeai models fetch (replaces damaged files)");
        else if (missing.Count > 0)
            yield return new DoctorCheck("Models", DoctorStatus.Missing, detail + "; missing: " + string.Join(", ", missing), "edgeai models fetch (or edgeai models import TARBALL without network)");
        else
            yield return new DoctorCheck("Models", DoctorStatus.Ok, detail + (cached < states.Count ? " (the rest need --accept-license)" : ""));
    }

    /// <summary>Whether the folder exists, and how many files and bytes it holds (what `du` would tell the user).</summary>
    internal static string Contents(string root)
    {
        if (!Directory.Exists(root)) return "does not exist yet";
        try
        {
            long files = 0, bytes = 0;
            foreach (var file in new DirectoryInfo(root).EnumerateFiles("*", SearchOption.AllDirectories))
            {
                files++;
                bytes += file.Length;
            }
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{files} files, {bytes / 1048576.0:F1} MiB");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unreadable: " + e.Message;
        }
    }
}
