using System.Drawing;
using System.Numerics;
using EdgeAI.Vision.Preprocessing;

namespace EdgeAI.Vision.Faces;

/// <summary>
/// Turns BlazeFace's raw outputs into faces in source-frame pixels: score sigmoid with logit clipping, box and
/// keypoint decoding relative to the SSD anchors, a minimum score, and MediaPipe-style weighted non-max suppression
/// (overlapping detections are blended, weighted by score, rather than discarded). All buffers are allocated once;
/// decoding a frame allocates nothing. Not thread-safe: one decoder per pipeline.
/// </summary>
public sealed class BlazeFaceDecoder
{
    private const int ValuesPerAnchor = 16;
    private readonly BlazeFaceModel _model;
    private readonly Vector2[] _anchors;
    private readonly float[] _sortKeys;      // -score, so an ascending sort puts the best first
    private readonly int[] _order;
    private readonly float[] _candidates;    // per candidate: xmin, ymin, xmax, ymax, 6 x (x, y) in tensor-normalised units
    private readonly float[] _scores;
    private readonly bool[] _used;
    private readonly FaceDetection[] _faces;
    private int _candidateCount, _faceCount;

    /// <summary>Creates a decoder for one BlazeFace variant.</summary>
    public BlazeFaceDecoder(BlazeFaceModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _anchors = SsdAnchors.Generate(model.InputSize, model.Strides);
        int n = _anchors.Length;
        _sortKeys = new float[n];
        _order = new int[n];
        _candidates = new float[n * ValuesPerAnchor];
        _scores = new float[n];
        _used = new bool[n];
        _faces = new FaceDetection[model.MaxFaces];
    }

    /// <summary>The variant this decoder decodes.</summary>
    public BlazeFaceModel Model => _model;

    /// <summary>Faces found by the last <see cref="Decode"/>, best first; valid until the next call.</summary>
    public ReadOnlySpan<FaceDetection> Faces => _faces.AsSpan(0, _faceCount);

    /// <summary>
    /// Decodes the two output heads (scores [1,512,1] and regressors [1,512,16], then [1,384,1] and [1,384,16]);
    /// <paramref name="transform"/> is what the preprocessor returned for this frame. Returns the number of faces.
    /// </summary>
    public int Decode(ReadOnlySpan<float> scores1, ReadOnlySpan<float> regressors1, ReadOnlySpan<float> scores2,
        ReadOnlySpan<float> regressors2, LetterboxTransform transform)
    {
        if (scores1.Length + scores2.Length != _anchors.Length)
            throw new ArgumentException($"the model's score outputs hold {scores1.Length} + {scores2.Length} anchors, {_anchors.Length} expected");
        if (regressors1.Length != scores1.Length * ValuesPerAnchor || regressors2.Length != scores2.Length * ValuesPerAnchor)
            throw new ArgumentException($"the model's regressor outputs hold {regressors1.Length} + {regressors2.Length} values, {ValuesPerAnchor} per anchor expected");
        _candidateCount = 0;
        Collect(scores1, regressors1, 0);
        Collect(scores2, regressors2, scores1.Length);
        Suppress(transform);
        return _faceCount;
    }

    private void Collect(ReadOnlySpan<float> scores, ReadOnlySpan<float> regressors, int firstAnchor)
    {
        float clip = _model.ScoreClip, min = _model.MinScore, unit = 1f / _model.CoordinateScale;
        for (int i = 0; i < scores.Length; i++)
        {
            float score = 1f / (1f + MathF.Exp(-Math.Clamp(scores[i], -clip, clip)));
            if (score < min) continue;
            var anchor = _anchors[firstAnchor + i];
            var raw = regressors.Slice(i * ValuesPerAnchor, ValuesPerAnchor);
            int c = _candidateCount++;
            var box = _candidates.AsSpan(c * ValuesPerAnchor, ValuesPerAnchor);
            float cx = raw[0] * unit + anchor.X, cy = raw[1] * unit + anchor.Y;
            float halfW = raw[2] * unit / 2f, halfH = raw[3] * unit / 2f;
            box[0] = cx - halfW;
            box[1] = cy - halfH;
            box[2] = cx + halfW;
            box[3] = cy + halfH;
            for (int k = 0; k < FaceKeypoints.Count; k++)
            {
                box[4 + 2 * k] = raw[4 + 2 * k] * unit + anchor.X;
                box[5 + 2 * k] = raw[5 + 2 * k] * unit + anchor.Y;
            }
            _scores[c] = score;
            _sortKeys[c] = -score;
            _order[c] = c;
        }
    }

    private void Suppress(LetterboxTransform transform)
    {
        _faceCount = 0;
        int n = _candidateCount;
        _sortKeys.AsSpan(0, n).Sort(_order.AsSpan(0, n));
        Array.Clear(_used, 0, n);
        Span<float> blended = stackalloc float[ValuesPerAnchor];
        for (int i = 0; i < n && _faceCount < _faces.Length; i++)
        {
            int best = _order[i];
            if (_used[best]) continue;
            var top = _candidates.AsSpan(best * ValuesPerAnchor, ValuesPerAnchor);
            blended.Clear();
            float weight = 0f;
            for (int j = i; j < n; j++)
            {
                int other = _order[j];
                if (_used[other]) continue;
                var candidate = _candidates.AsSpan(other * ValuesPerAnchor, ValuesPerAnchor);
                if (other != best && Overlap(top, candidate) <= _model.SuppressionOverlap) continue;
                _used[other] = true;
                float s = _scores[other];
                weight += s;
                for (int v = 0; v < blended.Length; v++) blended[v] += candidate[v] * s;
            }
            for (int v = 0; v < blended.Length; v++) blended[v] /= weight;
            Emit(blended, _scores[best], transform);
        }
    }

    private void Emit(ReadOnlySpan<float> normalised, float score, LetterboxTransform transform)
    {
        float size = _model.InputSize;
        var min = transform.ToSource(new Vector2(normalised[0] * size, normalised[1] * size));
        var max = transform.ToSource(new Vector2(normalised[2] * size, normalised[3] * size));
        ref var face = ref _faces[_faceCount++];
        face.Score = score;
        face.Box = new RectangleF(min.X, min.Y, max.X - min.X, max.Y - min.Y);
        for (int k = 0; k < FaceKeypoints.Count; k++)
            face.Keypoints[k] = transform.ToSource(new Vector2(normalised[4 + 2 * k] * size, normalised[5 + 2 * k] * size));
    }

    private static float Overlap(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float w = MathF.Min(a[2], b[2]) - MathF.Max(a[0], b[0]);
        float h = MathF.Min(a[3], b[3]) - MathF.Max(a[1], b[1]);
        if (w <= 0 || h <= 0) return 0f;
        float intersection = w * h;
        float union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - intersection;
        return union > 0 ? intersection / union : 0f;
    }
}
