using System.Numerics;
using System.Runtime.CompilerServices;

namespace EdgeAI.Audio;

/// <summary>
/// Float samples (full scale ±1) to 16-bit: scaled by 32768, rounded to nearest, clipped to [-32768, 32767], NaN as
/// silence. The one conversion the WAV and ALSA writers, the echo canceller and the pocketsphinx decoder use, so a
/// 16-bit file read as float (value / 32768) comes back as exactly its own samples.
/// </summary>
public static class Pcm16
{
    /// <summary>One sample.</summary>
    public static short FromFloat(float sample)
    {
        float scaled = MathF.Round(sample * 32768f);
        return float.IsNaN(scaled) ? (short)0 : scaled >= short.MaxValue ? short.MaxValue : scaled <= short.MinValue ? short.MinValue : (short)scaled;
    }

    /// <summary>Every sample of <paramref name="samples"/> into <paramref name="pcm"/> (at least as long). Vectorized.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a per-chunk loop: optimized from the first call, not after tiering
    public static void FromFloat(ReadOnlySpan<float> samples, Span<short> pcm)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // Two float vectors become one vector of shorts: scale, clip, round to nearest, narrow.
            var scale = new Vector<float>(32768f);
            var high = new Vector<float>(32767f);
            var low = new Vector<float>(-32768f);
            int width = Vector<float>.Count;
            for (; i <= samples.Length - 2 * width; i += 2 * width)
            {
                var first = Vector.ConvertToInt32(Vector.Round(Vector.Min(Vector.Max(new Vector<float>(samples[i..]) * scale, low), high)));
                var second = Vector.ConvertToInt32(Vector.Round(Vector.Min(Vector.Max(new Vector<float>(samples[(i + width)..]) * scale, low), high)));
                Vector.Narrow(first, second).CopyTo(pcm[i..]);
            }
        }
        for (; i < samples.Length; i++) pcm[i] = FromFloat(samples[i]);
    }
}
