using System.Text.Json;
using EdgeAI.Drivers.Audio;
using EdgeAI.Drivers.Audio.Wav;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Voice;

/// <summary>
/// <c>edgeai voice</c> as users run it, on commands spoken by espeak-ng: the transcript, intent and answer (from the
/// bundled Adlershof scenario's tools) come out as v1 events, the answer is spoken into <c>--tts-out</c>, and bad audio or
/// engines get one line and exit code 2.
/// </summary>
public sealed class VoiceCommandTests
{
    private const string SphinxModel = "/usr/share/pocketsphinx/model/en-us/en-us/mdef";

    // sherpa-onnx's library from the model cache, or a skip naming how to fetch it
    private static void RequireSherpa()
    {
        try
        {
            EdgeAI.Voice.Sherpa.SherpaLibrary.Load(new EdgeAI.Inference.Models.ModelCache());
        }
        catch (EdgeAI.Inference.Models.ModelNotAvailableException e)
        {
            Assert.Skip(e.Message);
        }
    }

    private static void RequireVoice()
    {
        Assert.SkipWhen(!File.Exists(SphinxModel), $"{SphinxModel} is missing: apt-get install pocketsphinx-en-us libpocketsphinx3");
        string? espeak = ExternalTool.MissingProgramReason("espeak-ng", "espeak-ng");
        Assert.SkipWhen(espeak is not null, espeak ?? "");
    }

    /// <summary>espeak-ng saying each text, with silence around, as one 16 kHz WAV.</summary>
    internal static string Spoken(TempDirectory dir, string name, params string[] texts)
    {
        var samples = new List<float>(new float[8000]);
        foreach (string text in texts)
        {
            string wav = dir.File("say.wav");
            ExternalTool.Run("espeak-ng", ["-v", "en-us", "-w", wav, text]);
            samples.AddRange(AudioFileSource.ReadAll(wav));
            samples.AddRange(new float[16000]);
        }
        string path = dir.File(name);
        WavFileSink.WriteAll(path, samples.ToArray());
        return path;
    }

    private static List<JsonElement> Events(string stdout) =>
        [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    private static IEnumerable<JsonElement> OfType(List<JsonElement> events, string type) =>
        events.Where(e => e.GetProperty("type").GetString() == type);

    [Fact]
    public void SpokenFindParking_PrintsTranscriptIntentAndTheParkingAnswer_AndSpeaksIt()
    {
        RequireVoice();
        using var dir = new TempDirectory();
        string input = Spoken(dir, "cmd.wav", "where can i park");
        var (code, stdout, stderr) = CliRunner.Run("voice", input, "--json", "--tts-out", dir.File("answer.wav"));

        Assert.True(code == 0, stderr);
        var events = Events(stdout);
        var transcript = Assert.Single(OfType(events, "transcript"));
        Assert.Equal("where can i park", transcript.GetProperty("text").GetString());
        Assert.InRange(transcript.GetProperty("confidence").GetDouble(), 0.5, 1);
        var intent = Assert.Single(OfType(events, "intent"));
        Assert.Equal("find_parking", intent.GetProperty("kind").GetString());
        Assert.Equal("u1", intent.GetProperty("ref").GetString());
        var answer = Assert.Single(OfType(events, "answer"));
        var tool = Assert.Single(answer.GetProperty("tools").EnumerateArray());
        Assert.Equal("find_places", tool.GetProperty("name").GetString());
        Assert.Equal("parking", tool.GetProperty("arguments").GetProperty("kind").GetString());
        string text = answer.GetProperty("text").GetString()!;
        string nearest = tool.GetProperty("result").GetProperty("places")[0].GetProperty("name").GetString()!;
        Assert.StartsWith(nearest, text, StringComparison.Ordinal);
        Assert.True(answer.GetProperty("first_audio_ms").GetDouble() > 0);
        // Spoken: espeak-ng at about 175 words per minute needs over a second per ten words.
        var spoken = AudioFileSource.ReadAll(dir.File("answer.wav"));
        Assert.True(spoken.Length > text.Split(' ').Length / 10 * 16000, $"{spoken.Length} samples for \"{text}\"");
    }

    [Fact]
    public void SherpaVoice_SpeaksTheAnswerResampledToTheMicrophonesRate()
    {
        RequireVoice();
        RequireSherpa();
        using var dir = new TempDirectory();
        // A constructed piper voice at piper's 22.05 kHz (each phoneme held as a level; not speech), knowing the sounds
        // of the range answer's words.
        string voice = dir.File("voice");
        EdgeAI.Voice.Tests.Sherpa.TinyPiper.Write(voice, 22050,
            "The estimated range is 82 km. The battery is at 21.9 % with 12.7 kWh left. The car is charging, parked.");
        string input = Spoken(dir, "cmd.wav", "what is my range");
        string output = dir.File("answer.wav");
        var (code, stdout, stderr) = CliRunner.Run("voice", input, "--json", "--voice", "sherpa:" + voice, "--tts-out", output);

        Assert.True(code == 0, stderr);
        var answer = Assert.Single(OfType(Events(stdout), "answer"));
        Assert.True(answer.GetProperty("first_audio_ms").GetDouble() > 0);
        using (var wav = AudioFileSource.OpenWav(output))
            Assert.Equal(16000, wav.Resampler.InputRate); // written at the dialog's 16 kHz, not the voice's 22.05 kHz
        var spoken = AudioFileSource.ReadAll(output);
        // Each phoneme is 256 samples at 22.05 kHz, about 186 at 16 kHz; a sentence of this answer has dozens of them.
        Assert.True(spoken.Length > 20 * 186, $"{spoken.Length} samples");
        Assert.Contains(spoken, x => x > 0.005f);
    }

    [Fact]
    public void SpokenNavigateToAGermanPlaceName_PlansTheRouteThere()
    {
        RequireVoice();
        using var dir = new TempDirectory();
        string input = Spoken(dir, "cmd.wav", "drive to Gasthaus Newtonstraße");
        var (code, stdout, stderr) = CliRunner.Run("voice", input, "--json", "--text-only");

        Assert.True(code == 0, stderr);
        var events = Events(stdout);
        Assert.True(OfType(events, "intent").Count() == 1, stdout);
        var intent = OfType(events, "intent").Single();
        Assert.Equal("navigate", intent.GetProperty("kind").GetString());
        Assert.Equal("gasthaus newtonstraße", intent.GetProperty("slots").GetProperty("poi").GetString());
        var answer = Assert.Single(OfType(events, "answer"));
        Assert.Equal("plan_route", Assert.Single(answer.GetProperty("tools").EnumerateArray()).GetProperty("name").GetString());
        Assert.StartsWith("To Gasthaus Newtonstraße: ", answer.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SecondCommandDuringTheFirstAnswer_BargesIn_TheFirstAnswerIsCutAtThatChunk()
    {
        RequireVoice();
        using var dir = new TempDirectory();
        // The range answer is long; "cancel" comes while it is spoken.
        string both = Spoken(dir, "both.wav", "what is my range", "cancel");
        string alone = Spoken(dir, "alone.wav", "cancel");
        var (code, stdout, stderr) = CliRunner.Run("voice", both, "--json", "--tts-out", dir.File("both-out.wav"));
        Assert.True(code == 0, stderr);
        var (code2, _, stderr2) = CliRunner.Run("voice", alone, "--json", "--tts-out", dir.File("alone-out.wav"));
        Assert.True(code2 == 0, stderr2);

        var events = Events(stdout);
        var bargeIn = Assert.Single(OfType(events, "barge_in"));
        int played = bargeIn.GetProperty("played_chunks").GetInt32();
        Assert.True(played > 0);
        Assert.Equal(["what is my range", "cancel"], OfType(events, "transcript").Select(e => e.GetProperty("text").GetString()));
        Assert.Equal("Cancelled.", OfType(events, "answer").Last().GetProperty("text").GetString());
        // The output holds exactly the chunks of the first answer played before the barge-in, then the whole second one.
        long total = AudioFileSource.ReadAll(dir.File("both-out.wav")).Length;
        long second = AudioFileSource.ReadAll(dir.File("alone-out.wav")).Length;
        Assert.Equal(played * 512L + second, total);
    }

    [Fact]
    public void Wake_CommandsSaidAloneDoNotWake_TheRequestAfterTheWakePhraseIsHeard()
    {
        RequireVoice();
        using var dir = new TempDirectory();
        // Short commands said on their own first: the verifier hears them as commands, not the phrase.
        string input = Spoken(dir, "cmd.wav", "cancel", "yes", "call home", "hey edge", "where can i park");
        var (code, stdout, stderr) = CliRunner.Run("voice", input, "--wake", "--json", "--text-only");

        Assert.True(code == 0, stderr);
        var events = Events(stdout);
        var wake = Assert.Single(OfType(events, "wake"));
        Assert.Equal("hey edge", wake.GetProperty("text").GetString());
        Assert.Equal(["where can i park"], OfType(events, "transcript").Select(e => e.GetProperty("text").GetString()));
        Assert.True(OfType(events, "transcript").Single().GetProperty("at_s").GetDouble() > wake.GetProperty("at_s").GetDouble());
    }

    [Fact]
    public void WakeEngineSherpa_AKeywordModelFolder_WakesTheDialog()
    {
        RequireVoice();
        RequireSherpa();
        using var dir = new TempDirectory();
        // A constructed keyword model that hears any burst of sound as "hey edge" (not a real spotter): the folder is
        // loaded through sherpa-onnx, its wake goes through the speech and isolation gates and opens the dialog.
        string model = dir.File("kws");
        EdgeAI.Voice.Tests.Sherpa.TinyKeywordModel.Write(model);
        string input = Spoken(dir, "cmd.wav", "hey edge", "what is my range");
        var (code, stdout, stderr) = CliRunner.Run("voice", input, "--wake-engine", "sherpa:" + model, "--json", "--text-only");

        Assert.True(code == 0, stderr);
        var events = Events(stdout);
        var wake = OfType(events, "wake").First();
        Assert.Equal("hey edge", wake.GetProperty("text").GetString());
        var transcript = Assert.Single(OfType(events, "transcript"));
        Assert.Equal("what is my range", transcript.GetProperty("text").GetString());
        Assert.True(transcript.GetProperty("at_s").GetDouble() > wake.GetProperty("at_s").GetDouble());
    }

    [Fact]
    public void SilenceAndNoise_GiveNoTranscript()
    {
        RequireVoice();
        using var dir = new TempDirectory();
        var random = new Random(3);
        var samples = new float[16000 * 6];
        for (int i = 16000 * 2; i < samples.Length; i++) samples[i] = (float)(random.NextDouble() - 0.5) * 0.05f;
        WavFileSink.WriteAll(dir.File("noise.wav"), samples);
        var (code, stdout, stderr) = CliRunner.Run("voice", dir.File("noise.wav"), "--json", "--text-only");

        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("\"type\":\"transcript\"", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\"type\":\"answer\"", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("header", "truncated mid-header")]
    [InlineData("data", "truncated mid-data")]
    [InlineData("text", "expected 'RIFF'")]
    public void BadAudio_OneLineNamingTheFile_ExitCode2(string damage, string expected)
    {
        RequireVoice();
        using var dir = new TempDirectory();
        string good = Spoken(dir, "good.wav", "cancel");
        byte[] bytes = File.ReadAllBytes(good);
        string bad = dir.File("bad.wav");
        File.WriteAllBytes(bad, damage switch
        {
            "header" => bytes[..30],
            "data" => bytes[..(bytes.Length / 2)],
            _ => "not audio at all\n"u8.ToArray(),
        });
        var (code, stdout, stderr) = CliRunner.Run("voice", bad, "--json");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith($"edgeai: {bad}: byte ", stderr, StringComparison.Ordinal);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--engine", "whisper", "--engine 'whisper': expected pocketsphinx, pocketsphinx:dictation or sherpa:DIR")]
    [InlineData("--engine", "sherpa:/nonexistent/model", "/nonexistent/model")]
    [InlineData("--raw", "s16le:16000", "expected one input")]
    [InlineData("--ptt", "pedal", "--ptt 'pedal': expected 'key' or 'gpio:CHIP:LINE'")]
    [InlineData("--ptt", "gpio:99:17", "--ptt gpio:99:17: the button cannot be opened")] // no /dev/gpiochip99 anywhere
    [InlineData("--voice", "festival", "--voice 'festival': expected espeak or sherpa:DIR")]
    [InlineData("--voice", "sherpa:/nonexistent/voice", "/nonexistent/voice")]
    [InlineData("--wake-engine", "porcupine", "--wake-engine 'porcupine': expected pocketsphinx or sherpa:DIR")]
    [InlineData("--wake-engine", "sherpa:/nonexistent/kws", "/nonexistent/kws")]
    public void BadEngineOrUsage_OneLine_ExitCode2(string option, string value, string expected)
    {
        RequireVoice();
        using var dir = new TempDirectory();
        string good = Spoken(dir, "good.wav", "cancel");
        string[] args = option == "--raw" ? ["voice", option, value] : ["voice", good, option, value];
        var (code, _, stderr) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }
}
