using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace EdgeAI.Host.Telemetry;

/// <summary>
/// The optional OpenTelemetry export of meter <c>EdgeAI</c> over OTLP/HTTP (protobuf) to a collector the user runs
/// (an OpenTelemetry Collector, Grafana Alloy, Prometheus with its OTLP receiver). Off unless <c>Run:Otlp</c> names one.
/// </summary>
public static class OtlpExport
{
    /// <summary>Starts exporting to <paramref name="endpoint"/> every <paramref name="every"/>; dispose to flush and stop.</summary>
    /// <exception cref="InvalidDataException">the endpoint is not an http(s) URL.</exception>
    public static MeterProvider Start(string endpoint, TimeSpan every)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InvalidDataException($"--otlp (Run:Otlp): expected an http(s) URL of an OTLP/HTTP collector (e.g. http://127.0.0.1:4318), found '{endpoint}'");
        return Sdk.CreateMeterProviderBuilder()
            .AddMeter(Pipeline.HostMetrics.MeterName)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                exporter.Endpoint = new Uri(uri, "v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)every.TotalMilliseconds;
            })
            .Build();
    }
}
