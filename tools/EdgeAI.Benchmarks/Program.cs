using BenchmarkDotNet.Running;

namespace EdgeAI.Benchmarks;

/// <summary>BenchmarkDotNet entry: <c>dotnet run -c Release --project tools/EdgeAI.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        // route-p99 [N]: the routing latency loop (RouteLatency), outside BenchmarkDotNet
        if (args.Length > 0 && args[0] == "route-p99") { Environment.ExitCode = RouteLatency.Run(args); return; }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
