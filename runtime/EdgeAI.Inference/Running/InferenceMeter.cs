using System.Diagnostics.Metrics;

namespace EdgeAI.Inference.Running;

/// <summary>The <c>EdgeAI</c> meter: one latency histogram per model (<c>edgeai.inference.&lt;model&gt;.duration</c>, ms).</summary>
public static class InferenceMeter
{
    /// <summary>The meter's name, for listeners and exporters.</summary>
    public const string Name = "EdgeAI";

    /// <summary>The shared meter.</summary>
    public static Meter Meter { get; } = new(Name);

    /// <summary>The histogram name for <paramref name="modelId"/>.</summary>
    public static string HistogramName(string modelId) => $"edgeai.inference.{modelId}.duration";

    internal static Histogram<double> For(string modelId) =>
        Meter.CreateHistogram<double>(HistogramName(modelId), "ms", $"ONNX Runtime run latency of model {modelId}");
}
