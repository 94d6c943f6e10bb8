using System.Globalization;
using EdgeAI.Cli.Commands;
using EdgeAI.Drivers.Audio.Pcm;

namespace EdgeAI.Cli.Voice;

/// <summary><c>--raw ENCODING:RATE[:CHANNELS]</c>, the format of headerless PCM on stdin (as <c>arecord -t raw</c> or
/// <c>sox -t raw</c> write it).</summary>
internal static class RawFormat
{
    /// <summary>The format <paramref name="text"/> names.</summary>
    /// <exception cref="UsageException">it names none.</exception>
    public static PcmFormat Parse(string text)
    {
        var parts = text.Split(':');
        SampleFormat? sample = parts[0] switch
        {
            "u8" => SampleFormat.Unsigned8,
            "s16le" => SampleFormat.Signed16,
            "s24le" => SampleFormat.Signed24,
            "s32le" => SampleFormat.Signed32,
            "f32le" => SampleFormat.Float32,
            "f64le" => SampleFormat.Float64,
            _ => null,
        };
        int rate = 0, channels = 1;
        bool ok = sample is not null && parts.Length is 2 or 3
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out rate) && rate is >= 1000 and <= 384000
            && (parts.Length == 2 || int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out channels) && channels is >= 1 and <= 32);
        return ok ? new PcmFormat(sample!.Value, channels, rate)
            : throw new UsageException($"--raw '{text}': expected ENCODING:RATE[:CHANNELS] with encoding u8, s16le, s24le, s32le, f32le or f64le, rate 1000-384000 Hz and 1-32 channels (e.g. s16le:16000:1)");
    }
}
