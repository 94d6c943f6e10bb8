using System.Diagnostics;
using System.Text;
using System.Text.Json;
using EdgeAI.TestKit;

namespace EdgeAI.Services.Tests.OpeningHours;

/// <summary>
/// The reference evaluator, opening_hours.js (tools/peers/opening_hours/evaluate.js), run once by node for a whole batch
/// of rules and moments. Moments are local wall-clock times passed as text; node runs with TZ=UTC so none is moved by DST.
/// </summary>
internal static class OpeningHoursPeer
{
    public static string Folder => RepoPaths.Get("tools", "peers", "opening_hours");

    /// <summary>Null when node and the installed peer are there; otherwise why not and what to run.</summary>
    public static string? MissingReason
    {
        get
        {
            if (ExternalTool.MissingProgramReason("node", "nodejs") is { } node) return node + "; run ./test.sh";
            if (!Directory.Exists(Path.Combine(Folder, "node_modules", "opening_hours")))
                return $"the opening_hours.js peer is not installed in {Folder}/node_modules: run ./test.sh (scripts/deps.sh ensure_npm_peers)";
            return null;
        }
    }

    /// <summary>One answer per request: the states at its moments ("open", "closed", "unknown"), or the peer's parse error.</summary>
    public static List<(string[]? States, string? Error)> Evaluate(IReadOnlyList<(string Rule, DateTime[] At)> requests)
    {
        var input = new StringBuilder();
        foreach (var (rule, at) in requests)
        {
            var moments = new string[at.Length];
            for (var i = 0; i < at.Length; i++) moments[i] = at[i].ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            input.Append(JsonSerializer.Serialize(new Dictionary<string, object> { ["rule"] = rule, ["at"] = moments })).Append('\n');
        }
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        info.ArgumentList.Add("evaluate.js");
        info.Environment["TZ"] = "UTC";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input.ToString());
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("node evaluate.js did not finish in two minutes");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"node evaluate.js exited {process.ExitCode}: {stderr.Result}");

        var answers = new List<(string[]?, string?)>(requests.Count);
        foreach (var line in stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.TryGetProperty("error", out var error)) answers.Add((null, error.GetString()));
            else answers.Add(([.. doc.RootElement.GetProperty("states").EnumerateArray().Select(s => s.GetString()!)], null));
        }
        if (answers.Count != requests.Count) throw new InvalidOperationException($"node answered {answers.Count} lines for {requests.Count} rules: {stderr.Result}");
        return answers;
    }
}
