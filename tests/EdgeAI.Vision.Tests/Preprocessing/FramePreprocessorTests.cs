using System.Numerics;
using EdgeAI.Vision;
using EdgeAI.Vision.Preprocessing;

namespace EdgeAI.Vision.Tests.Preprocessing;

public sealed class FramePreprocessorTests
{
    // Identity normalisation so tensor values read as 0..255 pixel values.
    private static PreprocessOptions Raw(int w, int h, ResizeMode mode = ResizeMode.Stretch, TensorLayout layout = TensorLayout.Nhwc) =>
        new() { Width = w, Height = h, Resize = mode, Layout = layout, Scale = 1f, Offset = 0f };

    private static float[] Run(PreprocessOptions options, byte[] data, int w, int h, PixelFormat format)
    {
        var tensor = new float[options.TensorLength];
        new FramePreprocessor(options).Process(data, w, h, VideoFrame.MinimumStride(w, format), format, tensor);
        return tensor;
    }

    private static void AssertRgb(float[] tensor, int pixel, float r, float g, float b, float tolerance = 0.01f)
    {
        Assert.Equal(r, tensor[pixel * 3], tolerance);
        Assert.Equal(g, tensor[pixel * 3 + 1], tolerance);
        Assert.Equal(b, tensor[pixel * 3 + 2], tolerance);
    }

    [Fact]
    public void Process_Bgr24_SwapsToRgb()
    {
        var t = Run(Raw(4, 4), HandMadeFrames.Uniform(6, 6, PixelFormat.Bgr24, 10, 20, 30), 6, 6, PixelFormat.Bgr24);
        for (int p = 0; p < 16; p++) AssertRgb(t, p, 30, 20, 10);
    }

    [Fact]
    public void Process_Rgb24_KeepsOrder()
    {
        var t = Run(Raw(4, 4), HandMadeFrames.Uniform(6, 6, PixelFormat.Rgb24, 10, 20, 30), 6, 6, PixelFormat.Rgb24);
        for (int p = 0; p < 16; p++) AssertRgb(t, p, 10, 20, 30);
    }

    [Fact]
    public void Process_Gray8_ReplicatesIntoThreeChannels()
    {
        var t = Run(Raw(4, 4), HandMadeFrames.Uniform(5, 3, PixelFormat.Gray8, 77), 5, 3, PixelFormat.Gray8);
        for (int p = 0; p < 16; p++) AssertRgb(t, p, 77, 77, 77);
    }

    [Theory]
    [InlineData(0xFF, 0xFF, 255f)]
    [InlineData(0x80, 0x80, 128f)]    // 0x8080 = 32896 = 128 * 257
    [InlineData(0x00, 0x00, 0f)]
    [InlineData(0x34, 0x12, 0x1234 / 257f)] // little-endian
    public void Process_Gray16_ScalesFullRangeOntoEightBits(byte low, byte high, float expected)
    {
        var t = Run(Raw(2, 2), HandMadeFrames.Uniform(4, 4, PixelFormat.Gray16, low, high), 4, 4, PixelFormat.Gray16);
        for (int p = 0; p < 4; p++) AssertRgb(t, p, expected, expected, expected);
    }

    // Reference BT.601 video-range colour-bar codes: white, black, red, green, blue.
    [Theory]
    [InlineData(235, 128, 128, 255, 255, 255)]
    [InlineData(16, 128, 128, 0, 0, 0)]
    [InlineData(81, 90, 240, 255, 0, 0)]
    [InlineData(145, 54, 34, 0, 255, 0)]
    [InlineData(41, 240, 110, 0, 0, 255)]
    public void Process_Nv12AndYuyv_ConvertBt601VideoRange(byte y, byte u, byte v, float r, float g, float b)
    {
        foreach (var format in new[] { PixelFormat.Nv12, PixelFormat.Yuyv })
        {
            var t = Run(Raw(2, 2), HandMadeFrames.Uniform(4, 4, format, y, u, v), 4, 4, format);
            for (int p = 0; p < 4; p++) AssertRgb(t, p, r, g, b, tolerance: 2f);
        }
    }

    [Fact]
    public void Process_Nv12FullRange_UsesJfifCoefficients()
    {
        var options = Raw(2, 2) with { YuvRange = YuvRange.Full };
        var t = Run(options, HandMadeFrames.Uniform(4, 4, PixelFormat.Nv12, 128, 128, 128), 4, 4, PixelFormat.Nv12);
        AssertRgb(t, 0, 128, 128, 128);
        t = Run(options, HandMadeFrames.Uniform(4, 4, PixelFormat.Nv12, 76, 85, 255), 4, 4, PixelFormat.Nv12);
        AssertRgb(t, 0, 254, 0, 0, tolerance: 1.5f); // JPEG red: 76 + 1.402 * 127 = 254
    }

    [Fact]
    public void Process_Nv12_SharesChromaPerTwoByTwoBlock()
    {
        // 4x2: the left 2x2 block red, the right 2x2 block blue; same-size stretch samples each pixel exactly.
        var data = new byte[4 * 2 + 4 * 1];
        data[0] = data[1] = data[4] = data[5] = 81;
        data[2] = data[3] = data[6] = data[7] = 41;
        data[8] = 90; data[9] = 240; data[10] = 240; data[11] = 110;
        var t = Run(Raw(4, 2), data, 4, 2, PixelFormat.Nv12);
        foreach (int p in new[] { 0, 1, 4, 5 }) AssertRgb(t, p, 255, 0, 0, 2f);
        foreach (int p in new[] { 2, 3, 6, 7 }) AssertRgb(t, p, 0, 0, 255, 2f);
    }

    [Fact]
    public void Process_Yuyv_TakesEachPixelsOwnLuma()
    {
        var data = new byte[] { 16, 128, 235, 128 }; // Y0 black, Y1 white, neutral chroma
        var t = Run(Raw(2, 1), data, 2, 1, PixelFormat.Yuyv);
        AssertRgb(t, 0, 0, 0, 0, 1f);
        AssertRgb(t, 1, 255, 255, 255, 1f);
    }

    [Fact]
    public void Process_HalfSizeStretch_AveragesPixelPairs()
    {
        var data = new byte[] { 0, 10, 20, 30, 40, 50, 60, 70 };
        var t = Run(Raw(4, 1), data, 8, 1, PixelFormat.Gray8);
        AssertRgb(t, 0, 5, 5, 5);
        AssertRgb(t, 1, 25, 25, 25);
        AssertRgb(t, 2, 45, 45, 45);
        AssertRgb(t, 3, 65, 65, 65);
    }

    [Fact]
    public void Process_WideFrameLetterboxed_PadsTopAndBottomRows()
    {
        var data = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }; // 4x2
        var options = Raw(4, 4, ResizeMode.Letterbox) with { PadValue = 200 };
        var tensor = new float[options.TensorLength];
        var transform = new FramePreprocessor(options).Process(data, 4, 2, 4, PixelFormat.Gray8, tensor);
        Assert.Equal(new LetterboxTransform(1, 1, 0, 1), transform);
        for (int x = 0; x < 4; x++)
        {
            AssertRgb(tensor, x, 200, 200, 200);
            AssertRgb(tensor, 4 + x, data[x], data[x], data[x]);
            AssertRgb(tensor, 8 + x, data[4 + x], data[4 + x], data[4 + x]);
            AssertRgb(tensor, 12 + x, 200, 200, 200);
        }
    }

    [Fact]
    public void Create_Vga640x480IntoSquare128_ScalesByAFifthAndCentresVertically()
    {
        var t = LetterboxTransform.Create(640, 480, 128, 128, ResizeMode.Letterbox);
        Assert.Equal(0.2f, t.ScaleX, 1e-6f);
        Assert.Equal(0.2f, t.ScaleY, 1e-6f);
        Assert.Equal(0f, t.OffsetX, 1e-6f);
        Assert.Equal(16f, t.OffsetY, 1e-6f);
        var stretch = LetterboxTransform.Create(640, 480, 128, 128, ResizeMode.Stretch);
        Assert.Equal(new LetterboxTransform(0.2f, 128f / 480f, 0, 0), stretch);
    }

    [Theory]
    [InlineData(640, 480, ResizeMode.Letterbox)]
    [InlineData(480, 640, ResizeMode.Letterbox)]
    [InlineData(1920, 1080, ResizeMode.Stretch)]
    public void ToSource_AfterToTensor_GivesThePointBack(int w, int h, ResizeMode mode)
    {
        var t = LetterboxTransform.Create(w, h, 128, 128, mode);
        foreach (var p in new[] { new Vector2(0, 0), new Vector2(w, h), new Vector2(w / 3f, h * 0.7f) })
        {
            var back = t.ToSource(t.ToTensor(p));
            Assert.Equal(p.X, back.X, 1e-3f);
            Assert.Equal(p.Y, back.Y, 1e-3f);
        }
        // The frame's corners land on the content area's corners.
        var corner = t.ToTensor(new Vector2(w, h));
        Assert.Equal(128 - t.OffsetX, corner.X, 1e-3f);
        Assert.Equal(128 - t.OffsetY, corner.Y, 1e-3f);
    }

    [Fact]
    public void Process_Nchw_WritesPlanesInsteadOfInterleaving()
    {
        var data = HandMadeFrames.Uniform(3, 3, PixelFormat.Rgb24, 10, 20, 30);
        var t = Run(Raw(3, 3, layout: TensorLayout.Nchw), data, 3, 3, PixelFormat.Rgb24);
        for (int p = 0; p < 9; p++)
        {
            Assert.Equal(10f, t[p], 0.01f);
            Assert.Equal(20f, t[9 + p], 0.01f);
            Assert.Equal(30f, t[18 + p], 0.01f);
        }
    }

    [Fact]
    public void Process_BlazeFaceNormalisation_MapsWhiteToOneAndPaddingToMinusOne()
    {
        var options = PreprocessOptions.BlazeFace(8);
        var tensor = new float[options.TensorLength];
        new FramePreprocessor(options).Process(HandMadeFrames.Uniform(8, 4, PixelFormat.Gray8, 255), 8, 4, 8, PixelFormat.Gray8, tensor);
        Assert.Equal(-1f, tensor[0], 1e-5f);                       // top padding row
        Assert.Equal(1f, tensor[(4 * 8 + 4) * 3], 1e-5f);          // centre of the picture
        Assert.Equal(-1f, tensor[(7 * 8 + 7) * 3 + 2], 1e-5f);     // bottom padding row
    }

    [Fact]
    public void Process_PaddedStride_IgnoresBytesPastTheRow()
    {
        // 2x2 Gray8 with stride 4: the padding bytes hold 255 and must not leak into the picture.
        var data = new byte[] { 10, 10, 255, 255, 10, 10, 255, 255 };
        var tensor = new float[12];
        new FramePreprocessor(Raw(2, 2)).Process(data, 2, 2, 4, PixelFormat.Gray8, tensor);
        Assert.All(tensor, v => Assert.Equal(10f, v, 0.01f));
    }

    [Fact]
    public void Process_TooFewBytes_ThrowsNamingTheSize()
    {
        var e = Assert.Throws<ArgumentException>(() => new FramePreprocessor(Raw(2, 2)).Process(new byte[10], 4, 4, 4, PixelFormat.Nv12, new float[12]));
        Assert.Contains("24 bytes", e.Message);
    }

    [Fact]
    public void Process_SteadyState_AllocatesNothing()
    {
        var options = PreprocessOptions.BlazeFace(128);
        var pre = new FramePreprocessor(options);
        var tensor = new float[options.TensorLength];
        var frames = new[] { PixelFormat.Bgr24, PixelFormat.Rgb24, PixelFormat.Gray8, PixelFormat.Gray16, PixelFormat.Nv12, PixelFormat.Yuyv }
            .Select(f => (Format: f, Data: HandMadeFrames.Uniform(64, 48, f, 50, 60, 70))).ToArray();
        foreach (var (f, d) in frames) pre.Process(d, 64, 48, VideoFrame.MinimumStride(64, f), f, tensor);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
            foreach (var (f, d) in frames) pre.Process(d, 64, 48, VideoFrame.MinimumStride(64, f), f, tensor);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
