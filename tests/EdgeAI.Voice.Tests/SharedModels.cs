using EdgeAI.Inference.Models;
using EdgeAI.Voice.Vad;

namespace EdgeAI.Voice.Tests;

/// <summary>The default model cache that ./test.sh fills with <c>edgeai models fetch</c>; tests that need Silero skip
/// with the cache's own message (model, path, what to run) when it is not there.</summary>
internal static class SharedModels
{
    public static ModelCache Cache { get; } = new();

    /// <summary>Silero VAD v5 from the cache, or a skip naming what is missing.</summary>
    public static SileroVad LoadSilero()
    {
        try
        {
            return SileroVad.Load(Cache);
        }
        catch (ModelNotAvailableException e)
        {
            throw Xunit.Sdk.SkipException.ForSkip(e.Message);
        }
    }
}
