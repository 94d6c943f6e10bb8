using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using EdgeAI.TestKit;

namespace EdgeAI.Hmi.Tests;

/// <summary>
/// <c>GET /api/events</c> with many clients while the drive runs: a client that stops reading is dropped with a reason
/// and holds nobody else up.
/// </summary>
[Trait("Category", "Hmi")]
public sealed class EventStreamTests(ITestOutputHelper output)
{
    private const int Clients = 50;

    [Fact]
    public async Task FiftyClients_OneNotReading_OthersGetEveryEventInOrder_SlowOneClosedWithReason()
    {
        using var dir = new TempDirectory();
        await using var server = await DemoServer.StartAsync(dir);
        var ct = TestContext.Current.CancellationToken;
        var clock = Stopwatch.StartNew();

        using var slow = await SlowWebSocket.ConnectAsync(server.BaseUrl, server.Token);
        var readers = new List<EventReader>();
        for (int i = 0; i < Clients - 1; i++) readers.Add(await EventReader.ConnectAsync(server, clock, ct));
        var health = await server.GetJsonAsync("/api/health");
        Assert.Equal(Clients, health.GetProperty("hmi").GetProperty("clients").GetInt32());

        // Step the drive; after each step, wait until every reading client has everything published so far, so that only
        // the one that does not read can fall behind, however loaded this machine is.
        long dropped = 0, published = 0;
        double at = 0;
        for (int step = 0; step < 120 && dropped == 0; step++)
        {
            var state = await server.StepAsync(5);
            at = state.GetProperty("at_s").GetDouble();
            health = await server.GetJsonAsync("/api/health");
            published = health.GetProperty("hmi").GetProperty("published").GetInt64();
            dropped = health.GetProperty("hmi").GetProperty("dropped").GetInt64();
            var deadline = clock.Elapsed + DemoServer.Patience;
            while (readers.Any(r => r.Count < published) && clock.Elapsed < deadline) await Task.Delay(20, ct);
            if (state.GetProperty("ended").GetBoolean()) break;
        }
        Assert.True(dropped == 1, $"the client that does not read was not dropped by {at} s of drive ({published} events)");

        var reference = readers[0].Lines;
        Assert.True(reference.Count >= published, $"{reference.Count} of {published} events");
        Assert.Contains(reference, l => l.Contains("\"type\":\"suggestion\"", StringComparison.Ordinal));
        foreach (var reader in readers)
        {
            Assert.Null(reader.Closed);
            Assert.Equal(reference, reader.Lines);
        }
        // In order: the drive's times never go back.
        double last = -1;
        foreach (var line in reference)
        {
            double s = JsonDocument.Parse(line).RootElement.GetProperty("at_s").GetDouble();
            Assert.True(s >= last - 0.5, $"at_s {s} after {last}");
            last = Math.Max(last, s);
        }

        var (messages, status, reason) = await slow.ReadUntilClosedAsync(DemoServer.Patience);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.StartsWith("slow client", reason);
        Assert.Equal(reference.Take(messages.Count), messages);

        // Delay figures for docs/benchmarks.md: per event, the spread of arrival between the reading clients.
        var spreads = new List<double>();
        for (int i = 0; i < reference.Count; i++) spreads.Add((readers.Max(r => r.At[i]) - readers.Min(r => r.At[i])).TotalMilliseconds);
        spreads.Sort();
        output.WriteLine($"{Clients - 1} reading clients, {reference.Count} events over {at} s of drive; the one not reading was dropped after {messages.Count} events sent: '{reason}'");
        output.WriteLine($"arrival spread between clients per event: p50 {spreads[spreads.Count / 2]:0.0} ms, p99 {spreads[(int)(spreads.Count * 0.99)]:0.0} ms, max {spreads[^1]:0.0} ms");
        foreach (var reader in readers) reader.Dispose();

        // Every streamed event is a v1 envelope (docs/schemas/event.schema.json), checked by Debian's python3-jsonschema.
        string lines = dir.File("events.jsonl");
        File.WriteAllLines(lines, reference);
        var check = ExternalTool.RunRaw("/usr/bin/python3", ["-c",
            "import json,sys,jsonschema\nv=jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))\nbad=[(i,e.message) for i,l in enumerate(open(sys.argv[2])) for e in v.iter_errors(json.loads(l))]\nprint(bad[:5]); sys.exit(1 if bad else 0)",
            RepoPaths.Get("docs", "schemas", "event.schema.json"), lines]);
        Assert.True(check.ExitCode == 0, "events off the schema: " + check.StdOut + check.StdErr);
    }
}
