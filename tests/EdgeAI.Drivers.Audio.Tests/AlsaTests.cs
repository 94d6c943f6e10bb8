using System.Runtime.InteropServices;
using EdgeAI.Drivers.Audio.Alsa;
using EdgeAI.TestKit;

namespace EdgeAI.Drivers.Audio.Tests;

/// <summary>
/// Live capture and playback through alsa-lib without a sound card: an asoundrc <c>type file</c> device over ALSA's
/// <c>null</c> PCM. Capture reads the device's <c>infile</c> (then the null PCM's silence), playback writes into its
/// <c>file</c>; the null PCM does not pace, so nothing here waits on a clock. A test with a real card carries the
/// Hardware trait and skips without one.
/// </summary>
public sealed class AlsaTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void RequireLibAsound()
    {
        if (!NativeLibrary.TryLoad("libasound.so.2", out var handle))
            throw Xunit.Sdk.SkipException.ForSkip("libasound.so.2 is not installed (apt-get install libasound2; ./test.sh does this)");
        NativeLibrary.Free(handle);
    }

    /// <summary>An asoundrc with <c>edgeai_in</c> (capture from <paramref name="infile"/>) and <c>edgeai_out</c>
    /// (playback into <paramref name="outfile"/>).</summary>
    private string Config(string infile, string outfile)
    {
        string path = _dir.File("asoundrc");
        File.WriteAllText(path, $$"""
            pcm.edgeai_in {
                type file
                slave.pcm "null"
                file "/dev/null"
                infile "{{infile}}"
                format "raw"
            }
            pcm.edgeai_out {
                type file
                slave.pcm "null"
                file "{{outfile}}"
                format "raw"
            }
            """);
        return path;
    }

    private static short[] S16(byte[] bytes)
    {
        var samples = new short[bytes.Length / 2];
        Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * 2);
        return samples;
    }

    private static byte[] Bytes(short[] samples)
    {
        var bytes = new byte[samples.Length * 2];
        Buffer.BlockCopy(samples, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    [Fact]
    public async Task Capture_FromAFileDevice_DeliversItsSamplesInChunksWithIndicesAndTimes()
    {
        RequireLibAsound();
        var expected = new short[16000];
        for (int i = 0; i < expected.Length; i++) expected[i] = (short)(12000 * Math.Sin(2 * Math.PI * 523.25 * i / 16000) + (i % 7) - 3);
        string infile = _dir.File("in.s16");
        File.WriteAllBytes(infile, Bytes(expected));
        using var capture = new AlsaCapture(new AlsaCaptureOptions { Device = "edgeai_in", ConfigFile = Config(infile, _dir.File("out.s16")), Origin = TimeSpan.FromSeconds(5) });
        Assert.Equal("edgeai_in", capture.Name);
        Assert.True(capture.IsLive);
        Assert.True(capture.PeriodFrames > 0);

        var buffer = new float[512];
        var ct = TestContext.Current.CancellationToken;
        for (int c = 0; c < expected.Length / 512; c++)
        {
            var chunk = await capture.ReadAsync(buffer, ct);
            Assert.Equal(512, chunk.Count);
            Assert.Equal(c * 512L, chunk.FirstSample);
            Assert.Equal(TimeSpan.FromSeconds(5) + TimeSpan.FromTicks(c * 512L * TimeSpan.TicksPerSecond / 16000), chunk.Timestamp);
            for (int i = 0; i < 512; i++) Assert.Equal(expected[c * 512 + i] / 32768f, buffer[i]);
        }
        Assert.Equal(0, capture.DeviceOverruns);
    }

    [Fact]
    public async Task Capture_At48kHzStereo_IsMixedAndResampledTo16kHz()
    {
        RequireLibAsound();
        // 1 kHz on the left, silence on the right: mono is the tone at half level.
        var stereo = new short[48000 * 2];
        for (int i = 0; i < 48000; i++) stereo[2 * i] = (short)Math.Round(16000 * Math.Sin(2 * Math.PI * 1000 * i / 48000));
        string infile = _dir.File("in48.s16");
        File.WriteAllBytes(infile, Bytes(stereo));
        using var capture = new AlsaCapture(new AlsaCaptureOptions { Device = "edgeai_in", DeviceRate = 48000, Channels = 2, ConfigFile = Config(infile, "/dev/null") });
        var mono = new List<float>();
        var buffer = new float[512];
        while (mono.Count < 16000)
        {
            var chunk = await capture.ReadAsync(buffer, TestContext.Current.CancellationToken);
            mono.AddRange(buffer.AsSpan(0, chunk.Count));
        }
        var middle = mono.ToArray().AsSpan(4000, 8000);
        Assert.InRange(Tone.Frequency(middle, 16000), 999.99, 1000.01);
        Assert.InRange(Tone.Amplitude(middle, 1000, 16000), 8000 / 32768.0 * 0.9999, 8000 / 32768.0 * 1.0001);
    }

    [Fact]
    public async Task Capture_ReaderThatDoesNotRead_RingDropsNewChunksAndTheThreadKeepsCapturing()
    {
        RequireLibAsound();
        var expected = new short[8192];
        for (int i = 0; i < expected.Length; i++) expected[i] = (short)(i * 3 - 12000);
        string infile = _dir.File("ramp.s16");
        File.WriteAllBytes(infile, Bytes(expected));
        using var capture = new AlsaCapture(new AlsaCaptureOptions { Device = "edgeai_in", RingChunks = 4, ConfigFile = Config(infile, "/dev/null") });
        // Nobody reads: the null device delivers as fast as it is asked, so the 4-chunk ring overflows at once. The
        // capture thread goes on (it never waits for the reader) and counts every chunk it could not queue.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (capture.RingOverruns < 100 && DateTime.UtcNow < deadline) Thread.Sleep(1);
        Assert.True(capture.RingOverruns >= 100, $"overruns {capture.RingOverruns}");
        Assert.True(capture.DroppedSamples >= 100 * 512);

        var buffer = new float[512];
        for (int c = 0; c < 4; c++)
        {
            var chunk = await capture.ReadAsync(buffer, TestContext.Current.CancellationToken);
            Assert.Equal(c * 512L, chunk.FirstSample);
            Assert.Equal(expected[c * 512] / 32768f, buffer[0]);
        }
        // The next chunk was captured after the drops: its index says how much is missing before it.
        var later = await capture.ReadAsync(buffer, TestContext.Current.CancellationToken);
        Assert.True(later.FirstSample >= 104 * 512, $"first sample {later.FirstSample}");
        Assert.Equal(0, later.FirstSample % 512);
    }

    [Fact]
    public void Playback_IntoAFileDevice_WritesThe16BitSamples()
    {
        RequireLibAsound();
        string outfile = _dir.File("played.s16");
        var samples = Tone.Sine(440, 16000, 0.5, amplitude: 0.7);
        using (var playback = new AlsaPlayback(new AlsaPlaybackOptions { Device = "edgeai_out", ConfigFile = Config("/dev/null", outfile) }))
        {
            playback.Write(samples.AsSpan(0, 1000));
            playback.Write(samples.AsSpan(1000));
            playback.Complete();
            Assert.Equal(samples.Length, playback.SamplesWritten);
        }
        var played = S16(File.ReadAllBytes(outfile));
        Assert.Equal(samples.Length, played.Length);
        for (int i = 0; i < samples.Length; i++) Assert.Equal(Pcm.PcmCodec.ToSigned16(samples[i]), played[i]);
    }

    [Fact]
    public void Playback_AfterStop_PlaysWhatIsWrittenNext()
    {
        RequireLibAsound();
        string outfile = _dir.File("stopped.s16");
        var second = Tone.Sine(880, 16000, 0.25, amplitude: 0.5);
        using (var playback = new AlsaPlayback(new AlsaPlaybackOptions { Device = "edgeai_out", ConfigFile = Config("/dev/null", outfile) }))
        {
            playback.Write(Tone.Sine(440, 16000, 0.25));
            playback.Stop();
            Assert.Equal(1, playback.Stops);
            playback.Write(second);
            playback.Complete();
        }
        var played = S16(File.ReadAllBytes(outfile));
        var tail = played.AsSpan(played.Length - second.Length);
        for (int i = 0; i < second.Length; i++) Assert.Equal(Pcm.PcmCodec.ToSigned16(second[i]), tail[i]);
    }

    [Fact]
    public void Open_UnknownDevice_OneLineNamingDeviceAndReason()
    {
        RequireLibAsound();
        var e = Assert.Throws<AlsaException>(() => new AlsaCapture(new AlsaCaptureOptions { Device = "edgeai_nosuch", ConfigFile = Config("/dev/null", "/dev/null") }));
        Assert.Equal("edgeai_nosuch: cannot open for capture: No such file or directory", e.Message);
        Assert.IsAssignableFrom<IOException>(e);
    }

    [Fact]
    public void Open_BrokenConfigFile_NamesTheFile()
    {
        RequireLibAsound();
        string path = _dir.File("broken.asoundrc");
        File.WriteAllText(path, "pcm.x { type file \n");
        var e = Assert.Throws<AlsaException>(() => new AlsaPlayback(new AlsaPlaybackOptions { Device = "x", ConfigFile = path }));
        Assert.StartsWith($"{path}: not a valid ALSA configuration: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Throws<FileNotFoundException>(() => new AlsaPlayback(new AlsaPlaybackOptions { Device = "x", ConfigFile = _dir.File("none") }));
    }

    [Fact]
    [Trait("Category", "Hardware")]
    public async Task Capture_DefaultDeviceOfARealCard_DeliversChunks()
    {
        RequireLibAsound();
        string cards = File.Exists("/proc/asound/cards") ? File.ReadAllText("/proc/asound/cards").Trim() : "";
        if (cards.Length == 0 || cards.Contains("no soundcards", StringComparison.Ordinal))
            throw Xunit.Sdk.SkipException.ForSkip("no sound card (/proc/asound/cards lists none); live capture is tested through an asoundrc file device above");
        using var capture = new AlsaCapture();
        var buffer = new float[512];
        var chunk = await capture.ReadAsync(buffer, TestContext.Current.CancellationToken);
        Assert.Equal(512, chunk.Count);
    }
}
