using System.Text.Json;
using EdgeAI.Host.Configuration;
using EdgeAI.Host.Status;

namespace EdgeAI.Cli.Doctor;

/// <summary>
/// A running <c>edgeai run</c> on this device, asked through its status socket (default state folder, or the one
/// <c>EDGEAI__Run__State</c> names): healthy, unhealthy (which stage), or running degraded (e.g. templates because the
/// model failed to load). No host running is fine: most machines run commands, not the service.
/// </summary>
public sealed class HostProbe(string? stateFolder = null) : IDoctorProbe
{
    /// <inheritdoc/>
    public IEnumerable<DoctorCheck> Run()
    {
        yield return Check();
    }

    private DoctorCheck Check()
    {
        string socket = Path.Combine(stateFolder ?? new RunOptions { State = Environment.GetEnvironmentVariable("EDGEAI__Run__State") }.StateFolder(), StatusServer.FileName);
        if (!File.Exists(socket)) return new DoctorCheck("Host", DoctorStatus.Ok, $"no edgeai run host here ({socket} absent)");
        string report;
        try
        {
            report = StatusServer.ReadAsync(socket, TimeSpan.FromSeconds(2)).GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            return new DoctorCheck("Host", DoctorStatus.Warning, e.Message, "a host that died leaves its socket: systemctl status edgeai");
        }
        using var document = JsonDocument.Parse(report);
        var root = document.RootElement;
        int pid = root.GetProperty("pid").GetInt32();
        var notes = root.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).OfType<string>().ToList();
        if (!root.GetProperty("healthy").GetBoolean())
            return new DoctorCheck("Host", DoctorStatus.Missing, $"edgeai run (pid {pid}) is unhealthy: {root.GetProperty("reason").GetString()}", "edgeai status shows each stage; journalctl -u edgeai has its log");
        if (notes.Count > 0)
            return new DoctorCheck("Host", DoctorStatus.Warning, $"edgeai run (pid {pid}) runs degraded: {string.Join("; ", notes)}", "edgeai status; for a model folder, edgeai chat --model DIR says why it does not load");
        return new DoctorCheck("Host", DoctorStatus.Ok, $"edgeai run (pid {pid}): {root.GetProperty("status").GetString()}");
    }
}
