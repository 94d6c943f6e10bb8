using System.Diagnostics.Metrics;

namespace EdgeAI.Vision.Pipeline;

/// <summary>
/// One pipeline stage's latency: published as a histogram on meter <c>EdgeAI</c> (dotnet-counters sees it) and kept
/// in a preallocated ring of the latest samples for in-process percentiles. Recording allocates nothing.
/// </summary>
public sealed class LatencyRecorder
{
    private readonly Histogram<double> _histogram;
    private readonly double[] _samples;
    private long _count;

    internal LatencyRecorder(Meter meter, string stage, int capacity)
    {
        Stage = stage;
        _histogram = meter.CreateHistogram<double>($"edgeai.vision.{stage}.duration", "ms", $"Time the vision pipeline spends in {stage} per frame");
        _samples = new double[capacity];
    }

    /// <summary>Stage name: capture, preprocess, inference, decode, monitor.</summary>
    public string Stage { get; }

    /// <summary>Samples recorded in total.</summary>
    public long Count => _count;

    /// <summary>Sum of every sample recorded, in ms.</summary>
    public double TotalMilliseconds { get; private set; }

    /// <summary>Records one duration in milliseconds.</summary>
    public void Record(double milliseconds)
    {
        _histogram.Record(milliseconds);
        TotalMilliseconds += milliseconds;
        _samples[_count++ % _samples.Length] = milliseconds;
    }

    /// <summary>The <paramref name="percent"/> percentile (nearest rank) of the kept samples, in ms; NaN when none.</summary>
    public double Percentile(double percent)
    {
        int n = (int)Math.Min(_count, _samples.Length);
        if (n == 0) return double.NaN;
        var sorted = _samples.AsSpan(0, n).ToArray();
        Array.Sort(sorted);
        int rank = (int)Math.Ceiling(percent / 100 * n);
        return sorted[Math.Clamp(rank - 1, 0, n - 1)];
    }

    /// <summary>Mean of the kept samples in ms.</summary>
    public double Mean
    {
        get
        {
            int n = (int)Math.Min(_count, _samples.Length);
            double sum = 0;
            for (int i = 0; i < n; i++) sum += _samples[i];
            return n == 0 ? double.NaN : sum / n;
        }
    }
}
