using System.Globalization;
using System.Runtime.InteropServices;
using EdgeAI.Drivers.Camera.Interop;
using EdgeAI.TestKit;

namespace EdgeAI.Drivers.Camera.Tests;

public sealed class GStreamerPipelineTests
{
    /// <summary>A C probe compiled against the installed GStreamer headers (libgstreamer1.0-dev) prints every size, offset
    /// and constant the interop mirrors, so the expectations come from GStreamer itself, not from arithmetic here.</summary>
    private const string Probe = """
        #include <stdio.h>
        #include <stddef.h>
        #include <gst/gst.h>
        #define P(name, value) printf("%s %lld\n", name, (long long)(value))
        #define S(t) P("sizeof " #t, sizeof(t))
        #define O(t, f) P("offsetof " #t "." #f, offsetof(t, f))
        int main(void) {
          S(GstMiniObject); O(GstMiniObject, refcount); O(GstMiniObject, flags); O(GstMiniObject, copy); O(GstMiniObject, priv_pointer);
          O(GstBuffer, pool); O(GstBuffer, pts); O(GstBuffer, dts); O(GstBuffer, duration);
          O(GstMessage, type); O(GstMessage, timestamp); O(GstMessage, src);
          S(GstMapInfo); O(GstMapInfo, memory); O(GstMapInfo, flags); O(GstMapInfo, data); O(GstMapInfo, size); O(GstMapInfo, maxsize);
          O(GError, domain); O(GError, code); O(GError, message);
          P("GST_STATE_NULL", GST_STATE_NULL); P("GST_STATE_PAUSED", GST_STATE_PAUSED); P("GST_STATE_PLAYING", GST_STATE_PLAYING);
          P("GST_STATE_CHANGE_FAILURE", GST_STATE_CHANGE_FAILURE); P("GST_STATE_CHANGE_SUCCESS", GST_STATE_CHANGE_SUCCESS);
          P("GST_STATE_CHANGE_ASYNC", GST_STATE_CHANGE_ASYNC); P("GST_STATE_CHANGE_NO_PREROLL", GST_STATE_CHANGE_NO_PREROLL);
          P("GST_MAP_READ", GST_MAP_READ); P("GST_MESSAGE_ERROR", GST_MESSAGE_ERROR);
          P("GST_SECOND", GST_SECOND); P("GST_CLOCK_TIME_NONE", GST_CLOCK_TIME_NONE);
          return 0;
        }
        """;

    private static readonly Lazy<Dictionary<string, long>> Headers = new(CompileAndRun);

    public static TheoryData<string, long> Managed() => new()
    {
        { "sizeof GstMiniObject", Marshal.SizeOf<Gst.MiniObjectHeader>() },
        { "offsetof GstMiniObject.refcount", Marshal.OffsetOf<Gst.MiniObjectHeader>(nameof(Gst.MiniObjectHeader.RefCount)) },
        { "offsetof GstMiniObject.flags", Marshal.OffsetOf<Gst.MiniObjectHeader>(nameof(Gst.MiniObjectHeader.Flags)) },
        { "offsetof GstMiniObject.copy", Marshal.OffsetOf<Gst.MiniObjectHeader>(nameof(Gst.MiniObjectHeader.Copy)) },
        { "offsetof GstMiniObject.priv_pointer", Marshal.OffsetOf<Gst.MiniObjectHeader>(nameof(Gst.MiniObjectHeader.PrivPointer)) },
        { "offsetof GstBuffer.pool", Marshal.OffsetOf<Gst.BufferHeader>(nameof(Gst.BufferHeader.Pool)) },
        { "offsetof GstBuffer.pts", Marshal.OffsetOf<Gst.BufferHeader>(nameof(Gst.BufferHeader.Pts)) },
        { "offsetof GstBuffer.dts", Marshal.OffsetOf<Gst.BufferHeader>(nameof(Gst.BufferHeader.Dts)) },
        { "offsetof GstBuffer.duration", Marshal.OffsetOf<Gst.BufferHeader>(nameof(Gst.BufferHeader.Duration)) },
        { "offsetof GstMessage.type", Marshal.OffsetOf<Gst.MessageHeader>(nameof(Gst.MessageHeader.Type)) },
        { "offsetof GstMessage.timestamp", Marshal.OffsetOf<Gst.MessageHeader>(nameof(Gst.MessageHeader.Timestamp)) },
        { "offsetof GstMessage.src", Marshal.OffsetOf<Gst.MessageHeader>(nameof(Gst.MessageHeader.Source)) },
        { "sizeof GstMapInfo", Marshal.SizeOf<Gst.MapInfo>() },
        { "offsetof GstMapInfo.memory", Marshal.OffsetOf<Gst.MapInfo>(nameof(Gst.MapInfo.Memory)) },
        { "offsetof GstMapInfo.flags", Marshal.OffsetOf<Gst.MapInfo>(nameof(Gst.MapInfo.Flags)) },
        { "offsetof GstMapInfo.data", Marshal.OffsetOf<Gst.MapInfo>(nameof(Gst.MapInfo.Data)) },
        { "offsetof GstMapInfo.size", Marshal.OffsetOf<Gst.MapInfo>(nameof(Gst.MapInfo.Size)) },
        { "offsetof GstMapInfo.maxsize", Marshal.OffsetOf<Gst.MapInfo>(nameof(Gst.MapInfo.MaxSize)) },
        { "offsetof GError.domain", Marshal.OffsetOf<Gst.GError>(nameof(Gst.GError.Domain)) },
        { "offsetof GError.code", Marshal.OffsetOf<Gst.GError>(nameof(Gst.GError.Code)) },
        { "offsetof GError.message", Marshal.OffsetOf<Gst.GError>(nameof(Gst.GError.Message)) },
        { "GST_STATE_NULL", Gst.StateNull }, { "GST_STATE_PAUSED", Gst.StatePaused }, { "GST_STATE_PLAYING", Gst.StatePlaying },
        { "GST_STATE_CHANGE_FAILURE", Gst.StateChangeFailure }, { "GST_STATE_CHANGE_SUCCESS", Gst.StateChangeSuccess },
        { "GST_STATE_CHANGE_ASYNC", Gst.StateChangeAsync }, { "GST_STATE_CHANGE_NO_PREROLL", Gst.StateChangeNoPreroll },
        { "GST_MAP_READ", Gst.MapRead }, { "GST_MESSAGE_ERROR", Gst.MessageError },
        { "GST_SECOND", (long)Gst.Second }, { "GST_CLOCK_TIME_NONE", unchecked((long)Gst.ClockTimeNone) },
    };

    [Theory]
    [MemberData(nameof(Managed))]
    public void InteropMirror_EqualsGStreamerHeaders(string name, long managed)
    {
        if (MissingHeadersReason() is { } missing) Assert.Skip(missing);
        Assert.True(Headers.Value.TryGetValue(name, out long native), $"the probe did not print {name}");
        Assert.Equal(native, managed);
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

    private static string? MissingHeadersReason()
    {
        if (ExternalTool.MissingProgramReason("gcc", "gcc") is { } gcc) return gcc;
        if (ExternalTool.MissingProgramReason("pkg-config", "pkgconf") is { } pkgConfig) return pkgConfig;
        var (exit, _, _) = ExternalTool.RunRaw("pkg-config", ["--exists", "gstreamer-1.0"]);
        return exit == 0 ? null : "the GStreamer headers are not installed (apt-get install libgstreamer1.0-dev; scripts/deps.sh installs them)";
    }

    private static Dictionary<string, long> CompileAndRun()
    {
        using var dir = new TempDirectory();
        string source = dir.File("probe.c"), binary = dir.File("probe");
        File.WriteAllText(source, Probe);
        string[] flags = ExternalTool.Run("pkg-config", ["--cflags", "gstreamer-1.0"]).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // Headers only: the probe uses macros, sizeof and offsetof, so it links against nothing of GStreamer's.
        ExternalTool.Run("gcc", [.. flags, "-o", binary, source]);
        var values = new Dictionary<string, long>();
        foreach (var line in ExternalTool.Run(binary, []).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int space = line.LastIndexOf(' ');
            values[line[..space]] = long.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }
        return values;
    }
}
