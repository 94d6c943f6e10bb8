using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Drive;

/// <summary>
/// The cabin camera as the drive sees it: processes its frames up to a moment and reports the driver monitor's state
/// into the context. The CLI implements it with the vision pipeline over the scenario's clip.
/// </summary>
public interface ICabinCamera
{
    /// <summary>Processes every frame taken up to <paramref name="nowNs"/> and applies the driver's attention to
    /// <paramref name="context"/> (with the frame's time).</summary>
    ValueTask AdvanceToAsync(long nowNs, VehicleContext context, CancellationToken cancellation);

    /// <summary>Lets every frame taken up to <paramref name="nowNs"/> go by unprocessed, as an unplugged camera's frames
    /// never arrive (HIL's camera_unplug); returns how many.</summary>
    ValueTask<long> SkipToAsync(long nowNs, CancellationToken cancellation);

    /// <summary>Frames processed so far.</summary>
    long Frames { get; }
}
