using Microsoft.Win32.SafeHandles;

namespace EdgeAI.Voice.Interop;

/// <summary>
/// A <c>SpeexPreprocessState*</c>, destroyed exactly once. When it is given an echo state (residual echo
/// suppression) it holds a reference on that handle, so the echo state outlives every call that reads it.
/// </summary>
internal sealed unsafe class SafeSpeexPreprocessState : SafeHandleZeroOrMinusOneIsInvalid
{
    private SafeSpeexEchoState? _echo;

    public SafeSpeexPreprocessState() : base(ownsHandle: true) { }

    /// <summary>speex_preprocess_state_init(<paramref name="frameSize"/>, <paramref name="samplingRate"/>).</summary>
    /// <exception cref="InvalidOperationException">the library returned no state.</exception>
    public static SafeSpeexPreprocessState Create(int frameSize, int samplingRate)
    {
        var state = new SafeSpeexPreprocessState();
        state.SetHandle(LibSpeexDsp.speex_preprocess_state_init(frameSize, samplingRate));
        if (state.IsInvalid) throw new InvalidOperationException($"{LibSpeexDsp.Lib}: speex_preprocess_state_init({frameSize}, {samplingRate}) returned no state");
        return state;
    }

    /// <summary>SPEEX_PREPROCESS_SET_ECHO_STATE: the preprocessor reads the canceller's residual echo estimate.</summary>
    public void AttachEcho(SafeSpeexEchoState echo)
    {
        bool added = false;
        echo.DangerousAddRef(ref added);
        if (LibSpeexDsp.speex_preprocess_ctl(this, LibSpeexDsp.PreprocessSetEchoState, (void*)echo.Pointer) != 0)
        {
            echo.DangerousRelease();
            throw new InvalidOperationException($"{LibSpeexDsp.Lib}: speex_preprocess_ctl refused SPEEX_PREPROCESS_SET_ECHO_STATE");
        }
        _echo = echo;
    }

    protected override bool ReleaseHandle()
    {
        LibSpeexDsp.speex_preprocess_state_destroy(handle);
        _echo?.DangerousRelease();
        return true;
    }
}
