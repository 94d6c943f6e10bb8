using EdgeAI.Audio;

namespace EdgeAI.Drivers.Audio.Tests;

/// <summary>The ring between a capture thread and the voice pipeline: never blocks the writer, counts what it drops,
/// keeps sample indices and timestamps true across drops, and lets the reader wait without allocating.</summary>
public sealed class AudioChunkRingTests
{
    private static float[] Ramp(int start, int count)
    {
        var a = new float[count];
        for (int i = 0; i < count; i++) a[i] = start + i;
        return a;
    }

    [Fact]
    public void Write_InOddPeriods_DeliversWholeChunksInOrder()
    {
        var ring = new AudioChunkRing(512, 8, 16000);
        // 160-sample periods (10 ms at 16 kHz, a common ALSA period) make 512-sample chunks across period borders.
        for (int p = 0; p < 16; p++) ring.Write(Ramp(p * 160, 160));
        var buffer = new float[512];
        for (int c = 0; c < 5; c++)
        {
            Assert.True(ring.TryRead(buffer, out var chunk));
            Assert.Equal(new AudioChunk(512, c * 512, TimeSpan.FromTicks(c * 512L * TimeSpan.TicksPerSecond / 16000)), chunk);
            Assert.Equal(Ramp(c * 512, 512), buffer);
        }
        Assert.False(ring.TryRead(buffer, out _));
        Assert.Equal(0, ring.DroppedSamples);
    }

    [Fact]
    public void Write_WhenFull_DropsTheNewChunksCountsThemAndLeavesAGapInTheIndices()
    {
        var ring = new AudioChunkRing(512, 4, 16000, TimeSpan.FromSeconds(3));
        for (int c = 0; c < 10; c++) ring.Write(Ramp(c * 512, 512));
        Assert.Equal(4, ring.Count);
        Assert.Equal(6, ring.Overruns);
        Assert.Equal(6 * 512, ring.DroppedSamples);
        Assert.Equal(10 * 512, ring.SamplesProduced);

        var buffer = new float[512];
        for (int c = 0; c < 4; c++)
        {
            Assert.True(ring.TryRead(buffer, out var chunk));
            Assert.Equal(c * 512L, chunk.FirstSample);
            Assert.Equal(c * 512f, buffer[0]);
        }
        // After the reader caught up, the next chunk is the one captured now, with its own index and time.
        ring.Write(Ramp(10 * 512, 512));
        Assert.True(ring.TryRead(buffer, out var next));
        Assert.Equal(10 * 512L, next.FirstSample);
        Assert.Equal(TimeSpan.FromSeconds(3) + TimeSpan.FromMilliseconds(320), next.Timestamp);
        Assert.Equal(10 * 512f, buffer[0]);
    }

    [Fact]
    public void Skip_AfterADeviceOverrun_MovesIndicesOnAndDropsThePartChunk()
    {
        var ring = new AudioChunkRing(512, 4, 16000);
        ring.Write(Ramp(0, 700));
        ring.Skip(1000);
        ring.Write(Ramp(1700, 512));
        var buffer = new float[512];
        Assert.True(ring.TryRead(buffer, out var first));
        Assert.Equal(0, first.FirstSample);
        Assert.True(ring.TryRead(buffer, out var second));
        Assert.Equal(1700, second.FirstSample);
        Assert.Equal(1700f, buffer[0]);
        Assert.Equal(188 + 1000, ring.DroppedSamples);
    }

    [Fact]
    public void Complete_PublishesTheShortLastChunkThenTheEnd()
    {
        var ring = new AudioChunkRing(512, 4, 16000);
        ring.Write(Ramp(0, 600));
        ring.Complete();
        var buffer = new float[512];
        Assert.True(ring.TryRead(buffer, out var a));
        Assert.Equal(512, a.Count);
        Assert.True(ring.TryRead(buffer, out var b));
        Assert.Equal(new AudioChunk(88, 512, TimeSpan.FromTicks(512L * TimeSpan.TicksPerSecond / 16000)), b);
        Assert.True(ring.TryRead(buffer, out var end));
        Assert.True(end.IsEnd);
        Assert.Equal(600, end.FirstSample);
    }

    [Fact]
    public async Task ReadAsync_WaitingReader_IsWokenByTheProducerThread()
    {
        var ring = new AudioChunkRing(512, 4, 16000);
        var buffer = new float[512];
        var pending = ring.ReadAsync(buffer, TestContext.Current.CancellationToken);
        Assert.False(pending.IsCompleted);
        var producer = new Thread(() => ring.Write(Ramp(0, 512)));
        producer.Start();
        var chunk = await pending;
        producer.Join();
        Assert.Equal(512, chunk.Count);
        Assert.Equal(511f, buffer[511]);
        // And again, so the reusable wait is reset properly between chunks.
        pending = ring.ReadAsync(buffer, TestContext.Current.CancellationToken);
        producer = new Thread(() => ring.Complete());
        producer.Start();
        Assert.True((await pending).IsEnd);
        producer.Join();
    }

    [Fact]
    public async Task ReadAsync_ManyChunksAcrossThreads_LosesAndDuplicatesNothing()
    {
        var ring = new AudioChunkRing(64, 4, 16000);
        const int chunks = 20000;
        var producer = new Thread(() =>
        {
            var block = new float[64];
            for (int c = 0; c < chunks; c++)
            {
                // Only write when there is room: this test is about the wake-ups, not about drops.
                while (ring.Count >= 4) Thread.Yield();
                Array.Fill(block, c);
                ring.Write(block);
            }
            ring.Complete();
        });
        producer.Start();
        var buffer = new float[64];
        int expected = 0;
        while (true)
        {
            var chunk = await ring.ReadAsync(buffer, TestContext.Current.CancellationToken);
            if (chunk.IsEnd) break;
            Assert.Equal(expected * 64L, chunk.FirstSample);
            Assert.Equal(expected, buffer[0]);
            expected++;
        }
        producer.Join();
        Assert.Equal(chunks, expected);
        Assert.Equal(0, ring.DroppedSamples);
    }

    [Fact]
    public async Task ReadAsync_Cancelled_ThrowsAndTheRingStaysUsable()
    {
        var ring = new AudioChunkRing(512, 4, 16000);
        var buffer = new float[512];
        using var cancel = new CancellationTokenSource();
        var pending = ring.ReadAsync(buffer, cancel.Token);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pending);
        ring.Write(Ramp(0, 512));
        Assert.Equal(512, (await ring.ReadAsync(buffer, TestContext.Current.CancellationToken)).Count);
    }

    [Fact]
    public void Complete_WithAnError_ThrowsItAfterTheQueuedChunks()
    {
        var ring = new AudioChunkRing(512, 4, 16000);
        ring.Write(Ramp(0, 512));
        ring.Complete(new IOException("hw:1: capture failed: No such device"));
        var buffer = new float[512];
        Assert.True(ring.TryRead(buffer, out _));
        Assert.Equal("hw:1: capture failed: No such device", Assert.Throws<IOException>(() => ring.TryRead(buffer, out _)).Message);
    }

    [Fact]
    public void WriteAndRead_SteadyState_AllocateNothing()
    {
        var ring = new AudioChunkRing(512, 4, 16000);
        var period = new float[160];
        var buffer = new float[512];
        for (int i = 0; i < 16; i++) ring.Write(period);
        while (ring.Count > 0) ring.TryRead(buffer, out _);
        var ct = TestContext.Current.CancellationToken;
        int chunks = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            ring.Write(period);
            if (ring.Count > 0)
            {
                var read = ring.ReadAsync(buffer, ct);
                if (!read.IsCompletedSuccessfully) Assert.Fail("a queued chunk must be read synchronously");
#pragma warning disable xUnit1031 // completed synchronously (checked above): reading the result does not block
                chunks += read.Result.Count / 512;
#pragma warning restore xUnit1031
            }
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(312, chunks);
    }
}
