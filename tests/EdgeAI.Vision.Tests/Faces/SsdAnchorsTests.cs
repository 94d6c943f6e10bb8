using EdgeAI.Vision.Faces;

namespace EdgeAI.Vision.Tests.Faces;

public sealed class SsdAnchorsTests
{
    [Fact]
    public void Generate_Front128_Gives512FineThen384CoarseAnchors()
    {
        var anchors = SsdAnchors.Generate(128, [8, 16, 16, 16]);
        Assert.Equal(896, anchors.Length);
        // 16x16 cells of 2 anchors, then 8x8 cells of 6 (three layers of stride 16 share one map).
        Assert.Equal(1f / 32, anchors[0].X, 1e-6f);
        Assert.Equal(1f / 32, anchors[1].X, 1e-6f);
        Assert.Equal(3f / 32, anchors[2].X, 1e-6f);
        Assert.Equal(3f / 32, anchors[32].Y, 1e-6f);
        Assert.Equal(31f / 32, anchors[511].X, 1e-6f);
        Assert.Equal(31f / 32, anchors[511].Y, 1e-6f);
        for (int i = 512; i < 518; i++) Assert.Equal(1f / 16, anchors[i].X, 1e-6f);
        Assert.Equal(3f / 16, anchors[518].X, 1e-6f);
        Assert.Equal(15f / 16, anchors[895].Y, 1e-6f);
    }

    [Fact]
    public void Generate_Back256_HasTheSameCentresOnTwiceTheStrides()
    {
        var back = SsdAnchors.Generate(256, [16, 32, 32, 32]);
        var front = SsdAnchors.Generate(128, [8, 16, 16, 16]);
        Assert.Equal(front, back);
        Assert.Equal(896, BlazeFaceModel.Back.AnchorCount);
        Assert.Equal(896, BlazeFaceModel.Front.AnchorCount);
    }
}
