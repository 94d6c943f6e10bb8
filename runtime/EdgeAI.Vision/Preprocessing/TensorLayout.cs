namespace EdgeAI.Vision.Preprocessing;

/// <summary>How an image tensor orders its dimensions.</summary>
public enum TensorLayout
{
    /// <summary>[1, height, width, 3]: channels last (TensorFlow-born models such as BlazeFace).</summary>
    Nhwc,
    /// <summary>[1, 3, height, width]: channels first (PyTorch-born models).</summary>
    Nchw,
}
