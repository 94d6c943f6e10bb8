using System.CommandLine;
using System.Text.Json.Nodes;
using EdgeAI.Cli.Doctor;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// <c>edgeai doctor [--json]</c>: what this device offers (OS, CPU, SocketCAN and CAN interfaces, GPIO, cameras, audio,
/// OpenCV, GStreamer, ONNX Runtime and its execution providers, the model cache), each line ✔ / ! / ✘ with what to do.
/// It is a report: the exit code is 0 even when something is missing.
/// </summary>
public sealed class DoctorCommand : Command
{
    private readonly Option<bool> _json = new("--json") { Description = "one JSON document instead of lines" };

    public DoctorCommand() : base("doctor", "What this device offers for EdgeAI, and what to do about what is missing")
    {
        Options.Add(_json);
        SetAction(parse => CommandGuard.Run(parse, (stdout, _) => Execute(parse, stdout)));
    }

    /// <summary>Every probe, in report order; a new concern is a new probe class here.</summary>
    public static IReadOnlyList<IDoctorProbe> Probes() =>
        [new SystemProbe(), new SocketCanProbe(), new DeviceFilesProbe(), new NativeLibrariesProbe(), new OnnxRuntimeProbe(), new ModelCacheProbe(), new LlmProbe(), new HostProbe()];

    private int Execute(ParseResult parse, TextWriter stdout)
    {
        var checks = Probes().SelectMany(p => p.Run()).ToList();
        if (parse.GetValue(_json))
        {
            var list = new JsonArray();
            foreach (var c in checks)
                list.Add((JsonNode)new JsonObject { ["area"] = c.Area, ["status"] = c.Status.ToString().ToLowerInvariant(), ["detail"] = c.Detail, ["fix"] = c.Fix });
            stdout.WriteLine(new JsonObject { ["checks"] = list }.ToJsonString());
            return ExitCodes.Ok;
        }
        foreach (var c in checks)
            stdout.WriteLine($"{c.Mark} {c.Area,-20} {c.Detail}" + (c.Fix is null ? "" : $"\n  {"",-20} fix: {c.Fix}"));
        return ExitCodes.Ok;
    }
}
