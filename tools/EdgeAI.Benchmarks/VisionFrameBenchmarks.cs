using BenchmarkDotNet.Attributes;
using EdgeAI.TestKit;
using EdgeAI.Vision;
using EdgeAI.Vision.Faces;
using EdgeAI.Vision.Preprocessing;

namespace EdgeAI.Benchmarks;

/// <summary>
/// The vision pipeline's managed stages per frame: preprocessing a 640x480 camera frame into BlazeFace's 128x128
/// tensor, and decoding the real model's outputs for that frame (anchors, sigmoid, weighted NMS, mapping back).
/// The frame is scikit-image's astronaut photo letterboxed by ffmpeg into 640x480 in each pixel format; the outputs
/// come from one real run of BlazeFace front (model cache, <c>edgeai models fetch</c>). Allocated bytes must be 0.
/// </summary>
[MemoryDiagnoser]
public class VisionFrameBenchmarks
{
    private const string Photo = "/usr/lib/python3/dist-packages/skimage/data/astronaut.png";
    private readonly FramePreprocessor _preprocessor = new(PreprocessOptions.BlazeFace(128));
    private readonly float[] _tensor = new float[128 * 128 * 3];
    private readonly BlazeFaceDecoder _decoder = new(BlazeFaceModel.Front);
    private byte[] _pixels = [];
    private float[] _scores1 = [], _regressors1 = [], _scores2 = [], _regressors2 = [];
    private LetterboxTransform _transform;

    [Params(PixelFormat.Bgr24, PixelFormat.Nv12, PixelFormat.Yuyv, PixelFormat.Gray8)]
    public PixelFormat Format { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string pixFmt = Format switch { PixelFormat.Bgr24 => "bgr24", PixelFormat.Nv12 => "nv12", PixelFormat.Yuyv => "yuyv422", _ => "gray" };
        using var dir = new TempDirectory();
        string raw = dir.File("frame.raw");
        ExternalTool.Run("ffmpeg", ["-v", "error", "-y", "-i", Photo, "-vf", "scale=480:480,pad=640:480:80:0", "-f", "rawvideo", "-pix_fmt", pixFmt, raw]);
        _pixels = File.ReadAllBytes(raw);

        string model = new EdgeAI.Inference.Models.ModelCache().GetPath("blazeface-front");
        using var face = new OnnxFaceModel(model, BlazeFaceModel.Front);
        _transform = Preprocess();
        _tensor.CopyTo(face.Input);
        face.Run();
        (_scores1, _regressors1, _scores2, _regressors2) = (face.Scores1.ToArray(), face.Regressors1.ToArray(), face.Scores2.ToArray(), face.Regressors2.ToArray());
        if (Decode() != 1) throw new InvalidOperationException("the astronaut frame should hold exactly one face");
    }

    [Benchmark]
    public LetterboxTransform Preprocess() =>
        _preprocessor.Process(_pixels, 640, 480, VideoFrame.MinimumStride(640, Format), Format, _tensor);

    [Benchmark]
    public int Decode() => _decoder.Decode(_scores1, _regressors1, _scores2, _regressors2, _transform);
}
