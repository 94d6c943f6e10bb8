namespace EdgeAI.Vision;

/// <summary>
/// One picture from a camera or video file in a pooled buffer. The consumer disposes it, which hands the buffer back
/// to the <see cref="VideoFramePool"/> it came from, so steady-state capture allocates nothing per frame.
/// </summary>
public sealed class VideoFrame : IDisposable
{
    private readonly VideoFramePool? _pool;
    private byte[] _buffer;
    private int _rented = 1; // 1 while a caller holds the frame; Dispose hands it back once

    /// <summary>Marks a frame taken from the pool as held again (the pool's Rent calls it).</summary>
    internal void MarkRented() => Volatile.Write(ref _rented, 1);

    /// <summary>Creates a frame over its own buffer of <paramref name="capacity"/> bytes; pools call this once per buffer.</summary>
    public VideoFrame(int capacity, VideoFramePool? pool = null)
    {
        _buffer = new byte[capacity];
        _pool = pool;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; private set; }
    /// <summary>Height in pixels.</summary>
    public int Height { get; private set; }
    /// <summary>Bytes from the start of one row to the next (of the Y plane for NV12).</summary>
    public int Stride { get; private set; }
    /// <summary>How the bytes are laid out.</summary>
    public PixelFormat Format { get; private set; }
    /// <summary>0-based position in the source (counts dropped frames too, so gaps show drops).</summary>
    public long Index { get; private set; }
    /// <summary>Presentation time from the start of the source.</summary>
    public TimeSpan Timestamp { get; private set; }
    /// <summary>Bytes in use.</summary>
    public int Length { get; private set; }
    /// <summary>Buffer capacity in bytes.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>The pixels.</summary>
    public Span<byte> Data => _buffer.AsSpan(0, Length);

    /// <summary>Bytes a frame of this size and format needs with the given stride.</summary>
    public static int RequiredBytes(int height, int stride, PixelFormat format) =>
        format == PixelFormat.Nv12 ? checked(stride * height + stride * ((height + 1) / 2)) : checked(stride * height);

    /// <summary>Smallest stride for <paramref name="width"/> pixels of <paramref name="format"/>.</summary>
    public static int MinimumStride(int width, PixelFormat format) => format switch
    {
        PixelFormat.Bgr24 or PixelFormat.Rgb24 => width * 3,
        PixelFormat.Gray16 or PixelFormat.Yuyv => width * 2,
        _ => width,
    };

    /// <summary>Describes the picture about to be written into <see cref="Data"/>; grows the buffer only when it is too small.</summary>
    public void Reset(int width, int height, int stride, PixelFormat format, long index, TimeSpan timestamp)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, MinimumStride(width, format));
        int length = RequiredBytes(height, stride, format);
        if (_buffer.Length < length) _buffer = new byte[length];
        Width = width;
        Height = height;
        Stride = stride;
        Format = format;
        Index = index;
        Timestamp = timestamp;
        Length = length;
    }

    /// <summary>Hands the frame back to its pool (or drops it when it has none).</summary>
    public void Dispose()
    {
        // A second Dispose must not return the frame twice: two later renters would share one buffer.
        if (Interlocked.Exchange(ref _rented, 0) == 1) _pool?.Return(this);
    }
}
