namespace EdgeAI.Host.Hil;

/// <summary>What went into the in-process pipeline, what it took and what the faults removed on purpose.</summary>
public sealed class HilFrameCounts
{
    /// <summary>CAN frames read from the log within the scenario's window.</summary>
    public long CanRead { get; set; }

    /// <summary>CAN frames the faults removed (bus-off, dropouts).</summary>
    public long CanRemoved { get; set; }

    /// <summary>CAN frames the vehicle context was offered.</summary>
    public long CanApplied { get; set; }

    /// <summary>GPS fixes within the scenario's window.</summary>
    public long GpsRead { get; set; }

    /// <summary>GPS fixes the faults removed.</summary>
    public long GpsRemoved { get; set; }

    /// <summary>Camera frames processed by the driver monitor.</summary>
    public long CameraProcessed { get; set; }

    /// <summary>Camera frames lost to an unplugged camera.</summary>
    public long CameraRemoved { get; set; }
}
