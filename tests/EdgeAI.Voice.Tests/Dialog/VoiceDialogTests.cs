using EdgeAI.Drivers.Audio.Wav;
using EdgeAI.TestKit;
using EdgeAI.Voice.Dialog;
using EdgeAI.Voice.Echo;
using EdgeAI.Voice.Intents;
using EdgeAI.Voice.Recognition;
using EdgeAI.Voice.Speech;
using EdgeAI.Voice.Tests.Recognition;
using EdgeAI.Voice.Vad;

namespace EdgeAI.Voice.Tests.Dialog;

/// <summary>
/// The dialog end to end on espeak-ng speech: Silero VAD, pocketsphinx over the command grammar of the demo region,
/// the intent parser, espeak-ng answers into a WAV sink and speexdsp's echo canceller are all real; only the answers'
/// words are fixed (<see cref="FixedAnswerer"/>), since the dialog is under test here.
/// </summary>
public sealed class VoiceDialogTests
{
    private const string Answer = "The nearest charger is four kilometers ahead on the right, at the science park, with two free points.";

    private static float[] Concat(params float[][] parts) => [.. parts.SelectMany(p => p)];

    private sealed class Run : IDisposable
    {
        public readonly List<VoiceEvent> Events = [];
        public readonly FixedAnswerer Answerer = new(Answer);
        public readonly TempDirectory Dir = new();
        public VoiceDialog Dialog = null!;
        public WavFileSink? Sink;

        public IEnumerable<VoiceEvent> Of(string type) => Events.Where(e => e.Type == type);

        public void Dispose() => Dir.Dispose();
    }

    private static async Task<Run> RunAsync(ScriptedSource source, VoiceDialogOptions options, bool speak = false, IEchoCanceller? echo = null,
        Action<VoiceDialog>? setup = null)
    {
        Sphinx.RequireModel();
        SpokenScene.RequireEspeak();
        var run = new Run();
        using var vad = new VoiceActivityDetector(SharedModels.LoadSilero());
        using var recognizer = PocketsphinxRecognizer.ForCommands(DemoRegionNames.Vocabulary(DemoRegionNames.GeneratedPois));
        var parser = new IntentParser(DemoRegionNames.Vocabulary(DemoRegionNames.GeneratedPois));
        using var synthesizer = speak ? new EspeakSynthesizer() : null;
        run.Sink = speak ? new WavFileSink(run.Dir.File("answers.wav")) : null;
        run.Dialog = new VoiceDialog(source, vad, recognizer, parser, run.Answerer, run.Events.Add, options)
        {
            Synthesizer = synthesizer,
            Speaker = run.Sink,
            EchoCanceller = echo,
        };
        setup?.Invoke(run.Dialog);
        await run.Dialog.RunAsync(TestContext.Current.CancellationToken);
        run.Sink?.Complete();
        return run;
    }

    [Fact]
    public async Task Always_TwoCommands_EachGivesItsTranscriptIntentAndOneAnswer()
    {
        SpokenScene.RequireEspeak();
        var audio = Concat(SpokenScene.Silence(0.5), SpokenScene.Speak("where can i park"), SpokenScene.Silence(1.0),
            SpokenScene.Speak("set the temperature to twenty one degrees"), SpokenScene.Silence(1.0));
        using var run = await RunAsync(new ScriptedSource(audio), new VoiceDialogOptions());

        Assert.Equal(["where can i park", "set the temperature to twenty one degrees"], run.Of(VoiceEventType.Transcript).Select(e => e.Text));
        Assert.Equal([IntentNames.FindParking, IntentNames.SetTemperature], run.Of(VoiceEventType.Intent).Select(e => e.Kind));
        Assert.Equal("21", run.Of(VoiceEventType.Intent).Last().Intent!.Slot("celsius"));
        Assert.Equal(2, run.Of(VoiceEventType.Answer).Count());
        Assert.All(run.Of(VoiceEventType.Answer), a => Assert.Equal(Answer, a.Text));
        Assert.Equal(["u1", "u2"], run.Of(VoiceEventType.Answer).Select(e => e.Ref));
        Assert.Empty(run.Of(VoiceEventType.BargeIn));
    }

    [Fact]
    public async Task Always_WholeCommand_EndsAfterTheShortPause_NotTheHangover()
    {
        SpokenScene.RequireEspeak();
        var audio = Concat(SpokenScene.Silence(0.5), SpokenScene.Speak("where can i park"), SpokenScene.Silence(1.0));
        using var quick = await RunAsync(new ScriptedSource(audio), new VoiceDialogOptions());
        using var slow = await RunAsync(new ScriptedSource(audio), new VoiceDialogOptions { CompleteCommandSilence = TimeSpan.Zero });

        Assert.Equal(["where can i park"], quick.Of(VoiceEventType.Transcript).Select(e => e.Text));
        Assert.Equal(["where can i park"], slow.Of(VoiceEventType.Transcript).Select(e => e.Text));
        var shortcut = Assert.Single(quick.Of(VoiceEventType.SpeechEnd));
        var hangover = Assert.Single(slow.Of(VoiceEventType.SpeechEnd));
        // The same end of speech; decided 256 ms after it (whole 32 ms chunks) instead of the VAD's 320 ms.
        Assert.Equal(hangover.SpeechEndS!.Value, shortcut.SpeechEndS!.Value, 3);
        Assert.InRange(shortcut.AtS - shortcut.SpeechEndS.Value, 0.255, 0.256 + 0.033);
        Assert.InRange(hangover.AtS - hangover.SpeechEndS.Value, 0.319, 0.320 + 0.033);
    }

    [Fact]
    public async Task Always_PauseAfterWordsThatMayGoOn_WaitsForTheRestOfTheCommand()
    {
        SpokenScene.RequireEspeak();
        // "twenty" may become "twenty one": a 250 ms pause there is inside the request (as long as the 256 ms shortcut).
        static float[] Trimmed(float[] speech)
        {
            var (first, last) = SpokenScene.Extent(speech);
            return speech[first..(last + 1)];
        }
        var audio = Concat(SpokenScene.Silence(0.5), Trimmed(SpokenScene.Speak("set the temperature to twenty")), SpokenScene.Silence(0.25),
            Trimmed(SpokenScene.Speak("one")), SpokenScene.Silence(1.0));
        using var run = await RunAsync(new ScriptedSource(audio), new VoiceDialogOptions());

        Assert.Equal(["set the temperature to twenty one"], run.Of(VoiceEventType.Transcript).Select(e => e.Text));
        Assert.Equal("21", Assert.Single(run.Of(VoiceEventType.Intent)).Intent!.Slot("celsius"));
    }

    [Fact]
    public async Task PushToTalk_OnlyTheCommandSpokenWhilePressedIsHeard()
    {
        SpokenScene.RequireEspeak();
        var first = SpokenScene.Speak("find a charger");
        var second = SpokenScene.Speak("what is my range");
        var audio = Concat(SpokenScene.Silence(0.5), first, SpokenScene.Silence(1.0), second, SpokenScene.Silence(1.0));
        double secondStart = 0.5 + first.Length / 16000.0 + 1.0;
        VoiceDialog? dialog = null;
        var source = new ScriptedSource(audio)
            .At(secondStart - 0.5, () => dialog!.Press())
            .At(secondStart + second.Length / 16000.0 + 0.2, () => dialog!.Release());
        using var run = await RunAsync(source, new VoiceDialogOptions { Activation = ActivationMode.PushToTalk }, setup: d => dialog = d);

        Assert.Equal(["ptt"], run.Of(VoiceEventType.Wake).Select(e => e.Kind));
        Assert.Equal(["what is my range"], run.Of(VoiceEventType.Transcript).Select(e => e.Text));
        Assert.Equal([IntentNames.Range], run.Of(VoiceEventType.Intent).Select(e => e.Kind));
    }

    [Fact]
    public async Task PushToTalk_NothingSaid_TimesOutAfterTheNoSpeechTimeout()
    {
        VoiceDialog? dialog = null;
        var source = new ScriptedSource(SpokenScene.Silence(4)).At(0.5, () => dialog!.Press());
        using var run = await RunAsync(source, new VoiceDialogOptions { Activation = ActivationMode.PushToTalk, NoSpeechTimeout = TimeSpan.FromSeconds(2) },
            setup: d => dialog = d);

        var timeout = Assert.Single(run.Of(VoiceEventType.Timeout));
        Assert.Equal("no_speech", timeout.Kind);
        Assert.InRange(timeout.AtS, 2.5, 2.6);
        Assert.Empty(run.Of(VoiceEventType.Transcript));
    }

    [Fact]
    public async Task Always_RequestLongerThanTheLimit_IsCutThere()
    {
        SpokenScene.RequireEspeak();
        var audio = Concat(SpokenScene.Silence(0.3), SpokenScene.Speak("navigate to the nearest charger and then find parking and then find a restaurant and tell me my range"), SpokenScene.Silence(0.5));
        using var run = await RunAsync(new ScriptedSource(audio), new VoiceDialogOptions { MaxUtterance = TimeSpan.FromSeconds(2) });

        var cut = Assert.Single(run.Of(VoiceEventType.Timeout));
        Assert.Equal("too_long", cut.Kind);
        var start = run.Of(VoiceEventType.SpeechStart).First().AtS;
        Assert.InRange(cut.AtS - start, 2.0, 2.0 + 0.033);
    }

    [Theory]
    [InlineData("silence")]
    [InlineData("dither")]
    [InlineData("cabin noise 0.01")] // the recognizer alone hears "no" in it (RejectionTests): the VAD in front refuses it
    [InlineData("cabin noise 0.1")]
    [InlineData("white noise 0.02")]
    [InlineData("white noise 0.1")]
    [InlineData("music 1")]
    [InlineData("music 2")]
    public async Task NoSpeech_TheRecognizersRejectionSignals_GiveNoTranscriptThroughTheDialog(string signal)
    {
        SpokenScene.RequireEspeak();
        using var run = await RunAsync(new ScriptedSource(RejectionTests.Signal(signal)), new VoiceDialogOptions());

        // Silero may take the music's beat for speech (a start); neither engine makes a command of it.
        if (!signal.StartsWith("music", StringComparison.Ordinal)) Assert.Empty(run.Of(VoiceEventType.SpeechStart));
        Assert.Empty(run.Of(VoiceEventType.Transcript));
        Assert.Empty(run.Answerer.Asked);
    }

    [Fact]
    public async Task SilenceNoiseAndMusic_GiveNoTranscript()
    {
        var music = new float[16000 * 4];
        // A chord progression with note envelopes: tonal, rhythmic, not speech.
        double[][] chords = [[261.6, 329.6, 392.0], [220.0, 261.6, 329.6], [174.6, 220.0, 261.6], [196.0, 246.9, 293.7]];
        for (int i = 0; i < music.Length; i++)
        {
            var chord = chords[i / 16000 % 4];
            double t = i / 16000.0, env = Math.Exp(-3 * (t % 0.5));
            foreach (double f in chord) music[i] += (float)(0.08 * env * Math.Sin(2 * Math.PI * f * t));
        }
        var audio = Concat(SpokenScene.Silence(2), SpokenScene.CabinNoise(4, 0.05, 11), SpokenScene.WhiteNoise(2, 0.02, 5), music);
        using var run = await RunAsync(new ScriptedSource(audio), new VoiceDialogOptions());

        Assert.Empty(run.Of(VoiceEventType.Transcript));
        Assert.Empty(run.Answerer.Asked);
    }

    [Fact]
    public async Task BargeIn_UserSpeaksOverTheAnswersEcho_SpeechStopsWithinOneChunkAndTheInterruptionIsTheNextRequest()
    {
        SpokenScene.RequireEspeak();
        // The request, then "cancel" from another voice 4 s into the answer (after the echo canceller's 3 s of learning);
        // the answers' echo comes from the simulated cabin as they are played.
        var command = Concat(SpokenScene.Silence(0.5), SpokenScene.Speak("find a charger"), SpokenScene.Silence(0.6));
        var user = SpokenScene.Speak("cancel", "en-us+m3");
        var audio = Concat(command, SpokenScene.Silence(12));
        int userAt = command.Length + 4 * 16000;
        user.CopyTo(audio, userAt);
        var cabin = new SimulatedCabin(audio, new EchoPath());
        Sphinx.RequireModel();
        using var canceller = new EchoCanceller();
        var events = new List<VoiceEvent>();
        using (var vad = new VoiceActivityDetector(SharedModels.LoadSilero()))
        using (var recognizer = PocketsphinxRecognizer.ForCommands(DemoRegionNames.Vocabulary(DemoRegionNames.GeneratedPois)))
        using (var synthesizer = new EspeakSynthesizer())
        {
            var parser = new IntentParser(DemoRegionNames.Vocabulary(DemoRegionNames.GeneratedPois));
            var dialog = new VoiceDialog(cabin, vad, recognizer, parser, new FixedAnswerer(Answer), events.Add)
                { Synthesizer = synthesizer, Speaker = cabin, EchoCanceller = canceller };
            await dialog.RunAsync(TestContext.Current.CancellationToken);
        }

        // One barge-in: the answers' own echo never trips it, the user does, within a few chunks.
        var bargeIn = Assert.Single(events, e => e.Type == VoiceEventType.BargeIn);
        double userSpeaks = (userAt + SpokenScene.Extent(user).First) / 16000.0;
        Assert.InRange(bargeIn.AtS, userSpeaks, userSpeaks + 8 * 0.032);
        // Nothing was played after the chunk that decided it, until the answer to the interruption.
        var answers = events.Where(e => e.Type == VoiceEventType.Answer).ToList();
        Assert.Equal(2, answers.Count);
        long cut = (long)Math.Round(bargeIn.AtS * 16000), next = (long)Math.Round(answers[1].AtS * 16000);
        Assert.DoesNotContain(cabin.Writes, w => w.At >= cut && w.At < next);
        Assert.Equal(bargeIn.PlayedChunks, cabin.Writes.Count(w => w.At < cut));
        Assert.Equal(["find a charger", "cancel"], events.Where(e => e.Type == VoiceEventType.Transcript).Select(e => e.Text));
    }
}
