using EdgeAI.Inference.Models;

namespace EdgeAI.Cli.Doctor;

/// <summary>The model cache: where it is and which manifest models are cached, missing or corrupt.</summary>
public sealed class ModelCacheProbe(string? root = null) : IDoctorProbe
{
    /// <inheritdoc/>
    public IEnumerable<DoctorCheck> Run()
    {
        var cache = new ModelCache(root);
        var states = cache.Manifest.Models.Select(m => (m, State: cache.GetState(m))).ToList();
        var missing = states.Where(s => s.State == ModelState.Missing && !s.m.RequiresLicenseAcceptance).Select(s => s.m.Id).ToList();
        var corrupt = states.Where(s => s.State == ModelState.Corrupt).Select(s => s.m.Id).ToList();
        int cached = states.Count(s => s.State == ModelState.Cached);
        string detail = $"{cache.Root}: {cached} of {states.Count} models cached";
        if (corrupt.Count > 0)
            yield return new DoctorCheck("Models", DoctorStatus.Missing, detail + "; corrupt: " + string.Join(", ", corrupt), "edgeai models fetch (replaces damaged files)");
        else if (missing.Count > 0)
            yield return new DoctorCheck("Models", DoctorStatus.Missing, detail + "; missing: " + string.Join(", ", missing), "edgeai models fetch (or edgeai models import TARBALL without network)");
        else
            yield return new DoctorCheck("Models", DoctorStatus.Ok, detail + (cached < states.Count ? " (the rest need --accept-license)" : ""));
    }
}
