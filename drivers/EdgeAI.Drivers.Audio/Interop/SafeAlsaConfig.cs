using Microsoft.Win32.SafeHandles;

namespace EdgeAI.Drivers.Audio.Interop;

/// <summary>A private <c>snd_config_t</c> tree (the global configuration plus a user's file), deleted exactly once.</summary>
internal sealed class SafeAlsaConfig : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeAlsaConfig() : base(ownsHandle: true) { }

    public SafeAlsaConfig(nint handle) : base(ownsHandle: true) => SetHandle(handle);

    protected override bool ReleaseHandle() => LibAsound.snd_config_delete(handle) == 0;
}
