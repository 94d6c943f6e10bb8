using System.Runtime.InteropServices;

namespace EdgeAI.Voice.Interop;

/// <summary>
/// The parts of libspeexdsp (libspeexdsp.so.1, Debian's libspeexdsp1) the echo canceller uses: the MDF acoustic echo
/// canceller (speex_echo.h) and the preprocessor (speex_preprocess.h) that suppresses the residual echo. Samples are
/// <c>spx_int16_t</c> (int16); every state pointer is owned by a SafeHandle.
/// </summary>
internal static unsafe partial class LibSpeexDsp
{
    public const string Lib = "libspeexdsp.so.1";

    /// <summary>SPEEX_ECHO_SET_SAMPLING_RATE (speex_echo.h): argument int*.</summary>
    public const int EchoSetSamplingRate = 24;
    /// <summary>SPEEX_PREPROCESS_SET_DENOISE: argument int* (0 or 1).</summary>
    public const int PreprocessSetDenoise = 0;
    /// <summary>SPEEX_PREPROCESS_SET_AGC: argument int* (0 or 1).</summary>
    public const int PreprocessSetAgc = 2;
    /// <summary>SPEEX_PREPROCESS_SET_DEREVERB: argument int* (0 or 1).</summary>
    public const int PreprocessSetDereverb = 8;
    /// <summary>SPEEX_PREPROCESS_SET_NOISE_SUPPRESS: argument int* (dB, negative).</summary>
    public const int PreprocessSetNoiseSuppress = 18;
    /// <summary>SPEEX_PREPROCESS_SET_ECHO_SUPPRESS: argument int* (dB, negative): residual echo attenuation.</summary>
    public const int PreprocessSetEchoSuppress = 20;
    /// <summary>SPEEX_PREPROCESS_SET_ECHO_SUPPRESS_ACTIVE: argument int* (dB, negative): the same while the near end talks.</summary>
    public const int PreprocessSetEchoSuppressActive = 22;
    /// <summary>SPEEX_PREPROCESS_SET_ECHO_STATE: argument the SpeexEchoState* itself.</summary>
    public const int PreprocessSetEchoState = 24;

    [LibraryImport(Lib)] public static partial nint speex_echo_state_init(int frameSize, int filterLength);
    [LibraryImport(Lib)] public static partial void speex_echo_state_destroy(nint state);
    [LibraryImport(Lib)] public static partial void speex_echo_state_reset(SafeSpeexEchoState state);
    [LibraryImport(Lib)] public static partial int speex_echo_ctl(SafeSpeexEchoState state, int request, void* argument);
    [LibraryImport(Lib)]
    public static partial void speex_echo_cancellation(SafeSpeexEchoState state, short* recorded, short* played, short* output);

    [LibraryImport(Lib)] public static partial nint speex_preprocess_state_init(int frameSize, int samplingRate);
    [LibraryImport(Lib)] public static partial void speex_preprocess_state_destroy(nint state);
    [LibraryImport(Lib)] public static partial int speex_preprocess_ctl(SafeSpeexPreprocessState state, int request, void* argument);
    [LibraryImport(Lib)] public static partial int speex_preprocess_run(SafeSpeexPreprocessState state, short* samples);

    /// <summary>Whether libspeexdsp.so.1 can be loaded here.</summary>
    public static bool IsAvailable()
    {
        if (!NativeLibrary.TryLoad(Lib, typeof(LibSpeexDsp).Assembly, null, out var handle)) return false;
        NativeLibrary.Free(handle);
        return true;
    }

    /// <summary>Sets an int-valued control of the preprocessor; speexdsp answers -1 for a request it does not know.</summary>
    public static void Set(SafeSpeexPreprocessState state, int request, int value)
    {
        if (speex_preprocess_ctl(state, request, &value) != 0)
            throw new InvalidOperationException($"{Lib}: speex_preprocess_ctl refused request {request} = {value}");
    }

    /// <summary>Sets an int-valued control of the echo canceller.</summary>
    public static void Set(SafeSpeexEchoState state, int request, int value)
    {
        if (speex_echo_ctl(state, request, &value) != 0)
            throw new InvalidOperationException($"{Lib}: speex_echo_ctl refused request {request} = {value}");
    }
}
