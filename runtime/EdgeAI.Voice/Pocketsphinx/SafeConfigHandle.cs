using EdgeAI.Voice.Pocketsphinx.Interop;
using Microsoft.Win32.SafeHandles;

namespace EdgeAI.Voice.Pocketsphinx;

/// <summary>A sphinxbase <c>cmd_ln_t</c> (the decoder's configuration), released exactly once (the decoder holds its own reference).</summary>
internal sealed class SafeConfigHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeConfigHandle() : base(ownsHandle: true) { }

    public SafeConfigHandle(nint handle) : base(ownsHandle: true) => SetHandle(handle);

    protected override bool ReleaseHandle() => LibPocketsphinx.cmd_ln_free_r(handle) >= 0;
}
