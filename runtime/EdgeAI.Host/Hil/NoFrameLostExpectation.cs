namespace EdgeAI.Host.Hil;

/// <summary>Every CAN frame and GPS fix read is either applied or removed by a fault on purpose; camera frames the
/// same with the unplugged ones.</summary>
public sealed class NoFrameLostExpectation : HilExpectation
{
    /// <inheritdoc/>
    public override ExpectationResult Evaluate(HilObservation observation)
    {
        if (observation.Frames is not { } f)
            return ExpectationResult.Skip(Name, "frame counts come from the in-process pipeline; a device under test's event stream has none");
        long canLost = f.CanRead - f.CanRemoved - f.CanApplied;
        long gpsLost = f.GpsRead - f.GpsRemoved - f.GpsApplied;
        return ExpectationResult.Of(Name, canLost == 0 && gpsLost == 0,
            $"CAN {f.CanRead} read = {f.CanApplied} applied + {f.CanRemoved} removed by faults ({canLost} lost); " +
            $"GPS {f.GpsRead} read = {f.GpsApplied} applied + {f.GpsRemoved} removed ({gpsLost} lost); camera {f.CameraProcessed} processed, {f.CameraRemoved} unplugged");
    }
}
