using System.CommandLine;
using System.Globalization;
using EdgeAI.Assistant.Voice;
using EdgeAI.Audio;
using EdgeAI.Cli.Input;
using EdgeAI.Cli.Voice;
using EdgeAI.Llm.Fallback;
using EdgeAI.Voice.Echo;
using EdgeAI.Voice.Dialog;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// <c>edgeai voice FILE.wav | - | --mic [DEV]</c>: the spoken dialog. Speech is found by the VAD, recognized (pocketsphinx
/// with a grammar of the assistant's intents and the region's places, or sherpa-onnx with a user model folder), turned
/// into an intent and answered from the vehicle and service tools (or the LLM with <c>--model</c>), and the answer is
/// spoken (ALSA, or <c>--tts-out F.wav</c>). Activation: every stretch of speech (a file), the wake phrase
/// (<c>--wake</c>) or push-to-talk (<c>--ptt key</c>). Events as lines, or v1 JSON with <c>--json</c> (docs/events.md).
/// </summary>
public sealed class VoiceCommand : Command
{
    private readonly Argument<string?> _input = new("input") { Description = "a WAV file, or - for raw PCM on stdin (see --raw)", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string?> _mic = new("--mic") { Description = "capture from an ALSA device instead (default device: 'default')", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string> _raw = new("--raw") { Description = "stdin's PCM: ENCODING:RATE[:CHANNELS], encoding u8, s16le, s24le, s32le, f32le or f64le (default s16le:16000:1)", DefaultValueFactory = _ => "s16le:16000:1" };
    private readonly Option<string?> _wake = new("--wake") { Description = "listen for a wake phrase first (no value: \"hey edge\")", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<double?> _wakeThreshold = new("--wake-threshold") { Description = "the wake phrase's keyword-spotting threshold (default: docs/voice.md's measured choice; sherpa: 0.25)" };
    private readonly Option<string> _wakeEngine = new("--wake-engine") { Description = "wake phrase engine: pocketsphinx (checked against the commands), or sherpa:DIR (a keyword-spotting model folder)", DefaultValueFactory = _ => VoiceEngines.DefaultWakeEngine };
    private readonly Option<string?> _ptt = new("--ptt") { Description = "push-to-talk: 'key' (Enter presses, Enter again releases) or 'gpio:CHIP:LINE' (a button held while talking)" };
    private readonly Option<string> _engine = new("--engine") { Description = "recognizer: pocketsphinx (grammar of the intents and places), pocketsphinx:dictation, or sherpa:DIR (a model folder)", DefaultValueFactory = _ => "pocketsphinx" };
    private readonly Option<string> _voice = new("--voice") { Description = "the answers' voice: espeak (espeak-ng), or sherpa:DIR (a piper or kokoro voice folder through sherpa-onnx)", DefaultValueFactory = _ => VoiceEngines.DefaultVoice };
    private readonly Option<string?> _ttsOut = new("--tts-out") { Description = "speak the answers into this WAV file instead of a sound card" };
    private readonly Option<string?> _speaker = new("--speaker") { Description = "ALSA playback device for the answers (default: 'default')" };
    private readonly Option<bool> _textOnly = new("--text-only") { Description = "print the answers, do not speak them" };
    private readonly Option<bool> _json = new("--json") { Description = "one JSON event per line (docs/events.md)" };
    private readonly LlmInput _llm = new() { DefaultScenario = DemoCommand.BundledScenario };

    public VoiceCommand() : base("voice", "Talk to the assistant: a recorded command, stdin or a microphone; hear the answer")
    {
        Arguments.Add(_input);
        foreach (var option in new Option[] { _mic, _raw, _wake, _wakeThreshold, _wakeEngine, _ptt, _engine, _voice, _ttsOut, _speaker, _textOnly, _json }) Options.Add(option);
        _llm.AddTo(this);
        _llm.ScenarioFolder.Description = "scenario whose drive and region the answers read (default: the bundled Adlershof drive)";
        _llm.Model.Description = "ORT GenAI model folder that answers free questions (default: templates answer everything)";
        SetAction((parse, cancellation) => CommandGuard.RunAsync(parse, (stdout, stderr) => ExecuteAsync(parse, stdout, stderr, cancellation)));
    }

    private async Task<int> ExecuteAsync(ParseResult parse, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        string? input = parse.GetValue(_input);
        bool mic = parse.GetResult(_mic) is not null;
        if (input is null == !mic) throw new UsageException("expected one input: a WAV file, - for stdin, or --mic [DEVICE]");
        var activation = ActivationOf(parse);
        if (activation == ActivationMode.PushToTalk && parse.GetValue(_ptt) == "key" && input == "-") throw new UsageException("--ptt key reads Enter from stdin: give the audio as a file or --mic, not -");

        string ptt = parse.GetValue(_ptt) ?? "";
        using var button = PushToTalkButton.IsGpio(ptt) ? PushToTalkButton.Open(ptt) : null;
        using var source = OpenSource(parse, input, mic);
        // The answers read the scenario's drive and region; the grammar knows the region's places.
        var tools = _llm.Tools(parse, out var services);
        var vocabulary = RegionVocabulary.Of(services?.Map.Pois ?? []);
        using var engines = VoiceEngines.Open(parse.GetValue(_engine)!, vocabulary);
        using var wake = activation == ActivationMode.WakePhrase ? VoiceEngines.Wake(parse.GetValue(_wake) ?? VoiceEngines.DefaultWakePhrase, parse.GetValue(_wakeThreshold), vocabulary, parse.GetValue(_wakeEngine)!) : null;
        var (synthesizer, speaker) = OpenSpeech(parse, stderr);
        using var _s = synthesizer;
        using var _k = speaker;

        // Answers: templates over the scenario's tools, or the LLM for free questions with --model.
        Llm.Loading.LlmModel? model = null;
        using var session = parse.GetValue(_llm.Model) is null
            ? new TemplateResponder(tools)
            : _llm.Open(parse, stderr, tools, out model);
        using var _m = model;
        // The echo canceller only matters where the answer can reach the microphone: a live one.
        using var echo = speaker is not null && mic ? VoiceEngines.EchoCanceller() : null;
        var answerer = new VoiceAnswerer(session, model is not null);

        var events = new VoiceEventWriter(stdout, parse.GetValue(_json), DateTimeOffset.UtcNow);
        var dialog = new VoiceDialog(source, engines.Vad, engines.Recognizer, engines.Parser, answerer, events.Write,
            new VoiceDialogOptions { Activation = activation })
        {
            Wake = wake,
            Synthesizer = synthesizer,
            Speaker = speaker,
            EchoCanceller = echo,
        };
        using var keys = activation == ActivationMode.PushToTalk && ptt == "key" ? PushToTalkKeys.Start(dialog, stderr) : null;
        button?.Start(dialog);
        await dialog.RunAsync(cancellation);
        speaker?.Complete();
        if (source.DroppedSamples > 0)
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"edgeai: {source.DroppedSamples} samples dropped by {source.Name} (the reader fell behind)"));
        return ExitCodes.Ok;
    }

    private ActivationMode ActivationOf(ParseResult parse)
    {
        // --wake-engine alone implies --wake
        bool wake = parse.GetResult(_wake) is not null || parse.GetResult(_wakeEngine) is { Implicit: false };
        string? ptt = parse.GetValue(_ptt);
        if (wake && ptt is not null) throw new UsageException("--wake and --ptt: expected one way to activate");
        if (ptt is not null && ptt != "key" && !PushToTalkButton.IsGpio(ptt)) throw new UsageException($"--ptt '{ptt}': expected 'key' or 'gpio:CHIP:LINE' (e.g. gpio:0:17)");
        return wake ? ActivationMode.WakePhrase : ptt is not null ? ActivationMode.PushToTalk : ActivationMode.Always;
    }

    private IAudioSource OpenSource(ParseResult parse, string? input, bool mic)
    {
        if (mic)
            return new EdgeAI.Drivers.Audio.Alsa.AlsaCapture(new EdgeAI.Drivers.Audio.Alsa.AlsaCaptureOptions { Device = parse.GetValue(_mic) ?? "default" });
        if (input == "-")
            return EdgeAI.Drivers.Audio.AudioFileSource.OpenRaw(Console.OpenStandardInput(), "-", RawFormat.Parse(parse.GetValue(_raw)!));
        return File.Exists(input) ? EdgeAI.Drivers.Audio.AudioFileSource.OpenWav(input!) : throw new FileNotFoundException($"{input}: no such WAV file", input);
    }

    /// <summary>The synthesizer and where it speaks: --tts-out's file, --speaker's device (default 'default'), or
    /// nothing with --text-only. A sound card that will not open is said once; the answers are then printed only.</summary>
    private (EdgeAI.Voice.Speech.ISpeechSynthesizer?, IAudioSink?) OpenSpeech(ParseResult parse, TextWriter stderr)
    {
        if (parse.GetValue(_textOnly)) return (null, null);
        var synthesizer = VoiceEngines.Synthesizer(parse.GetValue(_voice)!);
        if (parse.GetValue(_ttsOut) is { } file)
            return (synthesizer, new EdgeAI.Drivers.Audio.Wav.WavFileSink(file, synthesizer.SampleRate));
        string device = parse.GetValue(_speaker) ?? "default";
        try
        {
            return (synthesizer, new EdgeAI.Drivers.Audio.Alsa.AlsaPlayback(new EdgeAI.Drivers.Audio.Alsa.AlsaPlaybackOptions { Device = device, SampleRate = synthesizer.SampleRate }));
        }
        catch (Exception e) when (e is EdgeAI.Drivers.Audio.Alsa.AlsaException or DllNotFoundException)
        {
            if (parse.GetResult(_speaker) is not null) throw;
            stderr.WriteLine($"edgeai: no sound output ({e.Message.ReplaceLineEndings(" ")}); answers are printed only (--tts-out F.wav speaks into a file)");
            synthesizer.Dispose();
            return (null, null);
        }
    }
}
