namespace EdgeAI.Host.Hil;

/// <summary>One fault of a HIL scenario, on the virtual clock (seconds from the drive's first frame).</summary>
/// <param name="Kind">Which fault.</param>
/// <param name="FromS">Where its window opens (0 for faults without a window).</param>
/// <param name="ToS">Where its window closes (infinity for faults without a window).</param>
/// <param name="Message">The CAN message it concerns (DBC name, or id as 0x1A0 or decimal), for message faults.</param>
/// <param name="Line">Its line in scenario.json.</param>
public sealed record HilFault(HilFaultKind Kind, double FromS, double ToS, string? Message, int Line)
{
    /// <summary>The name scenario.json uses for the kind (<c>bus_off</c>, <c>frozen_counter</c>, ...).</summary>
    public string Name => NameOf(Kind);

    /// <summary>Whether <paramref name="atS"/> lies in the window [from, to).</summary>
    public bool Covers(double atS) => atS >= FromS && atS < ToS;

    /// <summary>One line for the report.</summary>
    public string Describe() => Kind == HilFaultKind.ModelLoadFailure ? Name
        : $"{Name}{(Message is null ? "" : " " + Message)} {FromS:0.###}-{ToS:0.###} s";

    /// <summary>The scenario.json name of <paramref name="kind"/>.</summary>
    public static string NameOf(HilFaultKind kind) => kind switch
    {
        HilFaultKind.BusOff => "bus_off",
        HilFaultKind.Dropout => "dropout",
        HilFaultKind.FrozenCounter => "frozen_counter",
        HilFaultKind.BadChecksum => "bad_checksum",
        HilFaultKind.CameraUnplug => "camera_unplug",
        HilFaultKind.GpsLoss => "gps_loss",
        HilFaultKind.ModelLoadFailure => "model_load_failure",
        HilFaultKind.StageStall => "stage_stall",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The kind named <paramref name="name"/>, or false.</summary>
    public static bool TryParseKind(string name, out HilFaultKind kind)
    {
        foreach (var candidate in Enum.GetValues<HilFaultKind>())
            if (NameOf(candidate) == name) { kind = candidate; return true; }
        kind = default;
        return false;
    }
}
