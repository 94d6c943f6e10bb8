using Microsoft.Win32.SafeHandles;

namespace EdgeAI.Voice.Interop;

/// <summary>A <c>SpeexEchoState*</c>, destroyed exactly once.</summary>
internal sealed class SafeSpeexEchoState : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeSpeexEchoState() : base(ownsHandle: true) { }

    /// <summary>speex_echo_state_init(<paramref name="frameSize"/>, <paramref name="filterLength"/>).</summary>
    /// <exception cref="InvalidOperationException">the library returned no state.</exception>
    public static SafeSpeexEchoState Create(int frameSize, int filterLength)
    {
        var state = new SafeSpeexEchoState();
        state.SetHandle(LibSpeexDsp.speex_echo_state_init(frameSize, filterLength));
        if (state.IsInvalid) throw new InvalidOperationException($"{LibSpeexDsp.Lib}: speex_echo_state_init({frameSize}, {filterLength}) returned no state");
        return state;
    }

    /// <summary>The raw pointer, for SPEEX_PREPROCESS_SET_ECHO_STATE (the preprocessor keeps a reference: see
    /// <see cref="SafeSpeexPreprocessState.AttachEcho"/>).</summary>
    internal nint Pointer => handle;

    protected override bool ReleaseHandle()
    {
        LibSpeexDsp.speex_echo_state_destroy(handle);
        return true;
    }
}
