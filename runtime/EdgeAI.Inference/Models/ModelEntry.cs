namespace EdgeAI.Inference.Models;

/// <summary>One model in <c>models/manifest.json</c>.</summary>
public sealed class ModelEntry
{
    /// <summary>The id used everywhere (<c>blazeface-front</c>); also its cache folder.</summary>
    public string Id { get; init; } = "";
    /// <summary>What it does (face-detection, voice-activity, wake-word, tokenizer, ...).</summary>
    public string Task { get; init; } = "";
    /// <summary><c>onnx</c> for models the runner loads; anything else is data (a tokenizer).</summary>
    public string Format { get; init; } = "onnx";
    /// <summary>The package it is fetched from.</summary>
    public ModelSource Source { get; init; } = new();
    /// <summary>Its files; the first is the one <see cref="ModelCache.GetPath"/> returns.</summary>
    public IReadOnlyList<ModelFile> Files { get; init; } = [];
    /// <summary>SPDX license id of the model itself.</summary>
    public string License { get; init; } = "";
    /// <summary>True for licenses with conditions the user must accept (non-commercial): fetched only with <c>--accept-license</c>.</summary>
    public bool RequiresLicenseAcceptance { get; init; }
    /// <summary>Inputs (empty when not a model).</summary>
    public IReadOnlyList<TensorSpec> Inputs { get; init; } = [];
    /// <summary>Outputs (empty when not a model).</summary>
    public IReadOnlyList<TensorSpec> Outputs { get; init; } = [];
    /// <summary>What the caller must do to the data before and after a run.</summary>
    public string Preprocessing { get; init; } = "";
    /// <summary>
    /// The runtime identifier a native library is built for (<c>linux-x64</c>, <c>linux-arm64</c>); empty for files any
    /// machine can use. A default fetch (no ids named) takes only the entries for this machine; naming one fetches it
    /// anyway (to export it for a car of another architecture).
    /// </summary>
    public string Platform { get; init; } = "";

    /// <summary>True when <see cref="Platform"/> is empty or this process's runtime identifier.</summary>
    public bool IsForThisMachine => string.IsNullOrEmpty(Platform) || Platform == CurrentPlatform;

    /// <summary>This process's runtime identifier as the manifest writes it: <c>linux-x64</c>, <c>linux-arm64</c>, ...</summary>
    public static string CurrentPlatform =>
        (OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "other") + "-"
        + System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();

    /// <summary>True when the runner can load it.</summary>
    public bool IsOnnx => Format == "onnx";
    /// <summary>Total bytes of its files.</summary>
    public long Size => Files.Sum(f => f.Size);
}
