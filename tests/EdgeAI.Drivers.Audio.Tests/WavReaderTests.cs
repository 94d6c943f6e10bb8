using EdgeAI.Drivers.Audio.Pcm;
using EdgeAI.Drivers.Audio.Wav;
using EdgeAI.TestKit;

namespace EdgeAI.Drivers.Audio.Tests;

/// <summary>
/// WAV files written by sox and ffmpeg in every encoding the reader takes, from one exact reference (doubles), read
/// back as mono: each sample equals the mean of the reference's channels within the encoding's quantisation step.
/// </summary>
public sealed class WavReaderTests
{
    private const int Rate = 16000;

    /// <summary>Channel c of the reference: two tones and a deterministic noise, peak below 0.7 (no clipping).</summary>
    internal static double[] Reference(int channels, int frames, out double[] mono)
    {
        var interleaved = new double[channels * frames];
        mono = new double[frames];
        uint seed = 12345;
        for (int i = 0; i < frames; i++)
        {
            double sum = 0;
            for (int c = 0; c < channels; c++)
            {
                seed = seed * 1664525 + 1013904223;
                double noise = (seed >> 8) / (double)(1 << 24) * 2 - 1;
                double v = 0.35 * Math.Sin(2 * Math.PI * (300 + 170 * c) * i / Rate) + 0.25 * Math.Sin(2 * Math.PI * 2500 * i / Rate + c) + 0.1 * noise;
                interleaved[i * channels + c] = v;
                sum += v;
            }
            mono[i] = sum / channels;
        }
        return interleaved;
    }

    [Theory]
    [InlineData("sox", "u8", 1, SampleFormat.Unsigned8, WavHeader.TagPcm)]
    [InlineData("sox", "s16", 2, SampleFormat.Signed16, WavHeader.TagPcm)]
    [InlineData("sox", "s24", 1, SampleFormat.Signed24, WavHeader.TagExtensible)]
    [InlineData("sox", "s32", 2, SampleFormat.Signed32, WavHeader.TagExtensible)]
    [InlineData("sox", "f32", 1, SampleFormat.Float32, WavHeader.TagFloat)]
    [InlineData("sox", "f64", 2, SampleFormat.Float64, WavHeader.TagFloat)]
    [InlineData("sox", "s16", 6, SampleFormat.Signed16, WavHeader.TagExtensible)]
    [InlineData("ffmpeg", "pcm_u8", 2, SampleFormat.Unsigned8, WavHeader.TagPcm)]
    [InlineData("ffmpeg", "pcm_s16le", 1, SampleFormat.Signed16, WavHeader.TagPcm)]
    [InlineData("ffmpeg", "pcm_s24le", 2, SampleFormat.Signed24, WavHeader.TagExtensible)]
    [InlineData("ffmpeg", "pcm_s32le", 3, SampleFormat.Signed32, WavHeader.TagExtensible)]
    [InlineData("ffmpeg", "pcm_f32le", 2, SampleFormat.Float32, WavHeader.TagExtensible)]
    [InlineData("ffmpeg", "pcm_f64le", 1, SampleFormat.Float64, WavHeader.TagExtensible)]
    public void Read_FileWrittenByTool_MatchesReferenceMixWithinQuantisation(string tool, string encoding, int channels, SampleFormat format, int tag)
    {
        SoxTool.Require(tool, tool);
        using var dir = new TempDirectory();
        const int frames = 8000;
        var reference = Reference(channels, frames, out var mono);
        string raw = dir.File("ref.f64"), wav = dir.File($"{encoding}-{channels}.wav");
        SoxTool.WriteF64(raw, reference);
        if (tool == "sox") SoxTool.Sox(raw, Rate, channels, wav, SoxEncoding(encoding));
        else SoxTool.Ffmpeg(raw, Rate, channels, wav, encoding);

        using var source = AudioFileSource.OpenWav(wav);
        Assert.NotNull(source.Header);
        Assert.Equal(format, source.Header.Format.Sample);
        Assert.Equal(channels, source.Header.Format.Channels);
        Assert.Equal(Rate, source.Header.Format.SampleRate);
        Assert.Equal(tag, source.Header.FormatTag);
        Assert.Equal(frames, source.Header.Frames);
        Assert.True(source.Resampler.IsPassThrough);

        var samples = source.ReadToEnd();
        Assert.Equal(frames, samples.Length);
        // One step of the encoding (ffmpeg truncates rather than rounds into 24 bits) plus float rounding.
        double step = format switch
        {
            SampleFormat.Unsigned8 => 1.0 / 128,
            SampleFormat.Signed16 => 1.0 / 32768,
            SampleFormat.Signed24 => 1.0 / 8388608,
            _ => 0,
        } + 1e-6;
        double worst = 0;
        for (int i = 0; i < frames; i++) worst = Math.Max(worst, Math.Abs(samples[i] - mono[i]));
        Assert.True(worst <= step, $"{tool} {encoding} x{channels}: worst error {worst:E2} > {step:E2}");
    }

    private static string[] SoxEncoding(string encoding) => encoding switch
    {
        "u8" => ["-e", "unsigned-integer", "-b", "8"],
        "s16" => ["-e", "signed-integer", "-b", "16"],
        "s24" => ["-e", "signed-integer", "-b", "24"],
        "s32" => ["-e", "signed-integer", "-b", "32"],
        "f32" => ["-e", "floating-point", "-b", "32"],
        "f64" => ["-e", "floating-point", "-b", "64"],
        _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
    };

    [Fact]
    public void Read_ChunksOf512_CarryIndicesAndTimestampsFromTheOrigin()
    {
        SoxTool.Require("sox");
        using var dir = new TempDirectory();
        string wav = dir.File("tone.wav");
        // 1.25 s at 16 kHz: 39 whole chunks of 512 and a last one of 32.
        ExternalTool.Run("sox", ["-D", "-n", "-r", "16000", "-c", "1", "-b", "16", wav, "synth", "1.25", "sine", "440"]);
        using var source = AudioFileSource.OpenWav(wav, origin: TimeSpan.FromSeconds(10));
        var buffer = new float[512];
        var chunks = new List<EdgeAI.Audio.AudioChunk>();
        while (source.Read(buffer) is { IsEnd: false } chunk) chunks.Add(chunk);
        Assert.Equal(40, chunks.Count);
        for (int i = 0; i < 39; i++)
        {
            Assert.Equal(512, chunks[i].Count);
            Assert.Equal(i * 512L, chunks[i].FirstSample);
            Assert.Equal(TimeSpan.FromSeconds(10) + TimeSpan.FromTicks(i * 512L * TimeSpan.TicksPerSecond / 16000), chunks[i].Timestamp);
        }
        Assert.Equal(32, chunks[39].Count);
        var end = source.Read(buffer);
        Assert.True(end.IsEnd);
        Assert.Equal(20000, end.FirstSample);
        Assert.Equal(TimeSpan.FromSeconds(11.25), end.Timestamp);
    }

    [Fact]
    public void OpenRaw_S16leFromAPipeInShortReads_MatchesTheWavOfTheSameSamples()
    {
        SoxTool.Require("sox");
        using var dir = new TempDirectory();
        var reference = Reference(1, 5000, out var mono);
        string raw = dir.File("ref.f64"), s16 = dir.File("ref.s16");
        SoxTool.WriteF64(raw, reference);
        ExternalTool.Run("sox", ["-D", "-t", "raw", "-e", "floating-point", "-b", "64", "-r", "16000", "-c", "1", raw, "-t", "raw", "-e", "signed-integer", "-b", "16", s16]);
        // 7-byte reads split samples across reads, as a pipe may.
        using var source = AudioFileSource.OpenRaw(new TricklingStream(File.ReadAllBytes(s16), 7), "-", new PcmFormat(SampleFormat.Signed16, 1, 16000));
        var samples = source.ReadToEnd();
        Assert.Equal(5000, samples.Length);
        for (int i = 0; i < samples.Length; i++) Assert.True(Math.Abs(samples[i] - mono[i]) <= 1.0 / 32768 + 1e-6, $"sample {i}");
    }

    [Fact]
    public void OpenWav_StreamedWavWithUnknownLengthFromAPipe_ReadsToTheEnd()
    {
        SoxTool.Require("sox");
        using var dir = new TempDirectory();
        var reference = Reference(2, 3000, out var mono);
        string raw = dir.File("ref.f64"), wav = dir.File("piped.wav");
        SoxTool.WriteF64(raw, reference);
        SoxTool.Sox(raw, Rate, 2, wav, "-e", "signed-integer", "-b", "16");
        var bytes = File.ReadAllBytes(wav);
        // A writer streaming to a pipe cannot seek back: its data size stays 0xFFFFFFFF.
        int data = FindData(bytes);
        BitConverter.TryWriteBytes(bytes.AsSpan(data + 4, 4), uint.MaxValue);
        using var source = AudioFileSource.OpenWav(new TricklingStream(bytes, 1000), "-");
        Assert.Equal(-1, source.Header!.DataLength);
        var samples = source.ReadToEnd();
        Assert.Equal(3000, samples.Length);
        for (int i = 0; i < samples.Length; i++) Assert.True(Math.Abs(samples[i] - mono[i]) <= 1.0 / 32768 + 1e-6, $"sample {i}");
    }

    [Fact]
    public void OpenWav_OtherChunksBeforeData_AreSkipped()
    {
        using var dir = new TempDirectory();
        string wav = dir.File("list.wav");
        var samples = new float[] { 0.5f, -0.25f, 0.125f };
        WavFileSink.WriteAll(wav, samples);
        var bytes = File.ReadAllBytes(wav).ToList();
        // An odd-sized LIST chunk (pad byte) between 'fmt ' and 'data'.
        byte[] list = [.. "LIST"u8, 5, 0, 0, 0, (byte)'I', (byte)'N', (byte)'F', (byte)'O', (byte)'x', 0];
        bytes.InsertRange(36, list);
        File.WriteAllBytes(wav, [.. bytes]);
        Assert.Equal(samples, AudioFileSource.ReadAll(wav));
    }

    internal static int FindData(byte[] wav)
    {
        for (int i = 12; i + 8 <= wav.Length; i++)
            if (wav.AsSpan(i, 4).SequenceEqual("data"u8)) return i;
        throw new InvalidOperationException("no data chunk");
    }
}
