using EdgeAI.Vision.Faces;
using EdgeAI.Vision.Preprocessing;
using Microsoft.ML.OnnxRuntime;

namespace EdgeAI.Vision.Tests.Faces;

/// <summary>
/// BlazeFace front through ONNX Runtime for tests: preprocess, run, decode. Found in the model cache
/// (EDGEAI_MODELS, default ~/.cache/edgeai/models) that <c>edgeai models fetch</c> fills.
/// </summary>
internal sealed class BlazeFaceSession : IDisposable
{
    public const string FileName = "face_detection_front_128x128_barracuda.onnx";
    private readonly InferenceSession _session;
    private readonly float[] _input = new float[128 * 128 * 3];
    private readonly OrtValue _inputValue;
    private readonly FramePreprocessor _preprocessor = new(PreprocessOptions.BlazeFace(128));

    public BlazeFaceSession(string path)
    {
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        _session = new InferenceSession(path, options);
        _inputValue = OrtValue.CreateTensorValueFromMemory(_input, [1, 128, 128, 3]);
    }

    public BlazeFaceDecoder Decoder { get; } = new(BlazeFaceModel.Front);

    public static string? FindModel()
    {
        string cache = Environment.GetEnvironmentVariable("EDGEAI_MODELS") is { Length: > 0 } env ? env
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "edgeai", "models");
        return Directory.Exists(cache) ? Directory.EnumerateFiles(cache, FileName, SearchOption.AllDirectories).FirstOrDefault() : null;
    }

    public static string MissingReason => $"{FileName} is not in the model cache; run: edgeai models fetch";

    /// <summary>The faces in one frame, best first.</summary>
    public ReadOnlySpan<FaceDetection> Detect(VideoFrame frame)
    {
        var transform = _preprocessor.Process(frame, _input);
        using var outputs = _session.Run(new RunOptions(), ["input:0"], [_inputValue], ["Identity:0", "Identity_2:0", "Identity_1:0", "Identity_3:0"]);
        Decoder.Decode(outputs[0].GetTensorDataAsSpan<float>(), outputs[1].GetTensorDataAsSpan<float>(),
            outputs[2].GetTensorDataAsSpan<float>(), outputs[3].GetTensorDataAsSpan<float>(), transform);
        return Decoder.Faces;
    }

    public void Dispose()
    {
        _inputValue.Dispose();
        _session.Dispose();
    }
}
