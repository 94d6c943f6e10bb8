namespace EdgeAI.Host.Pipeline;

/// <summary>
/// How far an input stage has got in drive time: every sample taken before <see cref="Value"/> has been written to its
/// channel (or will never come). At max speed fusion applies a CAN frame of time t only once the GPS's and the
/// camera's watermarks are past t, so that a replay gives the same timeline as the demo's lock step, whatever each
/// stage's own pace.
/// </summary>
public sealed class InputWatermark
{
    private long _value = long.MinValue;

    /// <summary>Every sample before this time (ns) is written.</summary>
    public long Value => Interlocked.Read(ref _value);

    /// <summary>Samples before <paramref name="timeNs"/> are written.</summary>
    public void Advance(long timeNs)
    {
        if (timeNs > Interlocked.Read(ref _value)) Interlocked.Exchange(ref _value, timeNs);
    }

    /// <summary>The input has ended: nothing more will come.</summary>
    public void Close() => Interlocked.Exchange(ref _value, long.MaxValue);
}
