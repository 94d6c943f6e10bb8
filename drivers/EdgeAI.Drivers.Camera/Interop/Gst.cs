using System.Runtime.InteropServices;

namespace EdgeAI.Drivers.Camera.Interop;

/// <summary>The parts of GStreamer 1.x (libgstreamer, libgstapp, GLib) the appsink source uses.</summary>
internal static unsafe partial class Gst
{
    private const string Core = "libgstreamer-1.0.so.0";
    private const string App = "libgstapp-1.0.so.0";
    private const string GLib = "libglib-2.0.so.0";

    public const int StateNull = 1;
    public const int StatePaused = 3;
    public const int StatePlaying = 4;
    public const int StateChangeFailure = 0;
    public const int StateChangeSuccess = 1;
    public const int StateChangeAsync = 2;
    /// <summary>GST_STATE_CHANGE_NO_PREROLL: the pipeline has a live source (a camera): it produces whether or not anyone reads.</summary>
    public const int StateChangeNoPreroll = 3;
    public const int MapRead = 1;
    public const int MessageError = 1 << 1;
    public const ulong Second = 1_000_000_000;
    /// <summary>GST_CLOCK_TIME_NONE: a buffer without a timestamp.</summary>
    public const ulong ClockTimeNone = ulong.MaxValue;

    /// <summary>
    /// <c>GstMiniObject</c> on LP64 (linux-x64 and linux-arm64), 64 bytes: type, refcount, lockstate, flags, copy,
    /// dispose, free, priv_uint, priv_pointer. Buffers and messages start with it.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MiniObjectHeader
    {
        public nint Type;
        public int RefCount;
        public int LockState;
        public uint Flags;
        public nint Copy;
        public nint Dispose;
        public nint Free;
        public uint PrivUint;
        public nint PrivPointer;
    }

    /// <summary>
    /// The start of <c>GstBuffer</c>: the mini object, then pool, pts, dts, duration. GST_BUFFER_PTS is a macro, so the
    /// timestamp is read from the struct itself.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct BufferHeader
    {
        public MiniObjectHeader MiniObject;
        public nint Pool;
        public ulong Pts;
        public ulong Dts;
        public ulong Duration;
    }

    /// <summary>The start of <c>GstMessage</c>: the mini object, type, timestamp, src (GST_MESSAGE_SRC is a macro).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MessageHeader
    {
        public MiniObjectHeader MiniObject;
        public int Type;
        public ulong Timestamp;
        public nint Source;
    }

    /// <summary><c>GstMapInfo</c>: memory, flags, data, size, maxsize, user_data[4], reserved[4].</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MapInfo
    {
        public nint Memory;
        public int Flags;
        public byte* Data;
        public nuint Size;
        public nuint MaxSize;
        public fixed long UserData[4];
        public fixed long Reserved[4];
    }

    /// <summary><c>GError</c>: domain, code, message.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct GError
    {
        public uint Domain;
        public int Code;
        public byte* Message;
    }

    [LibraryImport(Core)] public static partial int gst_init_check(nint argc, nint argv, GError** error);
    [LibraryImport(Core, StringMarshalling = StringMarshalling.Utf8)] public static partial nint gst_parse_launch(string description, GError** error);
    [LibraryImport(Core, StringMarshalling = StringMarshalling.Utf8)] public static partial nint gst_bin_get_by_name(nint bin, string name);
    [LibraryImport(Core)] public static partial int gst_element_set_state(nint element, int state);
    [LibraryImport(Core)] public static partial int gst_element_get_state(nint element, out int state, out int pending, ulong timeoutNs);
    [LibraryImport(Core)] public static partial nint gst_element_get_bus(nint element);
    [LibraryImport(Core, StringMarshalling = StringMarshalling.Utf8)] public static partial nint gst_element_get_static_pad(nint element, string name);
    [LibraryImport(Core)] public static partial nint gst_pad_get_current_caps(nint pad);
    [LibraryImport(Core)] public static partial nint gst_bus_pop_filtered(nint bus, int types);
    [LibraryImport(Core)] public static partial void gst_message_parse_error(nint message, GError** error, byte** debug);
    [LibraryImport(Core)] public static partial nint gst_mini_object_ref(nint obj);
    [LibraryImport(Core)] public static partial void gst_mini_object_unref(nint obj);
    [LibraryImport(Core)] public static partial void gst_object_unref(nint obj);
    [LibraryImport(Core)] public static partial byte* gst_object_get_name(nint obj);
    [LibraryImport(Core)] public static partial nint gst_sample_get_caps(nint sample);
    [LibraryImport(Core)] public static partial nint gst_sample_get_buffer(nint sample);
    [LibraryImport(Core)] public static partial nint gst_caps_get_structure(nint caps, uint index);
    [LibraryImport(Core, StringMarshalling = StringMarshalling.Utf8)] public static partial int gst_structure_get_int(nint structure, string field, out int value);
    [LibraryImport(Core, StringMarshalling = StringMarshalling.Utf8)] public static partial int gst_structure_get_fraction(nint structure, string field, out int numerator, out int denominator);
    [LibraryImport(Core, StringMarshalling = StringMarshalling.Utf8)] public static partial nint gst_structure_get_string(nint structure, string field);
    [LibraryImport(Core)] public static partial int gst_buffer_map(nint buffer, MapInfo* info, int flags);
    [LibraryImport(Core)] public static partial void gst_buffer_unmap(nint buffer, MapInfo* info);
    [LibraryImport(App)] public static partial nint gst_app_sink_try_pull_sample(nint sink, ulong timeoutNs);
    [LibraryImport(App)] public static partial int gst_app_sink_is_eos(nint sink);
    [LibraryImport(GLib)] public static partial void g_error_free(GError* error);
    [LibraryImport(GLib)] public static partial void g_free(void* memory);

    /// <summary>Takes a GError's message and frees it.</summary>
    public static string TakeMessage(GError* error)
    {
        if (error == null) return "unknown GStreamer error";
        string text = Marshal.PtrToStringUTF8((nint)error->Message) ?? "unknown GStreamer error";
        g_error_free(error);
        return text;
    }
}
