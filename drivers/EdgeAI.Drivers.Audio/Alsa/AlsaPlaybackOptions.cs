namespace EdgeAI.Drivers.Audio.Alsa;

/// <summary>Which ALSA device speech is played on and how.</summary>
public sealed record AlsaPlaybackOptions
{
    /// <summary>The ALSA PCM name (<c>default</c>, <c>plughw:0,0</c>, or one from <see cref="ConfigFile"/>).</summary>
    public string Device { get; init; } = "default";
    /// <summary>Rate of the samples written (the device is opened at it; alsa-lib's plug layer converts if needed).</summary>
    public int SampleRate { get; init; } = 16000;
    /// <summary>Frames written per call into ALSA: the most a <see cref="AlsaPlayback.Stop"/> waits for (512 = 32 ms).</summary>
    public int PeriodFrames { get; init; } = 512;
    /// <summary>ALSA buffer latency asked for, in ms.</summary>
    public int LatencyMs { get; init; } = 100;
    /// <summary>An asoundrc-style file loaded over the system configuration for this device only; null for none.</summary>
    public string? ConfigFile { get; init; }
}
