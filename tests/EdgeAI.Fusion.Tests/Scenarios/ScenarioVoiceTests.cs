using EdgeAI.Fusion.Mapping;
using EdgeAI.Fusion.Scenarios;
using EdgeAI.TestKit;

namespace EdgeAI.Fusion.Tests.Scenarios;

/// <summary>scenario.json's <c>voice</c> section: the bundled drive's recordings, and one-line errors naming the file and
/// what was expected.</summary>
public sealed class ScenarioVoiceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AdlershofDrive_TwoRecordingsInTimeOrder_WakeActivation()
    {
        var voice = Assert.IsType<ScenarioVoice>(Scenario.Load(RepoPaths.Get("models", "scenarios", "adlershof-drive")).Voice);
        Assert.Equal("wake", voice.Activation);
        Assert.Equal([300.0, 440.0], voice.Utterances.Select(u => u.AtS));
        Assert.All(voice.Utterances, u => Assert.True(Path.IsPathRooted(u.Audio) && File.Exists(u.Audio), u.Audio));
        Assert.Null(Scenario.Load(RepoPaths.Get("models", "scenarios", "city-drive")).Voice);
    }

    private string Write(string voice)
    {
        File.WriteAllText(_dir.File("can.log"), "");
        File.WriteAllText(_dir.File("map.json"), "{}");
        File.WriteAllText(_dir.File("say.wav"), "");
        string path = _dir.File("scenario.json");
        File.WriteAllText(path, $$"""
            { "version": 1, "name": "t", "vehicle": { "signals": "map.json" }, "inputs": { "can": "can.log" }, "voice": {{voice}} }
            """);
        return path;
    }

    [Theory]
    [InlineData("""{ "activation": "clap" }""", "expected voice.activation \"wake\", \"always\" or \"ptt\", found \"clap\"")]
    [InlineData("""{ "utterances": {} }""", "expected voice.utterances to be an array")]
    [InlineData("""{ "utterances": [ { "audio": "say.wav" } ] }""", "expected voice.utterances[0]: {\"at_s\": SECONDS, \"audio\": WAV}")]
    [InlineData("""{ "utterances": [ { "at_s": -1, "audio": "say.wav" } ] }""", "expected voice.utterances[0]: {\"at_s\": SECONDS, \"audio\": WAV}")]
    [InlineData("\"loud\"", "expected \"voice\" to be an object")]
    public void BadVoiceSection_OneLineNamingTheFileAndWhatWasExpected(string voice, string expected)
    {
        string path = Write(voice);
        var e = Assert.Throws<SignalMapException>(() => Scenario.Load(path));
        Assert.Equal($"{path}: {expected}", e.Message);
    }

    [Fact]
    public void MissingRecording_NamesTheScenarioAndTheFile()
    {
        string path = Write("""{ "utterances": [ { "at_s": 1, "audio": "voice/gone.wav" } ] }""");
        var e = Assert.Throws<FileNotFoundException>(() => Scenario.Load(path));
        Assert.Equal($"{path}: names voice/gone.wav, which is missing", e.Message);
    }
}
