namespace EdgeAI.Vision.Preprocessing;

/// <summary>How a frame is fitted into the model's input size.</summary>
public enum ResizeMode
{
    /// <summary>Keep the aspect ratio, centre the picture and pad the rest (faces keep their shape).</summary>
    Letterbox,
    /// <summary>Scale width and height independently to fill the tensor (no padding, shapes distorted).</summary>
    Stretch,
}
