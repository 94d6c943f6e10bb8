using System.Globalization;
using EdgeAI.Assistant.Drive;
using EdgeAI.Can.Logs;
using EdgeAI.Cli.Commands;
using EdgeAI.Cli.Demo;
using EdgeAI.Host.Configuration;
using EdgeAI.Host.Hmi;
using EdgeAI.Llm.Fallback;

namespace EdgeAI.Cli.Hmi;

/// <summary>
/// <c>edgeai demo --serve [PORT]</c>: the demo's drive with the HMI in front of it. The clock is the HMI's (pause, step,
/// speed: <c>POST /api/clock</c>), the occupant is whoever uses the page (the scenario's scripted actions and questions
/// are not played), and after the drive the host keeps serving until Ctrl+C.
/// </summary>
internal sealed class DemoServe(int port, bool paused, string stateFolder)
{
    /// <summary>The port when <c>--serve</c> names none.</summary>
    public const int DefaultPort = 7070;

    /// <summary>Seconds of drive between two context events (the car's position on the map).</summary>
    public const double ContextEveryS = 0.5;

    /// <summary>The serve options, or null without <c>--serve</c>.</summary>
    /// <exception cref="UsageException">a port that is not one, or <c>--paused</c>/<c>--state</c> without <c>--serve</c>.</exception>
    public static DemoServe? Parse(bool present, string? portText, bool paused, string? state)
    {
        if (!present)
        {
            if (paused) throw new UsageException("--paused: only with --serve");
            return null;
        }
        return new DemoServe(ParsePort(portText, "--serve"), paused, state ?? new RunOptions().StateFolder());
    }

    /// <summary>The port of <c>--serve [PORT]</c>: <see cref="DefaultPort"/> when none is named.</summary>
    /// <exception cref="UsageException">not a port.</exception>
    public static int ParsePort(string? text, string option)
    {
        if (text is null) return DefaultPort;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
            throw new UsageException($"{option}: expected a TCP port from 0 to 65535, found '{text}'");
        return port;
    }

    /// <summary>Serves the HMI and plays <paramref name="drive"/> on its clock until the end, then serves until cancelled.</summary>
    public async Task RunAsync(ScenarioPipeline pipeline, AssistantDrive drive, DemoWords words, double speed, ICanLogReader reader, long fromNs, double fromS,
        DriveDashboard dashboard, IDemoView view, TextWriter stderr, CancellationToken cancellation)
    {
        drive.Ticker.Occupant = [];
        var tools = pipeline.ToolsFor(drive);
        var (chat, isModel) = words.Answers is { } answers ? answers(tools) : (new TemplateResponder(tools), false);
        try
        {
            var hub = new EventHub();
            var clock = new HmiClock(TimeProvider.System, speed, paused);
            var source = new DemoHmiSource(drive, hub, chat, isModel, clock, ContextEveryS);
            await using var server = await HmiServer.StartAsync(new HmiOptions { Port = port, StateFolder = stateFolder }, source, hub, cancellation);
            stderr.WriteLine($"edgeai demo: the cockpit is at {server.PageUrl}");
            stderr.WriteLine($"edgeai demo: that link works once (it sets a cookie); API clients send the token in {Path.Combine(stateFolder, HmiToken.FileName)} as 'Authorization: Bearer TOKEN'; Ctrl+C stops");
            stderr.Flush();
            await drive.RunAsync(reader,
                (frameNs, ct) => frameNs < fromNs ? ValueTask.CompletedTask : source.PaceAsync(frameNs, ct),
                e => { dashboard.Add(e); view.OnEvent(e, dashboard); source.OnEvent(e); },
                () => { dashboard.Observe(in drive.LastFrame); if (dashboard.Seconds >= fromS) view.Update(dashboard); source.OnFrame(); },
                cancellation);
            view.Finish(dashboard);
            if (!cancellation.IsCancellationRequested) stderr.WriteLine("edgeai demo: the drive has ended; still serving (Ctrl+C stops)");
            await source.ServeAfterDriveAsync(dashboard.Summary() + "; " + dashboard.AssistantSummary(), cancellation);
        }
        finally
        {
            (chat as IDisposable)?.Dispose();
        }
    }
}
