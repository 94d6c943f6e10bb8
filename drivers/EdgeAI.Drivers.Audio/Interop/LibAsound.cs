using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EdgeAI.Drivers.Audio.Interop;

/// <summary>The parts of alsa-lib (libasound.so.2, Debian's libasound2) the capture and playback drivers use.</summary>
internal static unsafe partial class LibAsound
{
    private const string Lib = "libasound.so.2";

    public const int StreamPlayback = 0;
    public const int StreamCapture = 1;
    /// <summary>SND_PCM_NONBLOCK: reads return -EAGAIN instead of waiting (the capture thread waits in snd_pcm_wait).</summary>
    public const int NonBlock = 1;
    /// <summary>SND_PCM_FORMAT_S16_LE.</summary>
    public const int FormatS16Le = 2;
    /// <summary>SND_PCM_ACCESS_RW_INTERLEAVED.</summary>
    public const int AccessRwInterleaved = 3;

    // errno values, the same on linux-x64 and linux-arm64.
    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int EPIPE = 32;
    public const int ESTRPIPE = 86;

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int snd_pcm_open(out nint pcm, string name, int stream, int mode);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int snd_pcm_open_lconf(out nint pcm, string name, int stream, int mode, SafeAlsaConfig config);
    [LibraryImport(Lib)] public static partial int snd_pcm_close(nint pcm);
    [LibraryImport(Lib)]
    public static partial int snd_pcm_set_params(SafePcmHandle pcm, int format, int access, uint channels, uint rate, int softResample, uint latencyUs);
    [LibraryImport(Lib)] public static partial int snd_pcm_get_params(SafePcmHandle pcm, out nuint bufferSize, out nuint periodSize);
    [LibraryImport(Lib)] public static partial nint snd_pcm_readi(SafePcmHandle pcm, void* buffer, nuint frames);
    [LibraryImport(Lib)] public static partial nint snd_pcm_writei(SafePcmHandle pcm, void* buffer, nuint frames);
    [LibraryImport(Lib)] public static partial int snd_pcm_wait(SafePcmHandle pcm, int timeoutMs);
    [LibraryImport(Lib)] public static partial int snd_pcm_recover(SafePcmHandle pcm, int error, int silent);
    [LibraryImport(Lib)] public static partial int snd_pcm_prepare(SafePcmHandle pcm);
    [LibraryImport(Lib)] public static partial int snd_pcm_start(SafePcmHandle pcm);
    [LibraryImport(Lib)] public static partial int snd_pcm_drop(SafePcmHandle pcm);
    [LibraryImport(Lib)] public static partial int snd_pcm_drain(SafePcmHandle pcm);
    [LibraryImport(Lib)] public static partial byte* snd_strerror(int error);

    [LibraryImport(Lib)] public static partial int snd_config_update_ref(out nint top);
    [LibraryImport(Lib)] public static partial void snd_config_unref(nint top);
    [LibraryImport(Lib)] public static partial int snd_config_copy(out nint destination, nint source);
    [LibraryImport(Lib)] public static partial int snd_config_delete(nint config);
    [LibraryImport(Lib)] public static partial int snd_config_load(SafeAlsaConfig config, nint input);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int snd_input_stdio_open(out nint input, string file, string mode);
    [LibraryImport(Lib)] public static partial int snd_input_close(nint input);
    [LibraryImport(Lib)] public static partial int snd_lib_error_set_handler(delegate* unmanaged[Cdecl]<byte*, int, byte*, int, byte*, void> handler);

    /// <summary>alsa-lib's text for a negative error code.</summary>
    public static string ErrorText(long error) => Marshal.PtrToStringUTF8((nint)snd_strerror((int)error)) ?? $"error {error}";

    /// <summary>
    /// alsa-lib prints its own diagnostics to stderr ("ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM x");
    /// EdgeAI reports errors itself in one line, so its handler says nothing. The handler is variadic in C; the fixed
    /// arguments come in the same registers on linux-x64 and linux-arm64, and the variadic ones are not read.
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static void QuietErrorHandler(byte* file, int line, byte* function, int error, byte* format) { }
}
