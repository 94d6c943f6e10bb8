using System.Runtime.InteropServices;
using System.Threading.Channels;
using EdgeAI.Assistant.Drive;
using EdgeAI.Assistant.Voice;
using EdgeAI.Audio;
using EdgeAI.Drivers.Simulated;
using EdgeAI.Host.Pipeline;
using EdgeAI.Host.Stages;
using EdgeAI.Inference.Models;
using EdgeAI.Llm.Fallback;
using EdgeAI.Llm.Tools;
using EdgeAI.TestKit;
using EdgeAI.Voice.Dialog;
using EdgeAI.Voice.Intents;
using EdgeAI.Voice.Pocketsphinx;
using EdgeAI.Voice.Recognition;
using EdgeAI.Voice.Vad;
using EdgeAI.Voice.Wake;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAI.Host.Tests.Stages;

/// <summary>
/// The host's voice stage on the Adlershof drive's own recording ("hey edge ... how far can I drive"), with the real
/// engines: Silero VAD, pocketsphinx's wake phrase and command grammar, the intent parser and the template answers. The
/// microphones here are the stage's inputs (a device that breaks, one that cannot be opened), not what is under test.
/// </summary>
public sealed class VoiceStageTests : IDisposable
{
    private const long T0 = 1_781_257_950_000_000_000;
    private static readonly string Recording = RepoPaths.Get("models", "scenarios", "adlershof-drive", "voice", "range.wav");

    private readonly VoiceActivityDetector _vad;
    private readonly CommandVocabulary _vocabulary;
    private PocketsphinxRecognizer _recognizer;
    private int _dialogs;
    private readonly IWakeDetector _wake;
    private readonly IntentParser _parser;
    private readonly TemplateResponder _responder = new(new ToolRegistry([]));

    public VoiceStageTests()
    {
        if (!NativeLibrary.TryLoad("libpocketsphinx.so.3", out nint lib))
            throw Xunit.Sdk.SkipException.ForSkip("libpocketsphinx.so.3 is missing: apt-get install libpocketsphinx3");
        NativeLibrary.Free(lib);
        if (!File.Exists(Path.Combine(PocketsphinxModel.EnUs.AcousticModel, "mdef")))
            throw Xunit.Sdk.SkipException.ForSkip($"{PocketsphinxModel.EnUsFolder} is missing: apt-get install pocketsphinx-en-us");
        var cache = new ModelCache();
        try
        {
            _vad = new VoiceActivityDetector(SileroVad.Load(cache));
        }
        catch (ModelNotAvailableException e)
        {
            throw Xunit.Sdk.SkipException.ForSkip($"{e.Message} (./test.sh fetches it)");
        }
        _vocabulary = RegionVocabulary.Of([]);
        _recognizer = PocketsphinxRecognizer.ForCommands(_vocabulary);
        _wake = new SpeechGatedWakeDetector(new PocketsphinxWakeDetector(PocketsphinxWakeDetector.DefaultPhrase, PocketsphinxWakeDetector.DefaultThreshold), SileroVad.Load(cache),
            verifier: new WakeVerifier(PocketsphinxWakeDetector.DefaultPhrase, _vocabulary));
        _parser = new IntentParser(_vocabulary);
    }

    public void Dispose()
    {
        _wake.Dispose();
        _recognizer.Dispose();
        _vad.Dispose();
        _responder.Dispose();
    }

    private VoiceDialog Dialog(IAudioSource source, Action<VoiceEvent> onEvent)
    {
        // As the host does (tools/EdgeAI.Cli/Run/HostVoice): afresh on every opening, a new recognizer after a loss.
        _vad.Reset();
        _wake.Reset();
        if (_dialogs++ > 0)
        {
            _recognizer.Dispose();
            _recognizer = PocketsphinxRecognizer.ForCommands(_vocabulary);
        }
        return new VoiceDialog(source, _vad, _recognizer, _parser, new VoiceAnswerer(_responder, isModel: false), onEvent,
            new VoiceDialogOptions { Activation = ActivationMode.WakePhrase }) { Wake = _wake };
    }

    private static ScriptedSpeechSource Recorded(double atS) => new([(TimeSpan.FromSeconds(atS), Recording)], TimeSpan.FromSeconds(1));

    private static async Task<List<TimelineEvent>> RunUntilEndedAsync(VoiceStage stage, StageChannel<TimelineEvent> events)
    {
        await stage.StartAsync(TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (stage.Health.State != StageState.Ended && DateTime.UtcNow < deadline) await Task.Delay(20, TestContext.Current.CancellationToken);
        await stage.StopAsync(CancellationToken.None);
        var seen = new List<TimelineEvent>();
        while (events.Reader.TryRead(out var e)) seen.Add(e);
        Assert.True(stage.Health.State is StageState.Ended or StageState.Stopped, $"the stage did not end: {stage.Health.State}, {stage.Health.Detail}");
        return seen;
    }

    [Fact]
    public async Task MicrophoneLostMidRequest_OneErrorEvent_ReopensWithBackOff_AndHearsTheNextRequest()
    {
        var clock = new DriveClock(TimeProvider.System, double.PositiveInfinity);
        clock.Anchor(T0);
        var events = new StageChannel<TimelineEvent>("events", 1000, BoundedChannelFullMode.Wait);
        int opens = 0;
        var openedAt = new List<DateTime>();
        IAudioSource Open()
        {
            openedAt.Add(DateTime.UtcNow);
            return ++opens switch
            {
                // Unplugged 1.6 s into the request (after the wake phrase, before the end of the question).
                1 => new BreakingMicrophone(Recorded(0), chunks: 50),
                2 => throw new IOException("hw:2,0: cannot open for capture: No such device"),
                _ => Recorded(0.5),
            };
        }
        var stage = new VoiceStage(new StageHealth("voice", TimeSpan.FromSeconds(5), TimeProvider.System), NullLogger.Instance, Open, Dialog, events, clock, () => true)
        {
            FirstRetry = TimeSpan.FromMilliseconds(100), MaxRetry = TimeSpan.FromSeconds(1),
        };

        var seen = await RunUntilEndedAsync(stage, events);

        var errors = seen.Where(e => e.Type == VoiceEventType.Error).ToList();
        var error = Assert.Single(errors);
        Assert.Equal(VoiceStage.DeviceLost, error.Kind);
        Assert.Contains("No such device", error.Text);
        Assert.Equal(2, stage.Losses);
        Assert.Equal(2, stage.Opens);
        Assert.True(openedAt[1] - openedAt[0] >= TimeSpan.FromMilliseconds(90), $"first retry after {(openedAt[1] - openedAt[0]).TotalMilliseconds} ms");
        Assert.True(openedAt[2] - openedAt[1] >= TimeSpan.FromMilliseconds(190), $"second retry after {(openedAt[2] - openedAt[1]).TotalMilliseconds} ms");
        // The cut request is not heard; the one after the reconnection is, as a range question answered by the templates.
        var transcript = Assert.Single(seen, e => e.Type == VoiceEventType.Transcript);
        Assert.Equal("how far can i drive", transcript.Text);
        Assert.Equal(IntentNames.Range, Assert.Single(seen, e => e.Type == VoiceEventType.Intent).Kind);
        var answer = Assert.Single(seen, e => e.Type == VoiceEventType.Answer);
        Assert.Equal(transcript.Id, answer.Ref);
        Assert.Equal("the scripted speech ended (1 request(s) heard)", stage.Health.Detail);
        Assert.Equal(1, stage.Utterances);
    }

    [Fact]
    public async Task Recording_IsHeardWhenTheDriveReachesIt_AndPlacedOnTheDrivesTimeline()
    {
        // A tenth of real time: the 2.8-s recording at 1 s of drive ends at 3.8 s of drive, 0.38 s of wall time.
        var clock = new DriveClock(TimeProvider.System, 10);
        var events = new StageChannel<TimelineEvent>("events", 1000, BoundedChannelFullMode.Wait);
        var stage = new VoiceStage(new StageHealth("voice", TimeSpan.FromSeconds(5), TimeProvider.System), NullLogger.Instance, () => Recorded(1), Dialog, events, clock, () => false);
        clock.Anchor(T0);
        var anchored = DateTime.UtcNow;

        var seen = await RunUntilEndedAsync(stage, events);
        var wall = DateTime.UtcNow - anchored;

        var wake = Assert.Single(seen, e => e.Type == VoiceEventType.Wake);
        var transcript = Assert.Single(seen, e => e.Type == VoiceEventType.Transcript);
        Assert.Equal("how far can i drive", transcript.Text);
        // On the drive's timeline: the wake phrase within the first second of the recording, the end of the request after it.
        Assert.InRange(wake.AtS, 1.0, 2.0);
        Assert.InRange(transcript.AtS, wake.AtS + 1, 1 + 2.8 + 0.5);
        Assert.Equal(T0 + (long)Math.Round(transcript.AtS * 1e9), transcript.TimeNs);
        // Never ahead of the drive: the whole source (recording and a 1-s tail, 4.8 s of drive) took at least 0.48 s of wall time.
        Assert.True(wall >= TimeSpan.FromSeconds(0.47), $"the stage ran ahead of the drive: done after {wall.TotalSeconds:0.00} s of wall time");
    }

    /// <summary>A live microphone that is unplugged after <paramref name="chunks"/> chunks (the next read fails as ALSA's does).</summary>
    private sealed class BreakingMicrophone(IAudioSource inner, int chunks) : IAudioSource
    {
        private int _read;

        public string Name => "hw:2,0";
        public bool IsLive => true;
        public int SampleRate => inner.SampleRate;
        public int ChunkSamples => inner.ChunkSamples;
        public long DroppedSamples => 0;

        public ValueTask<AudioChunk> ReadAsync(Memory<float> destination, CancellationToken cancellation = default)
        {
            if (++_read > chunks) throw new IOException("hw:2,0: capture failed: No such device");
            return inner.ReadAsync(destination, cancellation);
        }

        public void Dispose() => inner.Dispose();
    }
}
