using System.Buffers.Binary;
using EdgeAI.Audio;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EdgeAI.Drivers.Audio.Pcm;

/// <summary>
/// Interleaved little-endian PCM to mono float and back. Channels are mixed down by their mean (equal weight), and
/// integer samples are scaled by their full scale (2^(bits-1)), so a full-scale 16-bit sample is -1.0 and the largest
/// positive one 32767/32768.
/// </summary>
public static class PcmCodec
{
    private const float Scale8 = 1f / 128f, Scale16 = 1f / 32768f, Scale24 = 1f / 8388608f;
    private const double Scale32 = 1.0 / 2147483648.0;

    /// <summary>Decodes whole frames of <paramref name="format"/> from <paramref name="source"/> into mono samples.</summary>
    /// <returns>Frames decoded: the frames in <paramref name="source"/>, at most <paramref name="destination"/>'s length.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a per-read loop: optimized from the first call, not after tiering
    public static int DecodeMono(ReadOnlySpan<byte> source, PcmFormat format, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(format);
        int channels = format.Channels, width = format.BytesPerSample, block = format.BlockAlign;
        int frames = Math.Min(source.Length / block, destination.Length);
        // The common file, mono 16-bit, in one pass over the samples (the general loop below decodes sample by sample
        // through the format switch: about 27 ns a sample, as long as pocketsphinx takes to decode it).
        if (channels == 1 && format.Sample == SampleFormat.Signed16 && BitConverter.IsLittleEndian)
        {
            var samples = MemoryMarshal.Cast<byte, short>(source[..(frames * 2)]);
            var output = destination[..frames];
            for (int i = 0; i < output.Length; i++) output[i] = samples[i] * Scale16;
            return frames;
        }
        float mix = 1f / channels;
        for (int f = 0; f < frames; f++)
        {
            var frame = source.Slice(f * block, block);
            float sum = 0;
            for (int c = 0; c < channels; c++) sum += Decode(frame.Slice(c * width, width), format.Sample);
            destination[f] = channels == 1 ? sum : sum * mix;
        }
        return frames;
    }

    /// <summary>One sample as float, full scale ±1.</summary>
    public static float Decode(ReadOnlySpan<byte> sample, SampleFormat format) => format switch
    {
        SampleFormat.Unsigned8 => (sample[0] - 128) * Scale8,
        SampleFormat.Signed16 => BinaryPrimitives.ReadInt16LittleEndian(sample) * Scale16,
        // Sign-extend the 24-bit value by shifting it to the top of an int and back.
        SampleFormat.Signed24 => ((sample[0] << 8 | sample[1] << 16 | sample[2] << 24) >> 8) * Scale24,
        SampleFormat.Signed32 => (float)(BinaryPrimitives.ReadInt32LittleEndian(sample) * Scale32),
        SampleFormat.Float32 => BinaryPrimitives.ReadSingleLittleEndian(sample),
        SampleFormat.Float64 => (float)BinaryPrimitives.ReadDoubleLittleEndian(sample),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>Mono float to 16-bit little-endian, rounded to nearest and clipped to [-32768, 32767].</summary>
    /// <returns>Bytes written (2 per sample).</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> holds fewer than 2 bytes per sample.</exception>
    public static int EncodeSigned16(ReadOnlySpan<float> source, Span<byte> destination)
    {
        if (destination.Length < source.Length * 2)
            throw new ArgumentException($"{source.Length} samples need {source.Length * 2} bytes; the buffer has {destination.Length}", nameof(destination));
        for (int i = 0; i < source.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(destination.Slice(i * 2, 2), ToSigned16(source[i]));
        return source.Length * 2;
    }

    /// <summary>One float sample as a 16-bit value, rounded to nearest and clipped (NaN is silence): <see cref="Pcm16"/>.</summary>
    public static short ToSigned16(float sample) => Pcm16.FromFloat(sample);
}
