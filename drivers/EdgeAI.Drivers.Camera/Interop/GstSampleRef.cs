namespace EdgeAI.Drivers.Camera.Interop;

/// <summary>
/// One pulled GstSample, unreferenced when the pull's scope ends. A stack-only owner instead of a SafeHandle: a
/// sample never outlives the method that pulled it, and a SafeHandle per frame would allocate on every frame.
/// </summary>
internal readonly ref struct GstSampleRef
{
    public GstSampleRef(nint sample) => Handle = sample;

    /// <summary>The sample, or 0 when the pull timed out or the stream ended.</summary>
    public nint Handle { get; }

    public bool IsEmpty => Handle == 0;

    public void Dispose()
    {
        if (Handle != 0) Gst.gst_mini_object_unref(Handle);
    }
}
