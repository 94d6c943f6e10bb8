namespace EdgeAI.Vision.Preprocessing;

/// <summary>Which BT.601 code range NV12 and YUYV frames use.</summary>
public enum YuvRange
{
    /// <summary>Video range: Y in 16..235, U and V in 16..240 (what V4L2 and most camera ISPs deliver).</summary>
    Limited,
    /// <summary>Full range: Y, U and V in 0..255 (JPEG/JFIF).</summary>
    Full,
}
