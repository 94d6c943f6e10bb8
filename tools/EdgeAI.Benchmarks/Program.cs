using BenchmarkDotNet.Running;

namespace EdgeAI.Benchmarks;

/// <summary>BenchmarkDotNet entry: <c>dotnet run -c Release --project tools/EdgeAI.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
