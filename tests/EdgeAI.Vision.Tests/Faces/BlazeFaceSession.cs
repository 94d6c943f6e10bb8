using EdgeAI.Inference.Models;
using EdgeAI.Vision.Faces;
using EdgeAI.Vision.Preprocessing;

namespace EdgeAI.Vision.Tests.Faces;

/// <summary>
/// BlazeFace front through ONNX Runtime for tests: preprocess, run, decode. The model comes from the verified model
/// cache (<see cref="ModelCache"/>: EDGEAI_MODELS, default ~/.cache/edgeai/models) that <c>edgeai models fetch</c> fills.
/// </summary>
internal sealed class BlazeFaceSession : IDisposable
{
    public const string Id = "blazeface-front";
    private readonly FramePreprocessor _preprocessor = new(PreprocessOptions.BlazeFace(128));

    public BlazeFaceSession(string path) => Model = new OnnxFaceModel(path, BlazeFaceModel.Front);

    public OnnxFaceModel Model { get; }
    public BlazeFaceDecoder Decoder { get; } = new(BlazeFaceModel.Front);

    /// <summary>The verified path of the model, or a skip with the cache's own message (model id, path, what to run).</summary>
    public static string RequireModel()
    {
        try
        {
            return new ModelCache().GetPath(Id);
        }
        catch (ModelNotAvailableException e)
        {
            throw Xunit.Sdk.SkipException.ForSkip(e.Message);
        }
    }

    /// <summary>The faces in one frame, best first.</summary>
    public ReadOnlySpan<FaceDetection> Detect(VideoFrame frame)
    {
        var transform = _preprocessor.Process(frame, Model.Input);
        Model.Run();
        Decoder.Decode(Model.Scores1, Model.Regressors1, Model.Scores2, Model.Regressors2, transform);
        return Decoder.Faces;
    }

    public void Dispose() => Model.Dispose();
}
