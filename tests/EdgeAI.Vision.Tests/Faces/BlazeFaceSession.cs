using EdgeAI.Vision.Faces;
using EdgeAI.Vision.Preprocessing;

namespace EdgeAI.Vision.Tests.Faces;

/// <summary>
/// BlazeFace front through ONNX Runtime for tests: preprocess, run, decode. The model is found in the cache
/// (EDGEAI_MODELS, default ~/.cache/edgeai/models) that <c>edgeai models fetch</c> fills.
/// </summary>
internal sealed class BlazeFaceSession : IDisposable
{
    public const string FileName = "face_detection_front_128x128_barracuda.onnx";
    private readonly FramePreprocessor _preprocessor = new(PreprocessOptions.BlazeFace(128));

    public BlazeFaceSession(string path) => Model = new OnnxFaceModel(path, BlazeFaceModel.Front);

    public OnnxFaceModel Model { get; }
    public BlazeFaceDecoder Decoder { get; } = new(BlazeFaceModel.Front);

    public static string? FindModel()
    {
        string cache = Environment.GetEnvironmentVariable("EDGEAI_MODELS") is { Length: > 0 } env ? env
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "edgeai", "models");
        return Directory.Exists(cache) ? Directory.EnumerateFiles(cache, FileName, SearchOption.AllDirectories).FirstOrDefault() : null;
    }

    public static string MissingReason => $"{FileName} is not in the model cache; run: edgeai models fetch";

    /// <summary>The path of the model, or a skip naming what to run.</summary>
    public static string RequireModel() => FindModel() ?? throw Xunit.Sdk.SkipException.ForSkip(MissingReason);

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
