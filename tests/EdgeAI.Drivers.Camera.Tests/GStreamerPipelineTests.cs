using System.Runtime.InteropServices;
using EdgeAI.Drivers.Camera.Interop;

namespace EdgeAI.Drivers.Camera.Tests;

public sealed class GStreamerPipelineTests
{
    [Fact]
    public void BufferAndMessageHeaders_FieldsAtGStreamersOffsets()
    {
        // GstBuffer on LP64: a 64-byte GstMiniObject, then pool (64), pts (72), dts (80), duration (88).
        Assert.Equal(72, (int)Marshal.OffsetOf<Gst.BufferHeader>(nameof(Gst.BufferHeader.Pts)));
        Assert.Equal(88, (int)Marshal.OffsetOf<Gst.BufferHeader>(nameof(Gst.BufferHeader.Duration)));
        // GstMessage: the same GstMiniObject, then type (64), timestamp (72), src (80).
        Assert.Equal(64, Marshal.SizeOf<Gst.MiniObjectHeader>());
        Assert.Equal(64, (int)Marshal.OffsetOf<Gst.MessageHeader>(nameof(Gst.MessageHeader.Type)));
        Assert.Equal(80, (int)Marshal.OffsetOf<Gst.MessageHeader>(nameof(Gst.MessageHeader.Source)));
    }

    [Fact]
    public void TryPull_SteadyState_AllocatesNothingAndReusesOneFrame()
    {
        if (GStreamerPipeline.MissingReason is { } reason) Assert.Skip(reason);
        using var pipeline = new GStreamerPipeline("videotestsrc num-buffers=200 pattern=ball ! video/x-raw,format=NV12,width=320,height=240,framerate=30/1 ! appsink name=edgeai_sink sync=false");
        long index = 0;
        long allocated = 0;
        while (!pipeline.Ended)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var frame = pipeline.TryPull(index, TimeSpan.Zero, 1_000_000_000);
            if (frame is null) continue; // the end of the stream looks at the bus once
            if (index >= 20) allocated += GC.GetAllocatedBytesForCurrentThread() - before; // after warm-up
            Assert.Equal(index, frame.Index);
            Assert.InRange(frame.Timestamp.Ticks - index * TimeSpan.TicksPerSecond / 30, -1, 1); // n / 30 s, to the 100 ns tick
            frame.Dispose();
            index++;
        }
        Assert.Equal(200, index);
        Assert.Equal(0, allocated);
        Assert.Equal(1, pipeline.PooledFrames);
    }
}
