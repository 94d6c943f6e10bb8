namespace EdgeAI.Drivers.Audio.Alsa;

/// <summary>An ALSA call failed: one line naming the device, what was being done and alsa-lib's reason.</summary>
public sealed class AlsaException : IOException
{
    /// <summary>Creates the exception for <paramref name="device"/>.</summary>
    public AlsaException(string device, string action, int errorCode, string reason)
        : base($"{device}: {action}: {reason}")
    {
        Device = device;
        ErrorCode = errorCode;
    }

    /// <summary>The ALSA device name (or configuration file) involved.</summary>
    public string Device { get; }
    /// <summary>alsa-lib's negative error code (a negated errno).</summary>
    public int ErrorCode { get; }
}
