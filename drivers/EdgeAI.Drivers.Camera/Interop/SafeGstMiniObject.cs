using Microsoft.Win32.SafeHandles;

namespace EdgeAI.Drivers.Camera.Interop;

/// <summary>A GstMiniObject reference that outlives one call (caps kept for comparison, a bus message), unreferenced exactly once.</summary>
internal sealed class SafeGstMiniObject : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeGstMiniObject() : base(ownsHandle: true) { }

    public SafeGstMiniObject(nint handle) : base(ownsHandle: true) => SetHandle(handle);

    protected override bool ReleaseHandle()
    {
        Gst.gst_mini_object_unref(handle);
        return true;
    }
}
