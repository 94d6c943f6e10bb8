namespace EdgeAI.Drivers.Audio.Pcm;

/// <summary>How one sample of one channel is stored (little-endian throughout, as in WAV and ALSA's *_LE formats).</summary>
public enum SampleFormat
{
    /// <summary>8-bit unsigned, 128 is silence (WAV's only 8-bit PCM).</summary>
    Unsigned8,
    /// <summary>16-bit signed.</summary>
    Signed16,
    /// <summary>24-bit signed, packed in 3 bytes.</summary>
    Signed24,
    /// <summary>32-bit signed (also 24 or 20 valid bits left-justified in a 32-bit container).</summary>
    Signed32,
    /// <summary>IEEE 754 single precision, full scale ±1.0.</summary>
    Float32,
    /// <summary>IEEE 754 double precision, full scale ±1.0.</summary>
    Float64,
}
