using System.Diagnostics;
using EdgeAI.TestKit;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace EdgeAI.Hmi.Tests;

/// <summary>
/// The cockpit page of a running <see cref="DemoServer"/> in Debian's chromium (Playwright through the executable path;
/// its own browser download cannot work here), opened with the printed one-time link. Console errors are collected.
/// </summary>
internal sealed class Cockpit : IAsyncDisposable
{
    /// <summary>Debian's chromium.</summary>
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>Why browser tests cannot run here, or null.</summary>
    public static string? Missing => File.Exists(Chromium) ? null : $"Debian's chromium is not installed ({Chromium}; apt-get install chromium, or scripts/deps.sh)";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IBrowserContext _context;

    private Cockpit(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        _context = context;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions on the page.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Opens the page of <paramref name="server"/>.</summary>
    /// <param name="server">The host.</param>
    /// <param name="bypassCsp">Let a test inject axe-core.</param>
    /// <param name="noWebSocket">Refuse the page's WebSocket (as a proxy that does not pass them would): the page must
    /// fall back to server-sent events.</param>
    public static async Task<Cockpit> OpenAsync(DemoServer server, bool bypassCsp = false, bool noWebSocket = false)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 }, BypassCSP = bypassCsp });
        context.SetDefaultTimeout((float)DemoServer.Patience.TotalMilliseconds);
        var page = await context.NewPageAsync();
        if (noWebSocket) await page.RouteWebSocketAsync(new Regex("/api/events"), ws => ws.CloseAsync());
        var cockpit = new Cockpit(playwright, browser, context, page);
        page.Console += (_, m) => { if (m.Type == "error") lock (cockpit.Errors) cockpit.Errors.Add(m.Text); };
        page.PageError += (_, e) => { lock (cockpit.Errors) cockpit.Errors.Add(e); };
        await page.GotoAsync(server.PageUrl);
        await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync(noWebSocket ? "live (SSE)" : "live");
        return cockpit;
    }

    /// <summary>Another page in the same browser context (it has the cookie already).</summary>
    public async Task<IPage> OpenAnotherAsync(DemoServer server)
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseUrl, "/").ToString());
        await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync("live");
        return page;
    }

    /// <summary>A screenshot under artifacts/hmi/ (the CI log shows them).</summary>
    public async Task ScreenshotAsync(string name)
    {
        string folder = RepoPaths.Get("artifacts", "hmi");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
