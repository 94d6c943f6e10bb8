using EdgeAI.Drivers.Simulated;
using EdgeAI.Voice.Intents;
using EdgeAI.Voice.Tests.Recognition;
using EdgeAI.Voice.Wake;

namespace EdgeAI.Voice.Tests.Wake;

/// <summary>
/// The wake verifier on espeak-ng speech with pauses around it, over the demo region's command grammar: the phrase is
/// heard as the phrase, a command said alone as that command.
/// </summary>
public sealed class WakeVerifierTests
{
    private static WakeVerifier Open()
    {
        Sphinx.RequireModel();
        SpokenScene.RequireEspeak();
        return new WakeVerifier("Hey  Edge", DemoRegionNames.BestVocabulary);
    }

    private static float[] Alone(string text, string voice, int rate, double? snrDb)
    {
        float[] pause = SpokenScene.Silence(0.2);
        float[] said = [.. pause, .. SpokenScene.Speak(text, voice, rate), .. pause];
        if (snrDb is { } db)
        {
            var bed = new CarNoise(seed: 3, rms: CarNoise.ActiveRms(said) / Math.Pow(10, db / 20)).Next(said.Length / 16000.0 + 0.1);
            for (int i = 0; i < said.Length; i++) said[i] += bed[i];
        }
        return said;
    }

    [Theory]
    [InlineData("en-us", 160, null)]
    [InlineData("en", 130, null)]
    [InlineData("en-us+m3", 190, 10.0)]
    [InlineData("en+m7", 160, 5.0)]
    public void Phrase_IsConfirmed(string voice, int rate, double? snrDb)
    {
        using var verifier = Open();
        Assert.Equal("hey edge", verifier.Phrase);
        Assert.True(verifier.Confirms(Alone("hey edge", voice, rate, snrDb)), $"heard \"{verifier.LastHeard}\"");
        Assert.Equal("hey edge", verifier.LastHeard);
    }

    [Theory]
    [InlineData("cancel", "cancel")]
    [InlineData("yes", "yes")]
    [InlineData("call home", "call home")]
    [InlineData("find a charger", "find a charger")]
    [InlineData("what is my range", "what is my range")]
    public void CommandSaidAlone_IsHeardAsItself_NotThePhrase(string said, string heard)
    {
        using var verifier = Open();
        Assert.False(verifier.Confirms(Alone(said, "en-us", 160, 10)));
        Assert.Equal(heard, verifier.LastHeard);
    }

    [Fact]
    public void Grammar_HasThePhraseBesideTheCommands_UnderOnePublicRule()
    {
        var vocabulary = CommandVocabulary.Create(["Parkhaus Nord"], ["parking"], ["italian"]);
        string jsgf = CommandGrammar.BuildWithPhrase(CommandPhrases.Default.Keys, vocabulary, " Hey  Edge ", 1e8);
        Assert.Contains("public <heard> = /100000000/ hey edge | /1/ <command>;", jsgf);
        Assert.Single(jsgf.Split('\n'), line => line.StartsWith("public ", StringComparison.Ordinal));
        Assert.Contains("\n<command> = <", jsgf);
        Assert.Throws<ArgumentOutOfRangeException>(() => CommandGrammar.BuildWithPhrase(CommandPhrases.Default.Keys, vocabulary, "hey edge", 0));
        Assert.Throws<ArgumentException>(() => CommandGrammar.BuildWithPhrase(CommandPhrases.Default.Keys, vocabulary, " ", 1));
    }
}
