using EdgeAI.Audio;
using EdgeAI.Voice.Echo;
using EdgeAI.Voice.Vad;

namespace EdgeAI.Voice.Tests;

/// <summary>The echo reference ring: samples in order across the wrap, silence where nothing was played, the oldest
/// dropped and counted when the reader falls behind, 0 B per call; and the barge-in detector's 0 B per chunk.</summary>
public sealed class EchoReferenceTests
{
    private static float[] Ramp(int from, int count)
    {
        var samples = new float[count];
        for (int i = 0; i < count; i++) samples[i] = from + i;
        return samples;
    }

    [Fact]
    public void Read_AcrossTheWrap_GivesWhatWasPlayedInOrderThenSilence()
    {
        var reference = new EchoReference(capacity: 1000);
        var chunk = new float[512];
        int next = 0;
        for (int round = 0; round < 10; round++)
        {
            reference.Write(Ramp(next, 300));
            reference.Write(Ramp(next + 300, 212));
            Assert.Equal(512, reference.Read(chunk));
            Assert.Equal(Ramp(next, 512), chunk);
            next += 512;
        }
        reference.Write(Ramp(next, 100));
        Assert.Equal(100, reference.Read(chunk));
        Assert.Equal(Ramp(next, 100), chunk[..100]);
        Assert.All(chunk[100..], x => Assert.Equal(0f, x));
        Assert.Equal(0, reference.Read(chunk));
        Assert.All(chunk, x => Assert.Equal(0f, x));
        Assert.Equal(0, reference.DroppedSamples);
    }

    [Fact]
    public void Write_ReaderFallsBehind_DropsTheOldestAndCounts()
    {
        var reference = new EchoReference(capacity: 1000);
        reference.Write(Ramp(0, 700));
        reference.Write(Ramp(700, 700));
        Assert.Equal(400, reference.DroppedSamples);
        Assert.Equal(1000, reference.Pending);
        var chunk = new float[512];
        reference.Read(chunk);
        Assert.Equal(Ramp(400, 512), chunk);
        reference.Write(Ramp(0, 5000));
        Assert.Equal(400 + 488 + 4000, reference.DroppedSamples);
        reference.Read(chunk);
        Assert.Equal(Ramp(4000, 512), chunk);
        reference.Clear();
        Assert.Equal(0, reference.Pending);
    }

    [Fact]
    public void WriteAndRead_AllocateNothing()
    {
        var reference = new EchoReference();
        var played = Ramp(0, 512);
        var chunk = new float[512];
        reference.Write(played);
        reference.Read(chunk);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            reference.Write(played);
            reference.Read(chunk);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void BargeInDetector_SteadyState_AllocatesNothingPerChunk()
    {
        EchoCancellerTests.RequireSpeexDsp();
        var reference = new EchoReference();
        using var detector = new BargeInDetector(new VoiceActivityDetector(SharedModels.LoadSilero()), new EchoCanceller(), reference);
        var mic = new float[512];
        var played = new float[512];
        var random = new Random(1);
        for (int i = 0; i < 512; i++) played[i] = (float)(random.NextDouble() - 0.5) * 0.2f;
        for (int i = 0; i < 512; i++) mic[i] = played[i] * 0.3f;
        for (int c = 0; c < 3; c++)
        {
            reference.Write(played);
            detector.Process(mic, new AudioChunk(512, c * 512L, TimeSpan.FromMilliseconds(32 * c)));
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int c = 3; c < 200; c++)
        {
            reference.Write(played);
            detector.Process(mic, new AudioChunk(512, c * 512L, TimeSpan.FromMilliseconds(32 * c)));
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(200, detector.Chunks);
    }
}
