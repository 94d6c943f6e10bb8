namespace EdgeAI.Inference.Models;

/// <summary>
/// A model the caller needs is missing from the cache or does not match its hash. The message starts with the
/// expected path, names the model and says what to run.
/// </summary>
public sealed class ModelNotAvailableException(string modelId, string path, ModelState state)
    : FileNotFoundException(
        $"{path}: model {modelId} is {(state == ModelState.Corrupt ? "corrupt (not a regular file whose sha256 matches models/manifest.json)" : "not in the model cache")}; run: edgeai models fetch",
        path)
{
    /// <summary>The model id.</summary>
    public string ModelId { get; } = modelId;
    /// <summary>Missing or corrupt.</summary>
    public ModelState State { get; } = state;
}
