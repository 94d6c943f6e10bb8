using EdgeAI.Inference.Models;

namespace EdgeAI.Inference.Tests;

/// <summary>
/// The default model cache that ./test.sh fills with <c>edgeai models fetch</c> before the tests: tests read real models
/// from it instead of downloading their own, and skip with the cache's message when a model is not there.
/// </summary>
internal static class SharedModels
{
    public static ModelCache Cache { get; } = new();

    /// <summary>The verified path of <paramref name="id"/>, or a skip naming the model, its path and what to run.</summary>
    public static string Require(string id)
    {
        try
        {
            return Cache.GetPath(id);
        }
        catch (ModelNotAvailableException e)
        {
            throw Xunit.Sdk.SkipException.ForSkip(e.Message);
        }
    }
}
