namespace EdgeAI.Host.Hil;

/// <summary>Every CAN frame read is either offered to the vehicle context or removed by a fault on purpose (frames in ==
/// frames applied + frames the faults removed); GPS fixes and camera frames are reported beside it.</summary>
public sealed class NoFrameLostExpectation : HilExpectation
{
    /// <inheritdoc/>
    public override ExpectationResult Evaluate(HilObservation observation)
    {
        if (observation.Frames is not { } f)
            return ExpectationResult.Skip(Name, "frame counts come from the in-process pipeline; a device under test's event stream has none");
        long canLost = f.CanRead - f.CanRemoved - f.CanApplied;
        return ExpectationResult.Of(Name, canLost == 0,
            $"CAN {f.CanRead} read = {f.CanApplied} applied + {f.CanRemoved} removed by faults ({canLost} lost); " +
            $"GPS {f.GpsRead} fixes, {f.GpsRemoved} removed by faults; camera {f.CameraProcessed} frames processed, {f.CameraRemoved} lost to the unplug");
    }
}
