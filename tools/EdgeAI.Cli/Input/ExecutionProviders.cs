using EdgeAI.Cli.Commands;
using Microsoft.ML.OnnxRuntime;

namespace EdgeAI.Cli.Input;

/// <summary>
/// <c>--providers tensorrt,cuda,cpu</c>: each tried in order with fresh session options; a failure is recorded and
/// the next tried. An unknown name is bad input.
/// </summary>
internal static class ExecutionProviders
{
    private static readonly string[] Known = ["tensorrt", "cuda", "cpu"];

    public static string[] Parse(string? list)
    {
        if (string.IsNullOrWhiteSpace(list)) return ["cpu"];
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var name in names)
            if (Array.IndexOf(Known, name.ToLowerInvariant()) < 0)
                throw new UsageException($"--providers: unknown execution provider '{name}'; expected one of {string.Join(", ", Known)}");
        return names;
    }

    /// <summary>Builds the model on the first provider that loads; <paramref name="log"/> hears every failure.</summary>
    public static T Load<T>(string[] providers, Func<SessionOptions, T> create, TextWriter log, out string chosen)
    {
        var reasons = new List<string>();
        foreach (var name in providers)
        {
            var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
            try
            {
                switch (name.ToLowerInvariant())
                {
                    case "tensorrt": options.AppendExecutionProvider_Tensorrt(); break;
                    case "cuda": options.AppendExecutionProvider_CUDA(); break;
                }
                var model = create(options);
                chosen = name.ToLowerInvariant();
                foreach (var r in reasons) log.WriteLine("edgeai: " + r);
                return model;
            }
            catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                reasons.Add($"provider {name} unavailable: {e.Message.ReplaceLineEndings(" ").Trim()}");
            }
            finally
            {
                options.Dispose();
            }
        }
        throw new UsageException("--providers: none of " + string.Join(", ", providers) + " could run the model (" + string.Join("; ", reasons) + ")");
    }
}
