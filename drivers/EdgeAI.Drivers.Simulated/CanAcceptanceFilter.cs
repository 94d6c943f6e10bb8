using EdgeAI.Can;

namespace EdgeAI.Drivers.Simulated;

/// <summary>
/// An id/mask acceptance filter as CAN controllers and SocketCAN's <c>CAN_RAW_FILTER</c> apply it: a frame passes
/// when <c>(frame.Id &amp; Mask) == (Id &amp; Mask)</c>. <see cref="Extended"/> null matches both id kinds.
/// </summary>
/// <param name="Id">Id bits to compare.</param>
/// <param name="Mask">Which id bits must match (0x7FF: exactly this standard id; 0: every id).</param>
/// <param name="Extended">Only 29-bit (true) or only 11-bit (false) frames, or either (null).</param>
public readonly record struct CanAcceptanceFilter(uint Id, uint Mask, bool? Extended = null)
{
    /// <summary>Exactly one id (standard or extended, as the id's size says).</summary>
    public static CanAcceptanceFilter Exact(uint id, bool extended = false) =>
        new(id, extended ? CanFrame.MaxExtendedId : CanFrame.MaxStandardId, extended);

    /// <summary>True when <paramref name="frame"/> passes.</summary>
    public bool Matches(in CanFrame frame) =>
        (Extended is not { } extended || extended == frame.IsExtended) && (frame.Id & Mask) == (Id & Mask);
}
