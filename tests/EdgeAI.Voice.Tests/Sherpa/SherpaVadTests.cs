using EdgeAI.Drivers.Audio;
using EdgeAI.Voice.Sherpa;
using EdgeAI.Voice.Vad;

namespace EdgeAI.Voice.Tests.Sherpa;

/// <summary>
/// sherpa-onnx's Silero VAD (its ONNX Runtime 1.28.2) and EdgeAI's (ONNX Runtime 1.31.1) on the constructed recording
/// of <see cref="VadBoundaryTests"/>, in one process, interleaved: both find the 12 utterances within 100 ms of their
/// known spans, and agree with each other.
/// </summary>
public sealed class SherpaVadTests(VadBoundaryTests.Scene scene) : IClassFixture<VadBoundaryTests.Scene>
{
    [Fact]
    public async Task Detect_ConstructedRecording_AgreesWithKnownSpansAndWithEdgeAIVadInOneProcess()
    {
        var spans = scene.Audio.Spans;
        SherpaLibraryTests.LoadOrSkip();
        IReadOnlyList<SpeechSegment> oursBefore, oursAfter;
        using (var ours = new VoiceActivityDetector(SharedModels.LoadSilero()))   // ONNX Runtime 1.31.1
        using (var source = AudioFileSource.OpenWav(scene.Wav))
            oursBefore = await ours.DetectAsync(source, TestContext.Current.CancellationToken);
        using var sherpa = new SherpaVoiceActivityDetector(SharedModels.Cache);    // ONNX Runtime 1.28.2, same process
        var samples = scene.Audio.Samples;
        for (int at = 0; at < samples.Length; at += 512) sherpa.Accept(samples.AsSpan(at, Math.Min(512, samples.Length - at)));
        sherpa.Flush();
        using (var ours = new VoiceActivityDetector(SharedModels.LoadSilero()))   // 1.31.1 again, after sherpa ran
        using (var source = AudioFileSource.OpenWav(scene.Wav))
            oursAfter = await ours.DetectAsync(source, TestContext.Current.CancellationToken);
        Assert.Equal(oursBefore, oursAfter);
        var oursSegments = oursBefore;

        var found = sherpa.Segments;
        string report = string.Join("; ", found.Zip(spans, (s, k) => $"{(s.Start.TotalSeconds - k.Start) * 1000:F0}/{(s.End.TotalSeconds - k.End) * 1000:F0} ms"));
        string versus = string.Join("; ", found.Zip(oursSegments, (s, o) => $"{(s.Start - o.Start).TotalMilliseconds:F0}/{(s.End - o.End).TotalMilliseconds:F0} ms"));
        TestContext.Current.TestOutputHelper?.WriteLine($"sherpa-onnx VAD start/end error per utterance: {report}");
        TestContext.Current.TestOutputHelper?.WriteLine($"sherpa-onnx minus EdgeAI VAD, start/end: {versus}");
        Assert.Equal(spans.Count, found.Count);
        Assert.Equal(spans.Count, oursSegments.Count);
        for (int i = 0; i < spans.Count; i++)
        {
            Assert.True(Math.Abs(found[i].Start.TotalSeconds - spans[i].Start) <= 0.100, $"utterance {i}: sherpa starts {found[i].Start.TotalSeconds:F3} s, spoken from {spans[i].Start:F3} s ({report})");
            Assert.True(Math.Abs(found[i].End.TotalSeconds - spans[i].End) <= 0.100, $"utterance {i}: sherpa ends {found[i].End.TotalSeconds:F3} s, spoken to {spans[i].End:F3} s ({report})");
            Assert.True(Math.Abs((found[i].Start - oursSegments[i].Start).TotalSeconds) <= 0.100, $"utterance {i}: starts differ ({versus})");
            Assert.True(Math.Abs((found[i].End - oursSegments[i].End).TotalSeconds) <= 0.100, $"utterance {i}: ends differ ({versus})");
        }
    }
}
