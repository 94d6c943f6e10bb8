using EdgeAI.Assistant.Drive;
using EdgeAI.Assistant.Engine;
using EdgeAI.Cli.Demo;
using EdgeAI.Host.Configuration;
using EdgeAI.Host.Health;
using EdgeAI.Host.Hmi;
using EdgeAI.Llm.Fallback;

namespace EdgeAI.Cli.Hmi;

/// <summary><c>edgeai run --serve</c> (<c>Run:Serve</c>): starts the HMI in front of the production host.</summary>
internal sealed class HostServe : IAsyncDisposable
{
    private readonly HmiServer _server;
    private readonly HostHmiSource _source;

    private HostServe(HmiServer server, HostHmiSource source)
    {
        _server = server;
        _source = source;
    }

    public static async Task<HostServe> StartAsync(RunOptions options, string stateFolder, ScenarioPipeline pipeline, AssistantDrive drive,
        SnapshotContextReader reader, PipelineHealth health, EventHub hub, DemoWords words, TextWriter stderr, CancellationToken cancellation)
    {
        var tools = pipeline.ToolsFor(drive, reader);
        var (chat, isModel) = words.Answers is { } answers ? answers(tools) : (new TemplateResponder(tools), false);
        var source = new HostHmiSource(drive, reader, health, hub, chat, isModel);
        var hmi = new HmiOptions { Port = options.Serve ?? DemoServe.DefaultPort, UnixSocket = options.ServeSocket, StateFolder = stateFolder, RequestsPerSecond = options.ServeRequestsPerSecond };
        foreach (var origin in (options.ServeOrigins ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || origin.EndsWith('/'))
                throw new Commands.UsageException($"Run:ServeOrigins: expected origins like https://hu.local or http://10.0.0.2:8080, comma-separated, found '{origin}'");
            hmi.AllowedOrigins.Add(origin);
        }
        var server = await HmiServer.StartAsync(hmi, source, hub, cancellation);
        source.Start(TimeSpan.FromMilliseconds(500), TimeProvider.System);
        stderr.WriteLine($"edgeai run: the cockpit is at {server.PageUrl}");
        stderr.WriteLine($"edgeai run: that link works once (it sets a cookie); API clients send the token in {Path.Combine(stateFolder, HmiToken.FileName)} as 'Authorization: Bearer TOKEN'");
        return new HostServe(server, source);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _source.Dispose();
    }
}
