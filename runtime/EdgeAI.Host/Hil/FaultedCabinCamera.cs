using EdgeAI.Assistant.Drive;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Host.Hil;

/// <summary>
/// The cabin camera with the scenario's <c>camera_unplug</c> windows: frames taken while unplugged never reach the
/// driver monitor (counted), so the attention keys go stale; after the window the camera delivers again.
/// </summary>
/// <param name="inner">The camera.</param>
/// <param name="unplugged">The camera_unplug faults.</param>
/// <param name="startNs">The drive's first frame (ns since the Unix epoch): the faults' zero.</param>
public sealed class FaultedCabinCamera(ICabinCamera inner, IReadOnlyList<HilFault> unplugged, long startNs) : ICabinCamera
{
    // Frames come in time order, so the windows are visited in the order they open.
    private readonly HilFault[] _windows = [.. unplugged.OrderBy(f => f.FromS)];

    /// <summary>Frames lost while unplugged.</summary>
    public long Unplugged { get; private set; }

    /// <inheritdoc/>
    public long Frames => inner.Frames;

    /// <inheritdoc/>
    public async ValueTask AdvanceToAsync(long nowNs, VehicleContext context, CancellationToken cancellation)
    {
        double atS = (nowNs - startNs) / 1e9;
        foreach (var fault in _windows)
        {
            if (fault.FromS > atS) continue;
            // Frames before the window go through; the window's own frames are lost.
            await inner.AdvanceToAsync(startNs + (long)(fault.FromS * 1e9) - 1, context, cancellation);
            Unplugged += await inner.SkipToAsync(Math.Min(nowNs, startNs + (long)(fault.ToS * 1e9) - 1), cancellation);
        }
        await inner.AdvanceToAsync(nowNs, context, cancellation);
    }

    /// <inheritdoc/>
    public async ValueTask<long> SkipToAsync(long nowNs, CancellationToken cancellation)
    {
        long skipped = await inner.SkipToAsync(nowNs, cancellation);
        Unplugged += skipped;
        return skipped;
    }
}
