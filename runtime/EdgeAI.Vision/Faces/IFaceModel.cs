namespace EdgeAI.Vision.Faces;

/// <summary>
/// A BlazeFace network as the pipeline drives it: an input tensor to fill in place, a run, and the two output heads
/// read in place. Implementations bind pooled, pinned buffers to the runtime once (EdgeAI.Inference's runner over
/// ONNX Runtime), so a run allocates nothing.
/// </summary>
public interface IFaceModel : IDisposable
{
    /// <summary>Which variant this is (input size, anchors).</summary>
    BlazeFaceModel Variant { get; }
    /// <summary>The input tensor [1, size, size, 3], written by the preprocessor before each <see cref="Run"/>.</summary>
    Span<float> Input { get; }
    /// <summary>Runs the network on <see cref="Input"/>.</summary>
    void Run();
    /// <summary>Scores of the fine head [1, 512, 1] from the last run.</summary>
    ReadOnlySpan<float> Scores1 { get; }
    /// <summary>Regressors of the fine head [1, 512, 16].</summary>
    ReadOnlySpan<float> Regressors1 { get; }
    /// <summary>Scores of the coarse head [1, 384, 1].</summary>
    ReadOnlySpan<float> Scores2 { get; }
    /// <summary>Regressors of the coarse head [1, 384, 16].</summary>
    ReadOnlySpan<float> Regressors2 { get; }
}
