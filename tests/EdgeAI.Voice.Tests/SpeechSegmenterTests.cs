using EdgeAI.Voice.Vad;

namespace EdgeAI.Voice.Tests;

/// <summary>The hysteresis state machine on given probability sequences (one per 32 ms chunk).</summary>
public sealed class SpeechSegmenterTests
{
    private static readonly TimeSpan Chunk = TimeSpan.FromMilliseconds(32);

    /// <summary>Feeds <paramref name="probabilities"/> from time 0 and returns every event that was not None, then Finish's.</summary>
    private static List<VadEvent> Run(SpeechSegmenter segmenter, params float[] probabilities)
    {
        var events = new List<VadEvent>();
        for (int i = 0; i < probabilities.Length; i++)
        {
            var e = segmenter.Update(probabilities[i], i * Chunk, (i + 1) * Chunk);
            if (e.Kind != VadEventKind.None) events.Add(e);
        }
        var last = segmenter.Finish(probabilities.Length * Chunk);
        if (last.Kind != VadEventKind.None) events.Add(last);
        return events;
    }

    private static TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Update_AboveStartForMinSpeech_StartsAtTheRunsFirstChunkMinusPadding()
    {
        var segmenter = new SpeechSegmenter(new VadOptions { MinSpeechMs = 64, StartPaddingMs = 32, MinSilenceMs = 96 });
        var events = Run(segmenter, 0.1f, 0.1f, 0.1f, 0.6f, 0.9f, 0.9f, 0.2f, 0.2f, 0.2f, 0.1f);
        // The run starts at chunk 3 (96 ms); it has held 64 ms at the end of chunk 4 (160 ms).
        Assert.Equal(new VadEvent(VadEventKind.SpeechStart, Ms(64), default, Ms(160)), events[0]);
        // Below 0.35 from chunk 6 (192 ms); 96 ms later, at the end of chunk 8 (288 ms), it ends.
        Assert.Equal(new VadEvent(VadEventKind.SpeechEnd, Ms(64), Ms(192), Ms(288)), events[1]);
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public void Update_RunShorterThanMinSpeech_StartsNothing()
    {
        var segmenter = new SpeechSegmenter(new VadOptions { MinSpeechMs = 96 });
        // Three separate runs of two chunks above 0.5, split by dips below it: never 96 ms in one run.
        Assert.Empty(Run(segmenter, 0.9f, 0.9f, 0.4f, 0.9f, 0.9f, 0.1f, 0.7f, 0.7f, 0f));
    }

    [Fact]
    public void Update_BetweenTheThresholds_KeepsTheCurrentState()
    {
        var segmenter = new SpeechSegmenter(new VadOptions { MinSpeechMs = 0, StartPaddingMs = 0, MinSilenceMs = 64 });
        // 0.4 is below the start threshold (no start from silence) and above the end threshold (no end in speech).
        var events = Run(segmenter, 0.4f, 0.4f, 0.4f, 0.8f, 0.4f, 0.4f, 0.4f, 0.4f, 0.3f, 0.3f);
        Assert.Equal(2, events.Count);
        Assert.Equal(VadEventKind.SpeechStart, events[0].Kind);
        Assert.Equal(Ms(96), events[0].Start);
        Assert.Equal(new SpeechSegment(Ms(96), Ms(256)), events[1].Segment);
        Assert.Equal(Ms(320), events[1].DecidedAt);
    }

    [Fact]
    public void Update_PauseShorterThanMinSilence_StaysOneSegment()
    {
        var segmenter = new SpeechSegmenter(new VadOptions { MinSpeechMs = 0, StartPaddingMs = 0, MinSilenceMs = 128 });
        // Speech, a 96 ms pause (a gap between words), speech, then 128 ms of silence.
        var events = Run(segmenter, 0.9f, 0.9f, 0.1f, 0.1f, 0.1f, 0.9f, 0.9f, 0f, 0f, 0f, 0f);
        Assert.Equal([VadEventKind.SpeechStart, VadEventKind.SpeechEnd], events.Select(e => e.Kind));
        Assert.Equal(new SpeechSegment(TimeSpan.Zero, Ms(224)), events[1].Segment);
        Assert.Equal(Ms(352), events[1].DecidedAt);
    }

    [Fact]
    public void Update_Padding_NeverReachesBeforeThePreviousSegmentOrTheFirstChunk()
    {
        var segmenter = new SpeechSegmenter(new VadOptions { MinSpeechMs = 0, StartPaddingMs = 200, EndPaddingMs = 32, MinSilenceMs = 64 });
        var first = 10 * Chunk;
        var events = new List<VadEvent>();
        float[] p = [0.9f, 0.1f, 0.1f, 0.9f, 0.1f, 0.1f];
        for (int i = 0; i < p.Length; i++)
        {
            var e = segmenter.Update(p[i], first + i * Chunk, first + (i + 1) * Chunk);
            if (e.Kind != VadEventKind.None) events.Add(e);
        }
        // First segment: 200 ms of padding would reach before the stream's first chunk (320 ms).
        Assert.Equal(Ms(320), events[0].Start);
        // It ends where its silence began (352 ms) plus 32 ms of padding.
        Assert.Equal(new SpeechSegment(Ms(320), Ms(384)), events[1].Segment);
        // Second: starts at 416 ms; 200 ms of padding would overlap the first segment: clamped to its end.
        Assert.Equal(Ms(384), events[2].Start);
    }

    [Fact]
    public void Finish_InSpeech_EndsAtTheStreamEndOrWhereSilenceBegan()
    {
        var open = new SpeechSegmenter(new VadOptions { MinSpeechMs = 0, StartPaddingMs = 0 });
        var events = Run(open, 0.9f, 0.9f, 0.9f);
        Assert.Equal(new SpeechSegment(TimeSpan.Zero, Ms(96)), events[^1].Segment);

        var trailing = new SpeechSegmenter(new VadOptions { MinSpeechMs = 0, StartPaddingMs = 0, MinSilenceMs = 320 });
        events = Run(trailing, 0.9f, 0.9f, 0.1f, 0.1f);
        Assert.Equal(new SpeechSegment(TimeSpan.Zero, Ms(64)), events[^1].Segment);
        Assert.False(trailing.InSpeech);
    }

    [Theory]
    [InlineData(0f, 0.35f, "Voice:Vad:StartThreshold is 0; expected a probability between 0 and 1")]
    [InlineData(0.5f, 0.6f, "Voice:Vad:EndThreshold is 0.6; expected a probability between 0 and StartThreshold (0.5)")]
    public void Constructor_ImpossibleThresholds_AreRefusedNamingTheSetting(float start, float end, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new SpeechSegmenter(new VadOptions { StartThreshold = start, EndThreshold = end }));
        Assert.Equal(message, e.Message);
    }
}
