namespace EdgeAI.Host.Hil;

/// <summary>The faults a HIL scenario can inject (docs/hil.md).</summary>
public enum HilFaultKind
{
    /// <summary>The bus goes bus-off: no CAN frame arrives in the window.</summary>
    BusOff,
    /// <summary>One message stops arriving in the window.</summary>
    Dropout,
    /// <summary>One E2E-protected message keeps its alive counter at the value it had when the window opened
    /// (checksum recomputed, so only the counter is wrong).</summary>
    FrozenCounter,
    /// <summary>One E2E-protected message arrives with a wrong checksum in the window.</summary>
    BadChecksum,
    /// <summary>The cabin camera is unplugged: its frames in the window are lost unprocessed.</summary>
    CameraUnplug,
    /// <summary>No GPS fix arrives in the window.</summary>
    GpsLoss,
    /// <summary>The language model's folder fails to load; templates word and answer.</summary>
    ModelLoadFailure,
    /// <summary>A stage of the host pipeline stops making progress (needs <c>edgeai run</c>'s pipeline).</summary>
    StageStall,
}
