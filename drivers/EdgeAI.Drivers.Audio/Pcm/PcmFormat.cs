namespace EdgeAI.Drivers.Audio.Pcm;

/// <summary>Interleaved PCM: the sample format, how many channels and how many frames per second.</summary>
/// <param name="Sample">How each sample is stored.</param>
/// <param name="Channels">Channels per frame (1 or more).</param>
/// <param name="SampleRate">Frames per second.</param>
public sealed record PcmFormat(SampleFormat Sample, int Channels, int SampleRate)
{
    /// <summary>Bytes one sample of one channel takes.</summary>
    public int BytesPerSample => BytesOf(Sample);

    /// <summary>Bytes one frame (a sample of every channel) takes.</summary>
    public int BlockAlign => BytesPerSample * Channels;

    /// <summary>Bytes per sample of <paramref name="format"/>.</summary>
    public static int BytesOf(SampleFormat format) => format switch
    {
        SampleFormat.Unsigned8 => 1,
        SampleFormat.Signed16 => 2,
        SampleFormat.Signed24 => 3,
        SampleFormat.Signed32 or SampleFormat.Float32 => 4,
        SampleFormat.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary><c>s16le 2 ch 44100 Hz</c>.</summary>
    public override string ToString() => $"{Name(Sample)} {Channels} ch {SampleRate} Hz";

    /// <summary>The sox/ALSA-style short name: u8, s16le, s24le, s32le, f32le, f64le.</summary>
    public static string Name(SampleFormat format) => format switch
    {
        SampleFormat.Unsigned8 => "u8",
        SampleFormat.Signed16 => "s16le",
        SampleFormat.Signed24 => "s24le",
        SampleFormat.Signed32 => "s32le",
        SampleFormat.Float32 => "f32le",
        SampleFormat.Float64 => "f64le",
        _ => format.ToString(),
    };
}
