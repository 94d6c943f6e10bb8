using Microsoft.Win32.SafeHandles;

namespace EdgeAI.Drivers.Camera.Interop;

/// <summary>A GstObject reference (pipeline, element, bus), unreferenced exactly once.</summary>
internal sealed class SafeGstObject : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeGstObject() : base(ownsHandle: true) { }

    public SafeGstObject(nint handle) : base(ownsHandle: true) => SetHandle(handle);

    protected override bool ReleaseHandle()
    {
        Gst.gst_object_unref(handle);
        return true;
    }
}
