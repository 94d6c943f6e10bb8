using EdgeAI.Assistant.Drive;
using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Voice;
using EdgeAI.Audio;
using EdgeAI.Cli.Commands;
using EdgeAI.Cli.Demo;
using EdgeAI.Cli.Voice;
using EdgeAI.Drivers.Audio;
using EdgeAI.Drivers.Audio.Alsa;
using EdgeAI.Drivers.Audio.Wav;
using EdgeAI.Drivers.Simulated;
using EdgeAI.Fusion.Scenarios;
using EdgeAI.Host.Configuration;
using EdgeAI.Llm.Fallback;
using EdgeAI.Voice.Dialog;
using EdgeAI.Voice.Intents;
using EdgeAI.Voice.Speech;
using EdgeAI.Voice.Wake;

namespace EdgeAI.Cli.Run;

/// <summary>
/// The host's audio-and-voice stage put together from <c>Run:Audio</c>, <c>Run:Activation</c> and <c>Run:Speaker</c>:
/// the microphone (the scenario's recordings, ALSA capture or a WAV file), pocketsphinx over the region's command
/// grammar, the wake phrase, answers from the vehicle and service tools on the assistant's snapshot, and the speaker.
/// Engines that cannot load (no pocketsphinx, no Silero model) leave the host without voice, said on the status line.
/// </summary>
internal sealed class HostVoice : IDisposable
{
    private readonly CommandVocabulary _vocabulary;
    private VoiceEngines _engines;
    private int _dialogs;
    private readonly IWakeDetector? _wake;
    private readonly ISpeechSynthesizer? _synthesizer;
    private readonly IAudioSink? _speaker;
    private readonly VoiceAnswerer _answerer;
    private readonly TemplateResponder _responder;

    private HostVoice(CommandVocabulary vocabulary, VoiceEngines engines, IWakeDetector? wake, ISpeechSynthesizer? synthesizer, IAudioSink? speaker, TemplateResponder responder, ActivationMode activation, Func<IAudioSource> open, bool scripted)
    {
        IsScripted = scripted;
        _vocabulary = vocabulary;
        _engines = engines;
        _wake = wake;
        _synthesizer = synthesizer;
        _speaker = speaker;
        _responder = responder;
        _answerer = new VoiceAnswerer(responder, isModel: false);
        Activation = activation;
        Open = open;
    }

    /// <summary>How speech activates the assistant.</summary>
    public ActivationMode Activation { get; }

    /// <summary>Opens the microphone (again after a loss).</summary>
    public Func<IAudioSource> Open { get; }

    /// <summary>True when the microphone plays recordings (it ends), false for a live one.</summary>
    public bool IsScripted { get; }

    /// <summary>
    /// The voice parts <paramref name="options"/> ask for, or null with the reason in <paramref name="notes"/> (no audio,
    /// or engines that cannot load here).
    /// </summary>
    /// <exception cref="UsageException">an unknown activation, or a WAV input that does not exist.</exception>
    public static HostVoice? Create(RunOptions options, Scenario scenario, ScenarioPipeline pipeline, SnapshotContextReader reader, AssistantDrive drive, List<string> notes)
    {
        string audio = options.Audio;
        if (audio.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            notes.Add("voice: off (--audio none)");
            return null;
        }
        string activationName = options.Activation ?? scenario.Voice?.Activation ?? "wake";
        bool buttons = !options.Buttons.Equals("none", StringComparison.OrdinalIgnoreCase);
        if (options.Activation is null && activationName == "ptt" && !buttons)
        {
            notes.Add("voice: off (the scenario asks for push-to-talk, which needs a talk button: --Run:Buttons=gpio:CHIP:LINE=talk)");
            return null;
        }
        var activation = activationName switch
        {
            "wake" => ActivationMode.WakePhrase,
            "always" => ActivationMode.Always,
            "ptt" when buttons => ActivationMode.PushToTalk,
            "ptt" => throw new UsageException("Run:Activation 'ptt': push-to-talk needs a talk button (--Run:Buttons=gpio:CHIP:LINE=talk)"),
            _ => throw new UsageException($"Run:Activation '{activationName}': expected 'wake', 'always' or 'ptt'"),
        };
        Func<IAudioSource> open;
        bool scripted = true;
        if (audio.Equals("scenario", StringComparison.OrdinalIgnoreCase))
        {
            if (scenario.Voice is not { Utterances.Count: > 0 } section)
            {
                notes.Add("voice: off (the scenario has no voice recordings; --audio mic or a WAV file listens)");
                return null;
            }
            var recordings = section.Utterances.Select(u => (TimeSpan.FromSeconds(u.AtS), u.Audio)).ToList();
            open = () => new ScriptedSpeechSource(recordings, TimeSpan.FromSeconds(5));
        }
        else if (audio.Equals("mic", StringComparison.OrdinalIgnoreCase) || audio.StartsWith("mic:", StringComparison.OrdinalIgnoreCase))
        {
            string device = audio.Length > 4 ? audio[4..] : "default";
            scripted = false;
            open = () => new AlsaCapture(new AlsaCaptureOptions { Device = device });
        }
        else
        {
            if (!File.Exists(audio)) throw new UsageException($"--audio {audio}: expected 'scenario', 'mic[:DEVICE]', 'none' or a WAV file");
            open = () => new ScriptedSpeechSource([(TimeSpan.Zero, audio)], TimeSpan.FromSeconds(5));
        }

        VoiceEngines engines;
        var vocabulary = RegionVocabulary.Of(pipeline.Services?.Map.Pois ?? []);
        try
        {
            engines = VoiceEngines.Open("pocketsphinx", vocabulary);
        }
        catch (Exception e) when (e is DllNotFoundException or FileNotFoundException or InvalidOperationException or IOException)
        {
            notes.Add($"voice: off ({e.Message.ReplaceLineEndings(" ")})");
            return null;
        }
        IWakeDetector? wake = null;
        try
        {
            if (activation == ActivationMode.WakePhrase) wake = VoiceEngines.Wake(VoiceEngines.DefaultWakePhrase, null, vocabulary);
            var (synthesizer, speaker) = OpenSpeaker(options.Speaker, options.Voice);
            var responder = new TemplateResponder(pipeline.ToolsFor(drive, reader));
            return new HostVoice(vocabulary, engines, wake, synthesizer, speaker, responder, activation, open, scripted);
        }
        catch
        {
            wake?.Dispose();
            engines.Dispose();
            throw;
        }
    }

    /// <summary>A dialog on <paramref name="source"/>, its events to <paramref name="onEvent"/>; the VAD and the wake phrase start afresh.</summary>
    public VoiceDialog Dialog(IAudioSource source, Action<VoiceEvent> onEvent)
    {
        // A microphone lost mid-request leaves the detectors where it was cut: listen afresh. pocketsphinx's decoder does
        // not recover from an utterance cut mid-way (the next one decodes to nothing, even after ps_end_utt), so a
        // reopened microphone gets fresh engines.
        if (_dialogs++ > 0)
        {
            _engines.Dispose();
            _engines = VoiceEngines.Open("pocketsphinx", _vocabulary);
        }
        _wake?.Reset();
        return new VoiceDialog(source, _engines.Vad, _engines.Recognizer, _engines.Parser, _answerer, onEvent, new VoiceDialogOptions { Activation = Activation })
        {
            Wake = _wake,
            Synthesizer = _synthesizer,
            Speaker = _speaker,
        };
    }

    private static (ISpeechSynthesizer?, IAudioSink?) OpenSpeaker(string speaker, string voice)
    {
        if (speaker.Equals("none", StringComparison.OrdinalIgnoreCase)) return (null, null);
        var synthesizer = VoiceEngines.Synthesizer(voice, "Run:Voice");
        try
        {
            if (speaker.Equals("alsa", StringComparison.OrdinalIgnoreCase) || speaker.StartsWith("alsa:", StringComparison.OrdinalIgnoreCase))
                return (synthesizer, new AlsaPlayback(new AlsaPlaybackOptions { Device = speaker.Length > 5 ? speaker[5..] : "default", SampleRate = synthesizer.SampleRate }));
            return (synthesizer, new WavFileSink(speaker, synthesizer.SampleRate));
        }
        catch
        {
            synthesizer.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _speaker?.Complete();
        _speaker?.Dispose();
        _synthesizer?.Dispose();
        _wake?.Dispose();
        _responder.Dispose();
        _engines.Dispose();
    }
}
