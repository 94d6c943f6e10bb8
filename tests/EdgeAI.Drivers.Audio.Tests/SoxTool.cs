using EdgeAI.TestKit;

namespace EdgeAI.Drivers.Audio.Tests;

/// <summary>sox and ffmpeg as the independent writers of the WAV files the reader is tested on.</summary>
internal static class SoxTool
{
    /// <summary>Skips the test, naming the package, when <paramref name="program"/> is missing.</summary>
    public static void Require(string program, string package = "sox")
    {
        string? missing = ExternalTool.MissingProgramReason(program, package);
        if (missing is not null) throw Xunit.Sdk.SkipException.ForSkip(missing);
    }

    /// <summary>Writes interleaved doubles as raw f64le (the exact reference the tools convert from).</summary>
    public static void WriteF64(string path, double[] interleaved)
    {
        var bytes = new byte[interleaved.Length * 8];
        Buffer.BlockCopy(interleaved, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(path, bytes);
    }

    /// <summary><c>sox -D</c> (no dither) from raw f64le to a WAV with <paramref name="encoding"/> sox options.</summary>
    public static void Sox(string raw, int rate, int channels, string wav, params string[] encoding) =>
        ExternalTool.Run("sox", ["-D", "-t", "raw", "-e", "floating-point", "-b", "64", "-r", $"{rate}", "-c", $"{channels}", raw, .. encoding, wav]);

    /// <summary>ffmpeg from raw f64le to a WAV with codec <paramref name="codec"/> (pcm_u8, pcm_s24le, ...).</summary>
    public static void Ffmpeg(string raw, int rate, int channels, string wav, string codec) =>
        ExternalTool.Run("ffmpeg", ["-v", "error", "-y", "-f", "f64le", "-ar", $"{rate}", "-ac", $"{channels}", "-i", raw, "-c:a", codec, wav]);
}
