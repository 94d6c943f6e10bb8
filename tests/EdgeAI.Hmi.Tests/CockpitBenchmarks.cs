using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeAI.TestKit;
using static Microsoft.Playwright.Assertions;

namespace EdgeAI.Hmi.Tests;

/// <summary>
/// The HMI's figures for docs/benchmarks.md (measured, never asserted): the page's first render, the delay from an
/// event's arrival to its card painted (in the page, and from a loopback reader's arrival in another process), and the host's CPU over the same stretch of drive (the first 15 s at 10x) with
/// no page, 1 page and 10 pages open, each on a fresh host. Written to artifacts/hmi/bench.txt and the test output.
/// </summary>
[Trait("Category", "Bench")]
public sealed class CockpitBenchmarks(ITestOutputHelper output)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task FirstRender_EventToPixel_HostCpuWithNoneOneAndTenPages()
    {
        Assert.SkipWhen(Cockpit.Missing is not null, Cockpit.Missing ?? "");
        var lines = new List<string>();
        foreach (int pages in new[] { 0, 1, 10 })
        {
            using var dir = new TempDirectory();
            await using var server = await DemoServer.StartAsync(dir);
            Cockpit? cockpit = null;
            try
            {
                if (pages > 0)
                {
                    cockpit = await Cockpit.OpenAsync(server);
                    for (int i = 1; i < pages; i++) await cockpit.OpenAnotherAsync(server);
                }
                // A reader beside the pages: when each event arrived on loopback, the nearest point to its leaving the host.
                using var reader = await EventReader.ConnectAsync(server, Stopwatch.StartNew(), TestContext.Current.CancellationToken);
                await server.ClockAsync("{\"action\":\"speed\",\"speed\":10}");
                await server.ClockAsync("{\"action\":\"resume\"}");
                double before = server.CpuSeconds();
                var clock = Stopwatch.StartNew();
                await Task.Delay(Window);
                double cpu = (server.CpuSeconds() - before) / clock.Elapsed.TotalSeconds;
                double at = (await server.GetJsonAsync("/api/clock")).GetProperty("at_s").GetDouble();
                string line = string.Create(CultureInfo.InvariantCulture, $"{pages} page(s): host CPU {cpu:P1} of one core over drive 0-{at:0} s at 10x");
                if (cockpit is not null)
                {
                    var page = cockpit.Page;
                    await Expect(page.Locator("#route")).ToHaveAttributeAsync("d", new Regex("^M"));
                    // Milliseconds from the start of the navigation (the one-time link and its redirect included).
                    double fcp = await page.EvaluateAsync<double>("() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1");
                    double live = await page.EvaluateAsync<double>("() => window.edgeaiMetrics.liveMs ?? -1");
                    var paint = (await page.EvaluateAsync<JsonElement>("() => window.edgeaiMetrics.cardPaintMs")).EnumerateArray().Select(e => e.GetDouble()).Order().ToList();
                    line += string.Create(CultureInfo.InvariantCulture,
                        $"; first page: first contentful paint {fcp:0} ms, event stream live {live:0} ms; {paint.Count} cards painted {Median(paint):0.0} ms (median) / {(paint.Count > 0 ? paint[^1] : double.NaN):0.0} ms (max) after their event arrived");
                    // Event to pixel across processes: the reader's arrival (wall clock) to the page's frame showing the card.
                    var painted = await page.EvaluateAsync<JsonElement>("() => window.edgeaiMetrics.cardPaintedAt");
                    var sent = SuggestionArrivals(reader);
                    var toPixel = painted.EnumerateObject().Where(p => sent.ContainsKey(p.Name)).Select(p => p.Value.GetDouble() - sent[p.Name]).Order().ToList();
                    line += string.Create(CultureInfo.InvariantCulture,
                        $"; event to pixel (loopback reader's arrival to the frame showing the card) {Median(toPixel):0.0} ms (median) / {(toPixel.Count > 0 ? toPixel[^1] : double.NaN):0.0} ms (max) over {toPixel.Count} cards");
                    Assert.True(cockpit.Errors.Count == 0, "console errors: " + string.Join(" | ", cockpit.Errors));
                }
                lines.Add(line + string.Create(CultureInfo.InvariantCulture, $" (load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}, {Environment.ProcessorCount} cores)"));
            }
            finally
            {
                if (cockpit is not null) await cockpit.DisposeAsync();
            }
        }
        foreach (var line in lines) output.WriteLine(line);
        Directory.CreateDirectory(RepoPaths.Get("artifacts", "hmi"));
        File.WriteAllLines(RepoPaths.Get("artifacts", "hmi", "bench.txt"), lines);
    }

    /// <summary>Each suggestion's id and when it reached <paramref name="reader"/> (Unix ms).</summary>
    private static Dictionary<string, double> SuggestionArrivals(EventReader reader)
    {
        var arrivals = new Dictionary<string, double>(StringComparer.Ordinal);
        var lines = reader.Lines;
        var wall = reader.WallMs;
        for (int i = 0; i < lines.Count; i++)
        {
            var e = JsonDocument.Parse(lines[i]).RootElement;
            if (e.GetProperty("type").GetString() == "suggestion" && e.TryGetProperty("id", out var id)) arrivals.TryAdd(id.GetString()!, wall[i]);
        }
        return arrivals;
    }

    private static double Median(List<double> sorted) => sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
}
