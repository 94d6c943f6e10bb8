using Microsoft.Win32.SafeHandles;

namespace EdgeAI.Drivers.Audio.Interop;

/// <summary>An open <c>snd_pcm_t</c>, closed exactly once.</summary>
internal sealed class SafePcmHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafePcmHandle() : base(ownsHandle: true) { }

    public SafePcmHandle(nint handle) : base(ownsHandle: true) => SetHandle(handle);

    protected override bool ReleaseHandle() => LibAsound.snd_pcm_close(handle) == 0;
}
