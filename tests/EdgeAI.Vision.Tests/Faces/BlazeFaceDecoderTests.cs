using System.Numerics;
using EdgeAI.Vision.Faces;
using EdgeAI.Vision.Preprocessing;

namespace EdgeAI.Vision.Tests.Faces;

/// <summary>Decoding on hand-written output tensors whose right answer is worked out by hand.</summary>
public sealed class BlazeFaceDecoderTests
{
    private readonly float[] _scores1 = new float[512], _scores2 = new float[384];
    private readonly float[] _boxes1 = new float[512 * 16], _boxes2 = new float[384 * 16];

    public BlazeFaceDecoderTests()
    {
        Array.Fill(_scores1, -10f);
        Array.Fill(_scores2, -10f);
    }

    // Puts a detection on anchor `index` offset by (dx, dy) tensor pixels, w x h, keypoints at fixed offsets from the centre.
    private void Place(int index, float logit, float dx, float dy, float w, float h)
    {
        var (scores, boxes, i) = index < 512 ? (_scores1, _boxes1, index) : (_scores2, _boxes2, index - 512);
        scores[i] = logit;
        var raw = boxes.AsSpan(i * 16, 16);
        raw[0] = dx; raw[1] = dy; raw[2] = w; raw[3] = h;
        for (int k = 0; k < 6; k++) { raw[4 + 2 * k] = dx + k; raw[5 + 2 * k] = dy - k; }
    }

    private int Decode(BlazeFaceDecoder decoder, LetterboxTransform transform) => decoder.Decode(_scores1, _boxes1, _scores2, _boxes2, transform);

    [Fact]
    public void Decode_OneConfidentAnchor_GivesItsBoxAndKeypointsInSourcePixels()
    {
        // Coarse-map anchor 512 + 6 * (8 * 3 + 5): cell (5, 3) of 8x8, centre (88, 56) in a 128 tensor.
        int index = 512 + 6 * (8 * 3 + 5);
        Place(index, 3f, dx: 4, dy: -2, w: 40, h: 50);
        var decoder = new BlazeFaceDecoder(BlazeFaceModel.Front);
        // A 640x480 frame: scale 0.2, 16 tensor pixels of padding on top.
        var transform = LetterboxTransform.Create(640, 480, 128, 128, ResizeMode.Letterbox);
        Assert.Equal(1, Decode(decoder, transform));
        var face = decoder.Faces[0];
        Assert.Equal(1f / (1f + MathF.Exp(-3f)), face.Score, 1e-6f);
        // Centre (92, 54) tensor -> (460, 190) source; 40x50 tensor -> 200x250 source.
        Assert.Equal(460 - 100, face.Box.X, 1e-3f);
        Assert.Equal(190 - 125, face.Box.Y, 1e-3f);
        Assert.Equal(200, face.Box.Width, 1e-3f);
        Assert.Equal(250, face.Box.Height, 1e-3f);
        for (int k = 0; k < 6; k++)
        {
            Assert.Equal((88 + 4 + k) * 5f, face.Keypoints[k].X, 1e-3f);
            Assert.Equal((56 - 2 - k - 16) * 5f, face.Keypoints[k].Y, 1e-3f);
        }
    }

    [Fact]
    public void Decode_ScoresBelowMinimum_FindNothing()
    {
        // Every anchor below the front model's 0.5 minimum: sigmoid(-0.01) = 0.4975 at the top, the rest near sigmoid(-10).
        Place(100, -0.01f, 0, 0, 20, 20);
        Place(600, -0.5f, 0, 0, 30, 30);
        var decoder = new BlazeFaceDecoder(BlazeFaceModel.Front);
        Assert.Equal(0, Decode(decoder, new LetterboxTransform(1, 1, 0, 0)));
        Assert.Empty(decoder.Faces.ToArray());
    }

    [Fact]
    public void Decode_ScoreExactlyAtMinimum_IsKeptAndJustBelowIsNot()
    {
        Place(100, 0f, 0, 0, 20, 20); // sigmoid(0) = 0.5, the minimum itself
        Place(200, -0.01f, 0, 0, 20, 20);
        var decoder = new BlazeFaceDecoder(BlazeFaceModel.Front);
        Assert.Equal(1, Decode(decoder, new LetterboxTransform(1, 1, 0, 0)));
        Assert.Equal(0.5f, decoder.Faces[0].Score, 1e-6f);
    }

    [Fact]
    public void Decode_HugeLogits_AreClippedNotOverflowed()
    {
        Place(10, 1e30f, 0, 0, 20, 20);
        Place(11, -1e30f, 0, 0, 20, 20);
        var decoder = new BlazeFaceDecoder(BlazeFaceModel.Front);
        Assert.Equal(1, Decode(decoder, new LetterboxTransform(1, 1, 0, 0)));
        Assert.Equal(1f, decoder.Faces[0].Score);
        Assert.False(float.IsNaN(decoder.Faces[0].Box.X));
    }

    [Fact]
    public void Decode_TwoOverlappingDetections_AreBlendedByScore()
    {
        // Both anchors of fine cell (4, 4) (centre 36, 36): boxes 20x20 shifted by 2 px, scores 0.8 and 0.2 -> 4:1 weights.
        int cell = 2 * (16 * 4 + 4);
        float high = MathF.Log(0.8f / 0.2f), low = MathF.Log(0.2f / 0.8f) + 1.5f;
        Place(cell, high, 0, 0, 20, 20);
        Place(cell + 1, low, 2, 0, 20, 20);
        var decoder = new BlazeFaceDecoder(BlazeFaceModel.Front with { MinScore = 0.1f });
        Assert.Equal(1, Decode(decoder, new LetterboxTransform(1, 1, 0, 0)));
        float sHigh = 0.8f, sLow = 1f / (1f + MathF.Exp(-low));
        float expectedX = (sHigh * 26 + sLow * 28) / (sHigh + sLow);
        Assert.Equal(expectedX, decoder.Faces[0].Box.X, 1e-3f);
        Assert.Equal(sHigh, decoder.Faces[0].Score, 1e-5f); // the best detection's score, not an average
    }

    [Fact]
    public void Decode_TwoSeparateFaces_AreBothKeptBestFirst()
    {
        Place(2 * (16 * 2 + 2), 1f, 0, 0, 16, 16);
        Place(2 * (16 * 12 + 12), 2f, 0, 0, 16, 16);
        var decoder = new BlazeFaceDecoder(BlazeFaceModel.Front);
        Assert.Equal(2, Decode(decoder, new LetterboxTransform(1, 1, 0, 0)));
        Assert.True(decoder.Faces[0].Score > decoder.Faces[1].Score);
        Assert.Equal(new Vector2(100, 100), new Vector2(decoder.Faces[0].Box.X + 8, decoder.Faces[0].Box.Y + 8));
    }

    [Fact]
    public void Decode_WrongTensorSizes_Throws()
    {
        var decoder = new BlazeFaceDecoder(BlazeFaceModel.Front);
        Assert.Throws<ArgumentException>(() => decoder.Decode(new float[512], new float[512 * 16], new float[100], new float[100 * 16], default));
    }

    [Fact]
    public void Decode_SteadyState_AllocatesNothing()
    {
        for (int i = 0; i < 40; i++) Place(i * 7, 2f + i * 0.01f, i % 3, 0, 18, 18);
        var decoder = new BlazeFaceDecoder(BlazeFaceModel.Front);
        var transform = new LetterboxTransform(0.2f, 0.2f, 0, 16);
        Decode(decoder, transform);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) Decode(decoder, transform);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(decoder.Faces.Length > 0);
    }
}
