using System.Reflection;
using System.Security.Cryptography;

namespace EdgeAI.Host.Hmi;

/// <summary>
/// The cockpit page (Hmi/wwwroot: plain HTML, CSS and JavaScript modules), embedded in the assembly: nothing to copy
/// next to the executable, nothing fetched from a network.
/// </summary>
public sealed class HmiAssets
{
    private const string Prefix = "hmi/";
    private readonly Dictionary<string, (byte[] Bytes, string ContentType, string ETag)> _files = new(StringComparer.Ordinal);

    private HmiAssets()
    {
    }

    /// <summary>The page's files, read from the assembly once.</summary>
    public static HmiAssets Load()
    {
        var assets = new HmiAssets();
        var assembly = typeof(HmiAssets).Assembly;
        foreach (string name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            byte[] bytes = copy.ToArray();
            string etag = "\"" + Convert.ToHexString(SHA256.HashData(bytes), 0, 8) + "\"";
            assets._files[name[Prefix.Length..].Replace('\\', '/')] = (bytes, ContentTypeOf(name), etag);
        }
        return assets;
    }

    /// <summary>The file names served.</summary>
    public IEnumerable<string> Names => _files.Keys;

    /// <summary>The file <paramref name="name"/> (relative to wwwroot), or false.</summary>
    public bool TryGet(string name, out byte[] bytes, out string contentType, out string etag)
    {
        if (_files.TryGetValue(name, out var file))
        {
            (bytes, contentType, etag) = file;
            return true;
        }
        (bytes, contentType, etag) = ([], "", "");
        return false;
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".json" => "application/json",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
