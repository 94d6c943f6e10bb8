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
        run.Dialog = new VoiceDialog(source, vad, recognizer, parser.Parse, run.Answerer, run.Events.Add, options)
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
        var audio = Concat(SpokenScene.Silence(0.5), SpokenScene.Speak("find parking"), SpokenScene.Silence(1.0),
            SpokenScene.Speak("set the temperature to twenty one degrees"), SpokenScene.Silence(1.0));
        using var run = await RunAsync(new ScriptedSource(audio), new VoiceDialogOptions());

        Assert.Equal(["find parking", "set the temperature to twenty one degrees"], run.Of(VoiceEventType.Transcript).Select(e => e.Text));
        Assert.Equal([IntentNames.FindParking, IntentNames.SetTemperature], run.Of(VoiceEventType.Intent).Select(e => e.Kind));
        Assert.Equal("21", run.Of(VoiceEventType.Intent).Last().Intent!.Slot("celsius"));
        Assert.Equal(2, run.Of(VoiceEventType.Answer).Count());
        Assert.All(run.Of(VoiceEventType.Answer), a => Assert.Equal(Answer, a.Text));
        Assert.Equal(["u1", "u2"], run.Of(VoiceEventType.Answer).Select(e => e.Ref));
        Assert.Empty(run.Of(VoiceEventType.BargeIn));
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
    public async Task BargeIn_UserSpeaksOverTheAnswersEcho_SpeechStopsWithinOneChunkAndGenerationIsCancelled()
    {
        SpokenScene.RequireEspeak();
        var command = Concat(SpokenScene.Silence(0.5), SpokenScene.Speak("find a charger"), SpokenScene.Silence(0.6));

        // First run: where the answer starts and what it sounds like, with nothing heard over it.
        using var quiet = await RunAsync(new ScriptedSource(Concat(command, SpokenScene.Silence(9))), new VoiceDialogOptions(), speak: true);
        Assert.Empty(quiet.Of(VoiceEventType.BargeIn));
        double answerAt = quiet.Of(VoiceEventType.Answer).Single().AtS;
        int startSample = (int)Math.Round(answerAt * 16000);
        var played = EdgeAI.Drivers.Audio.AudioFileSource.ReadAll(quiet.Dir.File("answers.wav"));
        Assert.True(played.Length > 16000 * 4, $"answer of {played.Length} samples");

        // Second run: the loudspeaker's echo of that answer on the microphone, and the user saying "cancel" 3 s into it
        // (after the echo canceller's 1.5 s of learning).
        var user = SpokenScene.Speak("cancel", "en-us+m3");
        var mic = Concat(command, SpokenScene.Silence(9));
        int userAt = startSample + 3 * 16000;
        var (first, _) = SpokenScene.Extent(user);
        // The loudspeaker falls silent once the dialog stops it, a little after the user starts.
        var echo = EchoPath.Of(played, new EchoPath());
        int echoEnd = userAt + first + 8 * 512 - startSample;
        for (int i = 0; i < echoEnd; i++) mic[startSample + i] += echo[i];
        for (int i = 0; i < user.Length; i++) mic[userAt + i] += user[i];
        using var canceller = new EchoCanceller();
        using var run = await RunAsync(new ScriptedSource(mic), new VoiceDialogOptions(), speak: true, echo: canceller);

        var bargeIn = Assert.Single(run.Of(VoiceEventType.BargeIn));
        double userSpeaks = (userAt + first) / 16000.0;
        Assert.InRange(bargeIn.AtS, userSpeaks, userSpeaks + 8 * 0.032);
        // Played up to and including the chunk in which the barge-in was decided, nothing after it.
        int chunksPlayed = (int)Math.Round((bargeIn.AtS - answerAt) * 16000 / 512);
        Assert.Equal(chunksPlayed, bargeIn.PlayedChunks);
        // The user's "cancel" is the next request, answered in full after the cut first answer.
        Assert.Equal(["find a charger", "cancel"], run.Of(VoiceEventType.Transcript).Select(e => e.Text));
        Assert.Equal(chunksPlayed * 512L + played.Length, run.Sink!.SamplesWritten);
    }
}
