using EdgeAI.Vision;

namespace EdgeAI.Vision.Tests.Images;

/// <summary>
/// A video source over real photos held for given durations at a fixed frame rate (a file-like source: every frame
/// delivered, none dropped), with frames from a pool as the camera sources hand them out.
/// </summary>
internal sealed class PhotoSequenceSource(IReadOnlyList<(RawImage Image, double Seconds)> script, int framesPerSecond = 10) : IVideoSource
{
    private readonly VideoFramePool _pool = new(script.Max(s => s.Image.Data.Length));
    private int _part;
    private long _index, _inPart;

    public string Name => "photo-sequence";
    public bool IsLive => false;
    public double FramesPerSecond => framesPerSecond;
    public long DroppedFrames => 0;
    public long FramesCreated => _pool.Created;

    public ValueTask<VideoFrame?> ReadAsync(CancellationToken cancellation = default)
    {
        while (_part < script.Count && _inPart >= (long)Math.Round(script[_part].Seconds * framesPerSecond))
        {
            _part++;
            _inPart = 0;
        }
        if (_part == script.Count) return ValueTask.FromResult<VideoFrame?>(null);
        var image = script[_part].Image;
        var frame = _pool.Rent();
        frame.Reset(image.Width, image.Height, image.Stride, image.Format, _index, TimeSpan.FromTicks(_index * TimeSpan.TicksPerSecond / framesPerSecond));
        image.Data.CopyTo(frame.Data);
        _index++;
        _inPart++;
        return ValueTask.FromResult<VideoFrame?>(frame);
    }

    public void Dispose() { }
}
