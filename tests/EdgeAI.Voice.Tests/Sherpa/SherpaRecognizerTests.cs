using EdgeAI.TestKit;
using EdgeAI.Voice.Recognition;
using EdgeAI.Voice.Sherpa;

namespace EdgeAI.Voice.Tests.Sherpa;

/// <summary>
/// <see cref="SherpaRecognizer"/> through sherpa-onnx's offline path on a constructed SenseVoice-shaped model
/// (<see cref="TinySenseVoice"/>: a loudness detector, not speech recognition; no real recognition model ships).
/// </summary>
public sealed class SherpaRecognizerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private SherpaRecognizer Open()
    {
        SherpaLibraryTests.LoadOrSkip();
        string folder = _dir.File("tiny-sense-voice");
        if (!Directory.Exists(folder)) TinySenseVoice.Write(folder);
        return new SherpaRecognizer(folder, threads: 1, cache: SharedModels.Cache);
    }

    private static float[] Tone(double seconds, double amplitude = 0.3) =>
        [.. Enumerable.Range(0, (int)(seconds * 16000)).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * 440 * i / 16000)))];

    private static Transcript Recognize(ISpeechRecognizer recognizer, float[] samples)
    {
        recognizer.Begin();
        for (int at = 0; at < samples.Length; at += 512) recognizer.Accept(samples.AsSpan(at, Math.Min(512, samples.Length - at)));
        return recognizer.End();
    }

    [Fact]
    public void Open_ConstructedSenseVoiceFolder_DetectedAndLoadedBySherpa()
    {
        using var recognizer = Open();
        Assert.Equal(SherpaModelKind.SenseVoice, recognizer.Folder.Kind);
        Assert.Equal("sherpa:" + _dir.File("tiny-sense-voice"), recognizer.Engine);
    }

    [Fact]
    public void End_LoudToneThenSilenceThenSpeech_TranscriptsFollowTheAudio()
    {
        using var recognizer = Open();
        Assert.Equal(new Transcript(TinySenseVoice.Word, 1), Recognize(recognizer, Tone(1.0)));
        Assert.Equal(Transcript.None, Recognize(recognizer, new float[16000]));
        Assert.Equal(new Transcript(TinySenseVoice.Word, 1), Recognize(recognizer, [.. new float[8000], .. Tone(0.5), .. new float[8000]]));
        SpokenScene.RequireEspeak();
        Assert.Equal(TinySenseVoice.Word, Recognize(recognizer, SpokenScene.Speak("navigate home")).Text);
    }

    [Fact]
    public void End_WithoutAudio_Nothing()
    {
        using var recognizer = Open();
        recognizer.Begin();
        Assert.Equal(Transcript.None, recognizer.End());
    }

    [Fact]
    public void Normalize_SentencePieceMarkersAndCase_SingleSpacedLowerCase() =>
        Assert.Equal("turn on the radio", SherpaRecognizer.Normalize("\u2581TURN\u2581on  the\u2581Radio "));

    [Fact]
    public void End_StreamingTransducer_DecodesAsAudioArrives()
    {
        SherpaLibraryTests.LoadOrSkip();
        // The keyword tests' constructed LSTM-transducer-shaped model, its words marked as SentencePiece marks them.
        string folder = _dir.File("sherpa-onnx-streaming-tiny");
        TinyKeywordModel.Write(folder, "\u2581");
        using var recognizer = new SherpaRecognizer(folder, threads: 1, cache: SharedModels.Cache);
        Assert.Equal(SherpaModelKind.StreamingTransducer, recognizer.Folder.Kind);
        var random = new Random(5);
        float[] burst = [.. Enumerable.Range(0, 3200).Select(_ => (float)(random.NextDouble() * 0.6 - 0.3))];
        Assert.Equal(new Transcript("hey edge", 1), Recognize(recognizer, [.. new float[8000], .. burst, .. new float[8000]]));
        Assert.Equal(Transcript.None, Recognize(recognizer, new float[16000]));
    }

    public void Dispose() => _dir.Dispose();
}
