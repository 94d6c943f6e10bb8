using System.Runtime.InteropServices;
using EdgeAI.Audio;
using EdgeAI.Drivers.Audio;
using EdgeAI.Drivers.Audio.Alsa;
using EdgeAI.Drivers.Audio.Wav;
using EdgeAI.TestKit;
using EdgeAI.Voice.Echo;
using EdgeAI.Voice.Speech;

namespace EdgeAI.Voice.Tests;

/// <summary>
/// The speech sinks: espeak-ng's speech into a WAV file (<c>--tts-out</c>) that our reader reads back sample for sample,
/// into ALSA through an asoundrc <c>type file</c> device (no sound card), chunk by chunk into the echo reference, and
/// the text sink.
/// </summary>
public sealed class SpeechSinkTests : IDisposable
{
    private const string Text = "Your battery is at forty two percent. The next charger is six kilometers ahead.";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static async Task<float[]> Synthesize(string text)
    {
        using var synthesizer = new EspeakSynthesizer(new EspeakOptions { KeepSpareProcess = false });
        var all = new List<float>();
        await foreach (var piece in synthesizer.SynthesizeAsync(text, "en", TestContext.Current.CancellationToken)) all.AddRange(piece.Span);
        return [.. all];
    }

    private static void AssertSameWithin16Bit(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (Math.Abs(expected[i] - actual[i]) > 1.0 / 32768 + 1e-6) Assert.Fail($"sample {i}: {actual[i]} against {expected[i]}");
    }

    [Fact]
    public async Task AudioSink_IntoWavFile_WritesAValidFileOurReaderReadsBack()
    {
        SpokenScene.RequireEspeak();
        var expected = await Synthesize(Text);
        string path = _dir.File("answer.wav");
        var reference = new EchoReference(capacity: 1 << 20);
        using (var sink = new AudioSpeechSink(new EspeakSynthesizer(), new WavFileSink(path)) { Reference = reference })
        {
            Assert.Equal(path, sink.Name);
            await sink.SpeakAsync(Text, "en", TestContext.Current.CancellationToken);
            Assert.False(sink.IsSpeaking);
            Assert.Equal((expected.Length + 511) / 512, sink.ChunksWritten);
            sink.Complete();
        }

        using (var source = AudioFileSource.OpenWav(path))
        {
            Assert.Equal(16000, source.Header!.Format.SampleRate);
            Assert.Equal(1, source.Header.Format.Channels);
            Assert.Equal(expected.Length, source.Header.Frames);
        }
        AssertSameWithin16Bit(expected, AudioFileSource.ReadAll(path));

        // What was played is the echo reference, in order.
        var played = new float[reference.Pending];
        Assert.Equal(expected.Length, reference.Read(played));
        Assert.Equal(expected, played);
        Assert.Empty(Directory.EnumerateFiles(_dir.Path, ".*tmp*"));
    }

    [Fact]
    public async Task AudioSink_IntoAlsaFileDevice_PlaysTheSamples()
    {
        SpokenScene.RequireEspeak();
        if (!NativeLibrary.TryLoad("libasound.so.2", out var lib))
            throw Xunit.Sdk.SkipException.ForSkip("libasound.so.2 is not installed (apt-get install libasound2; ./test.sh does this)");
        NativeLibrary.Free(lib);
        var expected = await Synthesize(Text);
        string raw = _dir.File("played.s16");
        string config = _dir.File("asoundrc");
        File.WriteAllText(config, $$"""
            pcm.edgeai_speaker {
                type file
                slave.pcm "null"
                file "{{raw}}"
                format "raw"
            }
            """);
        using (var sink = new AudioSpeechSink(new EspeakSynthesizer(), new AlsaPlayback(new AlsaPlaybackOptions { Device = "edgeai_speaker", ConfigFile = config })))
        {
            Assert.Equal("edgeai_speaker", sink.Name);
            await sink.SpeakAsync(Text, "en", TestContext.Current.CancellationToken);
            sink.Complete();
        }
        var bytes = File.ReadAllBytes(raw);
        var played = new float[bytes.Length / 2];
        for (int i = 0; i < played.Length; i++) played[i] = BitConverter.ToInt16(bytes, 2 * i) / 32768f;
        AssertSameWithin16Bit(expected, played);
    }

    [Fact]
    public void AudioSink_RateMismatch_IsRefusedInOneLine()
    {
        using var synthesizer = new EspeakSynthesizer(new EspeakOptions { SampleRate = 22050 });
        using var file = new WavFileSink(_dir.File("x.wav"), 16000);
        var e = Assert.Throws<ArgumentException>(() => new AudioSpeechSink(synthesizer, file, shouldDispose: false));
        Assert.Contains("22050 Hz", e.Message);
        Assert.Contains("16000 Hz", e.Message);
    }

    [Fact]
    public async Task AudioSink_StopWhileSilent_IsANoOpAndTheNextAnswerSpeaks()
    {
        SpokenScene.RequireEspeak();
        string path = _dir.File("after-stop.wav");
        using var sink = new AudioSpeechSink(new EspeakSynthesizer(), new WavFileSink(path));
        sink.Stop();
        Assert.Equal(0, sink.Stops);
        await sink.SpeakAsync("Okay.", "en", TestContext.Current.CancellationToken);
        Assert.True(sink.ChunksWritten > 5);
    }

    [Fact]
    public async Task TextSink_WritesEachAnswerAsALine()
    {
        var writer = new StringWriter();
        using var sink = new TextSpeechSink(writer);
        await sink.SpeakAsync("Turn left.", "en", TestContext.Current.CancellationToken);
        await sink.SpeakAsync("前方左转。", "zh-CN", TestContext.Current.CancellationToken);
        sink.Stop();
        Assert.Equal("text", sink.Name);
        Assert.Equal(2, sink.Answers);
        Assert.Equal($"Turn left.{Environment.NewLine}前方左转。{Environment.NewLine}", writer.ToString());
    }
}
