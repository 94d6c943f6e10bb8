using EdgeAI.Drivers.Audio.Interop;

namespace EdgeAI.Drivers.Audio.Alsa;

/// <summary>Opening a PCM (with the system configuration, or that plus a user's file) and the one error check.</summary>
internal static unsafe class AlsaPcm
{
    private static int _quiet;

    /// <summary>Opens <paramref name="device"/> for <paramref name="stream"/> and sets s16le interleaved at the given
    /// rate and channels (alsa-lib's plug layer converts when the hardware differs).</summary>
    /// <remarks><paramref name="configFile"/>: an asoundrc-style file loaded on top of the system configuration, or null.</remarks>
    public static (SafePcmHandle Pcm, SafeAlsaConfig? Config, int PeriodFrames, int BufferFrames) Open(string device, int stream, int mode,
        int rate, int channels, int latencyMs, string? configFile)
    {
        if (Interlocked.Exchange(ref _quiet, 1) == 0) LibAsound.snd_lib_error_set_handler(&LibAsound.QuietErrorHandler);
        SafeAlsaConfig? config = configFile is null ? null : LoadConfig(configFile);
        SafePcmHandle? pcm = null;
        try
        {
            nint raw;
            int result = config is null ? LibAsound.snd_pcm_open(out raw, device, stream, mode) : LibAsound.snd_pcm_open_lconf(out raw, device, stream, mode, config);
            Check(result, device, stream == LibAsound.StreamCapture ? "cannot open for capture" : "cannot open for playback");
            pcm = new SafePcmHandle(raw);
            Check(LibAsound.snd_pcm_set_params(pcm, LibAsound.FormatS16Le, LibAsound.AccessRwInterleaved, (uint)channels, (uint)rate, 1, (uint)latencyMs * 1000),
                device, $"cannot set s16le, {channels} channel(s), {rate} Hz, {latencyMs} ms");
            Check(LibAsound.snd_pcm_get_params(pcm, out nuint buffer, out nuint period), device, "cannot read back the buffer size");
            return (pcm, config, (int)Math.Max(1, (long)period), (int)buffer);
        }
        catch
        {
            pcm?.Dispose();
            config?.Dispose();
            throw;
        }
    }

    /// <summary>The system configuration with <paramref name="path"/> loaded over it, private to one PCM.</summary>
    public static SafeAlsaConfig LoadConfig(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such ALSA configuration file", path);
        Check(LibAsound.snd_config_update_ref(out nint top), path, "cannot read the system ALSA configuration");
        nint copy;
        try
        {
            Check(LibAsound.snd_config_copy(out copy, top), path, "cannot copy the system ALSA configuration");
        }
        finally
        {
            LibAsound.snd_config_unref(top);
        }
        var config = new SafeAlsaConfig(copy);
        try
        {
            Check(LibAsound.snd_input_stdio_open(out nint input, path, "r"), path, "cannot open");
            try
            {
                Check(LibAsound.snd_config_load(config, input), path, "not a valid ALSA configuration");
            }
            finally
            {
                LibAsound.snd_input_close(input);
            }
            return config;
        }
        catch
        {
            config.Dispose();
            throw;
        }
    }

    /// <summary>Throws <see cref="AlsaException"/> with alsa-lib's text when <paramref name="result"/> is negative.</summary>
    public static long Check(long result, string device, string action)
    {
        if (result < 0) throw new AlsaException(device, action, (int)result, LibAsound.ErrorText(result));
        return result;
    }
}
