using EdgeAI.Can;

namespace EdgeAI.Cli.Bench;

/// <summary>DBC decode throughput against canmatrix (filled in when the DBC decoder lands).</summary>
internal static class DecodeBench
{
    public static IEnumerable<BenchResult> Run(string dbc, string candumpLog, List<CanFrame> frames, int repeat, TextWriter progress)
    {
        _ = (dbc, candumpLog, frames, repeat, progress);
        return [];
    }
}
