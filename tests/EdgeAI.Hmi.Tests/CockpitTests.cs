using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeAI.TestKit;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EdgeAI.Hmi.Tests;

/// <summary>
/// The cockpit page in a real browser on <c>edgeai demo --serve</c> with the bundled drive; the drive moves only when a
/// test steps its clock (<c>POST /api/clock</c>), never on wall time.
/// </summary>
[Trait("Category", "Hmi")]
[Trait("Category", "Browser")]
public sealed partial class CockpitTests
{
    [Fact]
    public async Task Page_LoadsWithoutConsoleErrors_AndTheCarMovesAlongTheRoute()
    {
        Assert.SkipWhen(Cockpit.Missing is not null, Cockpit.Missing ?? "");
        using var dir = new TempDirectory();
        await using var server = await DemoServer.StartAsync(dir);
        await using var cockpit = await Cockpit.OpenAsync(server);
        var page = cockpit.Page;

        await server.StepAsync(2);
        await Expect(page.Locator("#route")).ToHaveAttributeAsync("d", new Regex("^M"));
        await Expect(page.Locator("#car")).ToHaveAttributeAsync("data-x", new Regex(@"\d"));
        string x0 = (await page.Locator("#car").GetAttributeAsync("data-x"))!, y0 = (await page.Locator("#car").GetAttributeAsync("data-y"))!;

        // The car moves off at about 20 s.
        await server.StepAsync(40);
        await Expect(page.Locator("#drive-time")).ToHaveTextAsync(new Regex("^0:4"));
        string x1 = (await page.Locator("#car").GetAttributeAsync("data-x"))!, y1 = (await page.Locator("#car").GetAttributeAsync("data-y"))!;
        Assert.True(x0 != x1 || y0 != y1, $"the car stayed at {x0},{y0}");
        Assert.NotEqual("–", await page.Locator("#speed").TextContentAsync());
        Assert.True(cockpit.Errors.Count == 0, "console errors: " + string.Join(" | ", cockpit.Errors));
    }

    [Fact]
    public async Task ChargingSuggestion_ShowsItsReason_AndAcceptAddsTheStopToTheRoute()
    {
        Assert.SkipWhen(Cockpit.Missing is not null, Cockpit.Missing ?? "");
        using var dir = new TempDirectory();
        await using var server = await DemoServer.StartAsync(dir);
        await using var cockpit = await Cockpit.OpenAsync(server);
        var page = cockpit.Page;

        await server.StepAsync(4);
        var card = page.Locator("#card");
        await Expect(card).ToBeVisibleAsync();
        await Expect(card).ToHaveAttributeAsync("data-kind", "charging");
        await Expect(page.Locator("#card-reason")).ToContainTextAsync("SoC");
        await Expect(page.Locator("#stops circle[data-accepted='true']")).ToHaveCountAsync(0);
        await cockpit.ScreenshotAsync("1-charging-suggestion");

        await page.Locator("#accept").ClickAsync();
        await Expect(card).ToBeHiddenAsync();
        await Expect(page.Locator("#timeline li[data-type='accepted'][data-kind='charging']")).ToHaveCountAsync(1);
        await server.StepAsync(1);
        await Expect(page.Locator("#stops circle[data-accepted='true']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#route")).ToHaveAttributeAsync("data-through-charger", "true");
        var route = await server.GetJsonAsync("/api/route");
        Assert.Contains(route.GetProperty("features").EnumerateArray(), f =>
            f.GetProperty("properties").GetProperty("kind").GetString() == "charging_stop" && f.GetProperty("properties").GetProperty("accepted").GetBoolean());
        await cockpit.ScreenshotAsync("2-charging-stop-accepted");
        Assert.True(cockpit.Errors.Count == 0, "console errors: " + string.Join(" | ", cockpit.Errors));
    }

    [Fact]
    public async Task ChargingAlternative_PutsTheOtherChargerOnTheRoute()
    {
        Assert.SkipWhen(Cockpit.Missing is not null, Cockpit.Missing ?? "");
        using var dir = new TempDirectory();
        await using var server = await DemoServer.StartAsync(dir);
        await using var cockpit = await Cockpit.OpenAsync(server);
        var page = cockpit.Page;

        await server.StepAsync(4);
        var alternative = page.Locator("#alternatives button").First;
        await Expect(alternative).ToBeVisibleAsync();
        string action = (await alternative.GetAttributeAsync("data-action"))!;
        Assert.StartsWith("alt:", action);
        await alternative.ClickAsync();
        await Expect(page.Locator("#card")).ToBeHiddenAsync();
        await Expect(page.Locator("#timeline li[data-type='action'][data-kind='charging']")).ToHaveCountAsync(1);
        await server.StepAsync(1);
        await Expect(page.Locator($"#stops circle[data-accepted='true'][data-id='{action[4..]}']")).ToHaveCountAsync(1);
        Assert.True(cockpit.Errors.Count == 0, "console errors: " + string.Join(" | ", cockpit.Errors));
    }

    [Fact]
    public async Task DismissedCard_Disappears_AndDoesNotReturnWithinItsCooldown()
    {
        Assert.SkipWhen(Cockpit.Missing is not null, Cockpit.Missing ?? "");
        using var dir = new TempDirectory();
        await using var server = await DemoServer.StartAsync(dir);
        await using var cockpit = await Cockpit.OpenAsync(server);
        var page = cockpit.Page;

        await server.StepAsync(4);
        await Expect(page.Locator("#card")).ToHaveAttributeAsync("data-kind", "charging");
        await page.Locator("#dismiss").ClickAsync();
        await Expect(page.Locator("#timeline li[data-type='dismissed'][data-kind='charging']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#card")).ToBeHiddenAsync();

        // The charging trigger's cooldown is 120 s of drive (longer after a dismissal): step through most of it.
        for (int i = 0; i < 11; i++)
        {
            await server.StepAsync(10);
            // One read of the page, so a card that appears between two reads cannot pair its visibility with the old kind.
            string shown = await page.EvaluateAsync<string>("() => { const c = document.getElementById('card'); return c.hidden ? '' : c.dataset.kind; }");
            Assert.NotEqual("charging", shown);
        }
        await Expect(page.Locator("#drive-time")).ToHaveTextAsync(new Regex("^1:5"));
        await Expect(page.Locator("#timeline li[data-type='suggestion'][data-kind='charging']")).ToHaveCountAsync(1);
        Assert.True(cockpit.Errors.Count == 0, "console errors: " + string.Join(" | ", cockpit.Errors));
    }

    [Fact]
    public async Task RedLight_ShowsTheCountdownToGreen()
    {
        Assert.SkipWhen(Cockpit.Missing is not null, Cockpit.Missing ?? "");
        using var dir = new TempDirectory();
        await using var server = await DemoServer.StartAsync(dir);
        await using var cockpit = await Cockpit.OpenAsync(server);
        var page = cockpit.Page;

        // The bundled drive stops at a red light about 50 s in.
        await server.StepAsync(51);
        await Expect(page.Locator("#light")).ToHaveAttributeAsync("data-kind", "red");
        await Expect(page.Locator("#light-text")).ToHaveTextAsync(new Regex(@"^Green in \d+ s$"));
        // The night theme for this screenshot (the page starts from the local time, then the car's light sensor).
        if (await page.EvaluateAsync<string>("() => document.documentElement.dataset.theme") != "night") await page.Locator("#theme").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "night");
        await cockpit.ScreenshotAsync("3-red-light-countdown");
        Assert.True(cockpit.Errors.Count == 0, "console errors: " + string.Join(" | ", cockpit.Errors));
    }

    [Fact]
    public async Task WithoutWebSockets_ThePageFallsBackToServerSentEvents()
    {
        Assert.SkipWhen(Cockpit.Missing is not null, Cockpit.Missing ?? "");
        using var dir = new TempDirectory();
        await using var server = await DemoServer.StartAsync(dir);
        await using var cockpit = await Cockpit.OpenAsync(server, noWebSocket: true);
        var page = cockpit.Page;

        await server.StepAsync(4);
        await Expect(page.Locator("#card")).ToHaveAttributeAsync("data-kind", "charging");
        await page.Locator("#accept").ClickAsync();
        await Expect(page.Locator("#card")).ToBeHiddenAsync();
        Assert.True(cockpit.Errors.All(e => e.Contains("WebSocket", StringComparison.Ordinal)), "console errors: " + string.Join(" | ", cockpit.Errors));
    }

    [Fact]
    public async Task TypedQuestion_StreamsAnAnswer()
    {
        Assert.SkipWhen(Cockpit.Missing is not null, Cockpit.Missing ?? "");
        using var dir = new TempDirectory();
        await using var server = await DemoServer.StartAsync(dir);
        await using var cockpit = await Cockpit.OpenAsync(server);
        var page = cockpit.Page;

        await server.StepAsync(2);
        await page.Locator("#question").FillAsync("Where can I charge?");
        await page.Locator("#send").ClickAsync();
        await Expect(page.Locator("#answer")).ToHaveAttributeAsync("data-state", "done");
        await Expect(page.Locator("#answer")).ToContainTextAsync("kW");
        await Expect(page.Locator("#timeline li[data-type='answer']")).ToHaveCountAsync(1);
        Assert.True(cockpit.Errors.Count == 0, "console errors: " + string.Join(" | ", cockpit.Errors));
    }

    [Fact]
    public async Task StopButton_CancelsAStreamingAnswer()
    {
        Assert.SkipWhen(Cockpit.Missing is not null, Cockpit.Missing ?? "");
        using var dir = new TempDirectory();
        // The random-weight test model streams its full token budget: long enough to be stopped half-way.
        await using var server = await DemoServer.StartAsync(dir, "--model", TestModel.Folder());
        await using var cockpit = await Cockpit.OpenAsync(server);
        var page = cockpit.Page;

        await server.StepAsync(1);
        await page.Locator("#question").FillAsync("Tell me about the route");
        await page.Locator("#send").ClickAsync();
        await Expect(page.Locator("#answer")).ToHaveAttributeAsync("data-state", "streaming");
        await Expect(page.Locator("#answer")).Not.ToBeEmptyAsync();
        await page.Locator("#stop").ClickAsync();
        await Expect(page.Locator("#answer")).ToHaveAttributeAsync("data-state", "stopped");
        // The host stopped too: its answer event says interrupted, and the next question is taken.
        await Expect(page.Locator("#timeline li[data-type='answer']")).ToHaveCountAsync(1);
        var health = await server.GetJsonAsync("/api/health");
        Assert.Equal(JsonValueKind.Object, health.ValueKind);
        Assert.True(cockpit.Errors.Count == 0, "console errors: " + string.Join(" | ", cockpit.Errors));
    }

    [Fact]
    public async Task EveryControl_HasALabel_AndContrastIsAtLeast45InBothThemes()
    {
        Assert.SkipWhen(Cockpit.Missing is not null, Cockpit.Missing ?? "");
        string axe = AxeCore.Script();
        using var dir = new TempDirectory();
        await using var server = await DemoServer.StartAsync(dir);
        await using var cockpit = await Cockpit.OpenAsync(server, bypassCsp: true);
        var page = cockpit.Page;
        await server.StepAsync(4);
        await Expect(page.Locator("#card")).ToBeVisibleAsync();

        string aria = await page.Locator("body").AriaSnapshotAsync();
        var controls = aria.Split('\n').Where(l => ControlLine().IsMatch(l)).ToList();
        Assert.True(controls.Count >= 6, "controls in the ARIA snapshot:\n" + aria);
        Assert.All(controls, line => Assert.Matches(LabelledControl(), line));
        int visibleControls = await page.Locator("button:visible, input:visible, meter:visible").CountAsync();
        Assert.Equal(visibleControls, controls.Count);

        await page.AddScriptTagAsync(new() { Content = axe });
        foreach (string theme in new[] { "day", "night" })
        {
            await page.EvaluateAsync($"() => document.documentElement.dataset.theme = '{theme}'");
            var result = await page.EvaluateAsync<JsonElement>("async () => (await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] } }))");
            var violations = result.GetProperty("violations");
            Assert.True(violations.GetArrayLength() == 0, $"{theme}: {violations}");
            Assert.True(result.GetProperty("passes").GetArrayLength() > 0, $"{theme}: axe checked nothing");
        }
        Assert.True(cockpit.Errors.Count == 0, "console errors: " + string.Join(" | ", cockpit.Errors));
    }

    [GeneratedRegex(@"^\s*- '?(button|textbox|meter|checkbox|combobox|slider|link)\b")]
    private static partial Regex ControlLine();

    [GeneratedRegex(@"^\s*- '?\w+ ""[^""]+""")]
    private static partial Regex LabelledControl();
}
