using System.Numerics;

namespace EdgeAI.Vision.Faces;

/// <summary>
/// SSD anchor centres as MediaPipe's face detectors lay them out: for each run of layers that share a stride, one
/// feature map of ceil(input / stride) cells, each cell holding two anchors per layer (aspect ratio 1 plus the
/// interpolated scale), centred at (cell + 0.5) / cells. Anchor sizes are fixed at 1, so only centres matter.
/// </summary>
public static class SsdAnchors
{
    /// <summary>Anchors for <paramref name="inputSize"/> and <paramref name="strides"/>.</summary>
    public static int Count(int inputSize, ReadOnlySpan<int> strides)
    {
        int count = 0;
        for (int layer = 0; layer < strides.Length;)
        {
            int run = RunLength(strides, layer);
            int cells = (inputSize + strides[layer] - 1) / strides[layer];
            count += cells * cells * 2 * run;
            layer += run;
        }
        return count;
    }

    /// <summary>Anchor centres in input-normalised units (0..1), in the order the model's outputs list them.</summary>
    public static Vector2[] Generate(int inputSize, ReadOnlySpan<int> strides)
    {
        var anchors = new Vector2[Count(inputSize, strides)];
        int n = 0;
        for (int layer = 0; layer < strides.Length;)
        {
            int run = RunLength(strides, layer);
            int cells = (inputSize + strides[layer] - 1) / strides[layer];
            for (int y = 0; y < cells; y++)
                for (int x = 0; x < cells; x++)
                    for (int a = 0; a < 2 * run; a++)
                        anchors[n++] = new Vector2((x + 0.5f) / cells, (y + 0.5f) / cells);
            layer += run;
        }
        return anchors;
    }

    private static int RunLength(ReadOnlySpan<int> strides, int start)
    {
        int end = start;
        while (end < strides.Length && strides[end] == strides[start]) end++;
        return end - start;
    }
}
