using EdgeAI.Drivers.Audio.Wav;
using EdgeAI.TestKit;

namespace EdgeAI.Drivers.Audio.Tests;

/// <summary>The WAV writer for speech output: a header sox and ffprobe agree with, samples rounded to 16 bits,
/// and a file that appears whole or not at all.</summary>
public sealed class WavFileSinkTests
{
    [Fact]
    public void Complete_WritesA16BitMonoWavThatSoxReadsBack()
    {
        SoxTool.Require("sox");
        using var dir = new TempDirectory();
        string path = dir.File("speech.wav");
        var samples = Tone.Sine(440, 16000, 0.5, amplitude: 0.8);
        using (var sink = new WavFileSink(path))
        {
            sink.Write(samples.AsSpan(0, 3000));
            sink.Write(samples.AsSpan(3000));
            sink.Complete();
            Assert.Equal(8000, sink.SamplesWritten);
        }
        Assert.Equal(44 + 16000, new FileInfo(path).Length);
        // soxi: channels, rate, bits, samples, encoding.
        Assert.Equal("1", ExternalTool.Run("soxi", ["-c", path]).Trim());
        Assert.Equal("16000", ExternalTool.Run("soxi", ["-r", path]).Trim());
        Assert.Equal("16", ExternalTool.Run("soxi", ["-b", path]).Trim());
        Assert.Equal("8000", ExternalTool.Run("soxi", ["-s", path]).Trim());
        Assert.Equal("Signed Integer PCM", ExternalTool.Run("soxi", ["-e", path]).Trim());
        // sox's own decoding of the samples, as raw s16le, equals the float samples rounded to 16 bits.
        string raw = dir.File("back.s16");
        ExternalTool.Run("sox", [path, "-t", "raw", raw]);
        var bytes = File.ReadAllBytes(raw);
        for (int i = 0; i < samples.Length; i++)
            Assert.Equal(Math.Clamp((int)MathF.Round(samples[i] * 32768), -32768, 32767), BitConverter.ToInt16(bytes, i * 2));
        Assert.Equal(AudioFileSource.ReadAll(path), samples.Select(s => Math.Clamp(MathF.Round(s * 32768), -32768, 32767) / 32768f).ToArray());
    }

    [Fact]
    public void Write_OutOfRangeAndNaN_AreClippedAndSilenced()
    {
        using var dir = new TempDirectory();
        string path = dir.File("clip.wav");
        WavFileSink.WriteAll(path, [2f, -2f, float.NaN, 1f, -1f]);
        Assert.Equal([32767 / 32768f, -1f, 0f, 32767 / 32768f, -1f], AudioFileSource.ReadAll(path));
    }

    [Fact]
    public void Dispose_WithoutComplete_LeavesTheEarlierFileAndNoTemporaryFile()
    {
        using var dir = new TempDirectory();
        string path = dir.File("answer.wav");
        WavFileSink.WriteAll(path, [0.5f, 0.5f]);
        var before = File.ReadAllBytes(path);
        using (var sink = new WavFileSink(path))
        {
            sink.Write(Tone.Sine(440, 16000, 0.1));
            // Until Complete, readers see the earlier file whole.
            Assert.Equal(before, File.ReadAllBytes(path));
        }
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Complete_ReplacesTheEarlierFileAtOnce()
    {
        using var dir = new TempDirectory();
        string path = dir.File("answer.wav");
        WavFileSink.WriteAll(path, [0.5f, 0.5f]);
        WavFileSink.WriteAll(path, [0.25f]);
        Assert.Equal([0.25f], AudioFileSource.ReadAll(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }
}
