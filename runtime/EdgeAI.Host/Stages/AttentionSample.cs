using EdgeAI.Fusion.Context;

namespace EdgeAI.Host.Stages;

/// <summary>The driver monitor's verdict on one cabin-camera frame.</summary>
/// <param name="TimeNs">When the frame was taken (the drive's recording time).</param>
/// <param name="Attention">The driver's attention.</param>
/// <param name="Awareness">The monitor's awareness level, 0..1.</param>
public readonly record struct AttentionSample(long TimeNs, DriverAttention Attention, double Awareness);
