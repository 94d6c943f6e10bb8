using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EdgeAI.TestKit;

namespace EdgeAI.Hmi.Tests;

/// <summary>
/// The HMI's figures for docs/benchmarks.md (measured, never asserted): the page's first render, the delay from an
/// event's arrival to its card painted, and the host's CPU with 1 and 10 pages open while the drive plays at 10x.
/// Written to artifacts/hmi/bench.json and the test output.
/// </summary>
[Trait("Category", "Bench")]
public sealed class CockpitBenchmarks(ITestOutputHelper output)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task FirstRender_EventToPixel_HostCpuWithOneAndTenPages()
    {
        Assert.SkipWhen(Cockpit.Missing is not null, Cockpit.Missing ?? "");
        using var dir = new TempDirectory();
        await using var server = await DemoServer.StartAsync(dir);
        var opening = Stopwatch.StartNew();
        await using var cockpit = await Cockpit.OpenAsync(server);
        double live = opening.Elapsed.TotalMilliseconds;
        double fcp = await cockpit.Page.EvaluateAsync<double>("() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1");

        double idle = await CpuShare(server, TimeSpan.FromSeconds(5));
        await server.ClockAsync("{\"action\":\"speed\",\"speed\":10}");
        await server.ClockAsync("{\"action\":\"resume\"}");
        double one = await CpuShare(server, Window);
        var pages = new List<Microsoft.Playwright.IPage>();
        for (int i = 0; i < 9; i++) pages.Add(await cockpit.OpenAnotherAsync(server));
        double ten = await CpuShare(server, Window);
        var paint = (await cockpit.Page.EvaluateAsync<JsonElement>("() => window.edgeaiMetrics.cardPaintMs")).EnumerateArray().Select(e => e.GetDouble()).Order().ToList();

        string report = string.Create(CultureInfo.InvariantCulture,
            $"first contentful paint {fcp:0} ms; link opened to stream live {live:0} ms; card painted after its event arrived: {paint.Count} cards, median {Median(paint):0.0} ms, max {(paint.Count > 0 ? paint[^1] : double.NaN):0.0} ms; host CPU (share of one core) paused with 1 page {idle:P1}, drive at 10x with 1 page {one:P1}, with 10 pages {ten:P1}");
        output.WriteLine(report);
        Directory.CreateDirectory(RepoPaths.Get("artifacts", "hmi"));
        File.WriteAllText(RepoPaths.Get("artifacts", "hmi", "bench.txt"), report + "\n");
        Assert.True(cockpit.Errors.Count == 0, "console errors: " + string.Join(" | ", cockpit.Errors));
    }

    private static async Task<double> CpuShare(DemoServer server, TimeSpan window)
    {
        double before = server.CpuSeconds();
        var clock = Stopwatch.StartNew();
        await Task.Delay(window);
        return (server.CpuSeconds() - before) / clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> sorted) => sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
}
