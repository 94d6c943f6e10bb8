namespace EdgeAI.Cli.Input;

/// <summary>
/// Where BlazeFace front lives: <c>--model</c> when given, else the model cache that <c>edgeai models fetch</c>
/// fills (<c>EDGEAI_MODELS</c>, default <c>~/.cache/edgeai/models</c>).
/// </summary>
internal static class FaceModelFile
{
    public const string Id = "blazeface-front";
    public const string FileName = "face_detection_front_128x128_barracuda.onnx";

    /// <summary>The cache folder.</summary>
    public static string Cache => Environment.GetEnvironmentVariable("EDGEAI_MODELS") is { Length: > 0 } env ? env
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "edgeai", "models");

    /// <summary>The model's path; a missing model is one line naming it, where it was looked for and what to run.</summary>
    public static string Resolve(string? explicitPath)
    {
        if (explicitPath is not null)
            return File.Exists(explicitPath) ? explicitPath
                : throw new FileNotFoundException($"{explicitPath}: face model {Id} not found; run: edgeai models fetch", explicitPath);
        string cache = Cache;
        string? found = Directory.Exists(cache) ? Directory.EnumerateFiles(cache, FileName, SearchOption.AllDirectories).FirstOrDefault() : null;
        string expected = Path.Combine(cache, FileName);
        return found ?? throw new FileNotFoundException($"{expected}: face model {Id} is not in the model cache; run: edgeai models fetch", expected);
    }
}
