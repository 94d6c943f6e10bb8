namespace EdgeAI.Host.Stages;

/// <summary>
/// The cabin camera through the driver monitor, frame by frame (the CLI composes it from a camera or clip and the
/// vision pipeline).
/// </summary>
public interface IAttentionSource : IDisposable
{
    /// <summary>True for a camera (it can be unplugged and come back), false for a clip (it ends).</summary>
    bool IsLive { get; }

    /// <summary>The next frame's verdict, with the car's speed for the monitor; null when a clip ends.</summary>
    /// <exception cref="IOException">the camera went away.</exception>
    ValueTask<AttentionSample?> NextAsync(float? speedKmh, CancellationToken cancellation);
}
