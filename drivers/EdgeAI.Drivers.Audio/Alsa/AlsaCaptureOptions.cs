namespace EdgeAI.Drivers.Audio.Alsa;

/// <summary>Which ALSA device to capture from and how.</summary>
public sealed record AlsaCaptureOptions
{
    /// <summary>The ALSA PCM name: <c>default</c>, <c>plughw:1,0</c>, <c>sysdefault:CARD=Array</c>, or one from <see cref="ConfigFile"/>.</summary>
    public string Device { get; init; } = "default";
    /// <summary>Rate the device is opened at; other than <see cref="OutputRate"/> it is converted by EdgeAI's resampler.</summary>
    public int DeviceRate { get; init; } = 16000;
    /// <summary>Channels the device is opened with; mixed down to mono.</summary>
    public int Channels { get; init; } = 1;
    /// <summary>Rate delivered to the reader.</summary>
    public int OutputRate { get; init; } = 16000;
    /// <summary>Samples per chunk delivered (512 = 32 ms at 16 kHz, Silero VAD's chunk).</summary>
    public int ChunkSamples { get; init; } = 512;
    /// <summary>Chunks the ring between the capture thread and the reader holds (64 x 32 ms = about 2 s).</summary>
    public int RingChunks { get; init; } = 64;
    /// <summary>ALSA buffer latency asked for, in ms (the period is about a quarter of it).</summary>
    public int LatencyMs { get; init; } = 100;
    /// <summary>An asoundrc-style file loaded over the system configuration for this device only (a test's
    /// <c>type file</c> device, a board's dsnoop); null uses the system configuration and ~/.asoundrc.</summary>
    public string? ConfigFile { get; init; }
    /// <summary>Time of the first captured sample on the reader's timeline.</summary>
    public TimeSpan Origin { get; init; }
}
