using EdgeAI.Voice.Pocketsphinx.Interop;
using Microsoft.Win32.SafeHandles;

namespace EdgeAI.Voice.Pocketsphinx;

/// <summary>A <c>ps_decoder_t</c>, freed exactly once.</summary>
internal sealed class SafeDecoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeDecoderHandle() : base(ownsHandle: true) { }

    public SafeDecoderHandle(nint handle) : base(ownsHandle: true) => SetHandle(handle);

    // ps_free returns the remaining reference count: 0 when this was the last one.
    protected override bool ReleaseHandle() => LibPocketsphinx.ps_free(handle) >= 0;
}
