using System.CommandLine;
using System.Text.Json;
using EdgeAI.Host.Configuration;
using EdgeAI.Host.Status;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// <c>edgeai status</c>: a running host's health, read from its status socket in the state folder: every stage's state,
/// items and time since its last beat, every channel's depth and drops. Exit 0 when healthy, 1 when not, 2 when no
/// host answers.
/// </summary>
public sealed class StatusCommand : Command
{
    private readonly Option<string> _state = new("--state") { Description = "the host's state folder (default $STATE_DIRECTORY or ~/.local/state/edgeai)" };
    private readonly Option<string> _socket = new("--socket") { Description = "the status socket (default: edgeai.sock in the state folder)" };
    private readonly Option<bool> _json = new("--json") { Description = "the report as one JSON line" };

    public StatusCommand() : base("status", "A running host's health (stages, channels, drops) from its local status socket")
    {
        foreach (var option in new Option[] { _state, _socket, _json }) Options.Add(option);
        SetAction((parse, cancellation) => CommandGuard.RunAsync(parse, (stdout, stderr) => ExecuteAsync(parse, stdout, cancellation)));
    }

    private async Task<int> ExecuteAsync(ParseResult parse, TextWriter stdout, CancellationToken cancellation)
    {
        string socket = parse.GetValue(_socket) ?? Path.Combine(new RunOptions { State = parse.GetValue(_state) }.StateFolder(), StatusServer.FileName);
        string report;
        try
        {
            report = await StatusServer.ReadAsync(socket, TimeSpan.FromSeconds(5), cancellation);
        }
        catch (IOException e)
        {
            throw new UsageException(e.Message);
        }
        using var document = JsonDocument.Parse(report);
        var root = document.RootElement;
        bool healthy = root.GetProperty("healthy").GetBoolean();
        if (parse.GetValue(_json))
        {
            stdout.WriteLine(report);
            return healthy ? ExitCodes.Ok : ExitCodes.Failed;
        }
        stdout.WriteLine($"edgeai host (pid {root.GetProperty("pid").GetInt32()}, up {root.GetProperty("uptime_s").GetDouble():0} s): {root.GetProperty("status").GetString()}");
        stdout.WriteLine($"{"stage",-10} {"state",-8} {"items",10} {"last beat",10}  detail");
        foreach (var s in root.GetProperty("stages").EnumerateArray())
            stdout.WriteLine($"{s.GetProperty("name").GetString(),-10} {s.GetProperty("state").GetString(),-8} {s.GetProperty("items").GetInt64(),10} {s.GetProperty("since_beat_ms").GetDouble(),8:0} ms  {(s.TryGetProperty("detail", out var d) ? d.GetString() : "")}");
        stdout.WriteLine($"{"channel",-10} {"policy",-12} {"depth",8} {"written",10} {"dropped",8}");
        foreach (var c in root.GetProperty("channels").EnumerateArray())
            stdout.WriteLine($"{c.GetProperty("name").GetString(),-10} {c.GetProperty("policy").GetString(),-12} {c.GetProperty("depth").GetInt32() + "/" + c.GetProperty("capacity").GetInt32(),8} {c.GetProperty("written").GetInt64(),10} {c.GetProperty("dropped").GetInt64(),8}");
        return healthy ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
