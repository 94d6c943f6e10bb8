using EdgeAI.Drivers.SocketCan.Interop;

namespace EdgeAI.Drivers.SocketCan;

/// <summary>
/// A receive filter as the kernel applies it (CAN_RAW_FILTER): a frame passes when <c>(id &amp; Mask) == (Id &amp; Mask)</c>.
/// Extended and remote are part of the match (the kernel compares its flag bits too).
/// </summary>
/// <param name="Id">identifier to match.</param>
/// <param name="Mask">bits of the identifier that must match (0x7FF: exactly this standard id).</param>
/// <param name="Extended">match 29-bit frames (true) or 11-bit frames (false).</param>
/// <param name="Invert">pass frames that do NOT match (CAN_INV_FILTER).</param>
public readonly record struct SocketCanFilter(uint Id, uint Mask, bool Extended = false, bool Invert = false)
{
    /// <summary>Exactly one id.</summary>
    public static SocketCanFilter Exact(uint id, bool extended = false) =>
        new(id, extended ? Native.CAN_EFF_MASK : Native.CAN_SFF_MASK, extended);

    /// <summary>The kernel's <c>can_filter</c> words.</summary>
    internal can_filter ToKernel()
    {
        uint id = Id | (Extended ? Native.CAN_EFF_FLAG : 0);
        // The EFF and RTR bits in the mask make the kernel tell standard from extended and data from remote.
        uint mask = Mask | Native.CAN_EFF_FLAG | Native.CAN_RTR_FLAG;
        if (Invert) id |= Native.CAN_INV_FILTER;
        return new can_filter { can_id = id, can_mask = mask };
    }
}
