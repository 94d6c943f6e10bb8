using EdgeAI.Cli.Commands;
using EdgeAI.Drivers.Simulated;

namespace EdgeAI.Cli.Input;

/// <summary>
/// An interface name that asks for the in-memory bus: <c>sim</c>, or <c>sim:</c> with comma-separated options —
/// <c>bitrate=500k</c> (frames take their bit time; instantaneous without), <c>dbitrate=2M</c> (CAN FD data phase),
/// <c>busoff=30s+2s</c> (the opened node goes bus-off 30 s after opening, for 2 s), <c>speed=10</c> (for
/// <c>can dump sim</c>: how fast the simulated car replays its drive; default 1).
/// </summary>
internal sealed record SimulatedBusSpec(string Text, double? BitRate, double? DataBitRate, TimeSpan? BusOffAfter, TimeSpan BusOffFor, double CarSpeed)
{
    private const string Expected = "'sim' or 'sim:' with options bitrate=500k, dbitrate=2M, busoff=30s+2s, speed=10";

    /// <summary>True when <paramref name="name"/> names the simulated bus.</summary>
    public static bool IsSimulated(string name) => name == "sim" || name.StartsWith("sim:", StringComparison.Ordinal);

    /// <summary>Parses <paramref name="name"/>; <paramref name="option"/> names the option in errors.</summary>
    public static SimulatedBusSpec Parse(string name, string option)
    {
        double? bitRate = null, dataBitRate = null;
        TimeSpan? busOffAfter = null;
        TimeSpan busOffFor = TimeSpan.Zero;
        double speed = 1;
        string options = name.Length > 4 ? name[4..] : "";
        foreach (var part in options.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=');
            string key = eq < 0 ? part : part[..eq], value = eq < 0 ? "" : part[(eq + 1)..];
            switch (key)
            {
                case "bitrate": bitRate = Input.BitRate.Parse(value, $"{option} {name}: bitrate"); break;
                case "dbitrate": dataBitRate = Input.BitRate.Parse(value, $"{option} {name}: dbitrate"); break;
                case "speed": speed = Durations.ParseSpeed(value, $"{option} {name}: speed", allowMax: false); break;
                case "busoff":
                    int plus = value.IndexOf('+');
                    if (plus < 0) throw new UsageException($"{option}: expected busoff=START+DURATION such as busoff=30s+2s, found '{part}'");
                    busOffAfter = Durations.Parse(value[..plus], $"{option} {name}: busoff start");
                    busOffFor = Durations.Parse(value[(plus + 1)..], $"{option} {name}: busoff duration");
                    if (busOffFor <= TimeSpan.Zero) throw new UsageException($"{option}: expected a bus-off duration above 0, found '{part}'");
                    break;
                default: throw new UsageException($"{option}: expected {Expected}, found '{name}'");
            }
        }
        return new SimulatedBusSpec(name, bitRate, dataBitRate, busOffAfter, busOffFor, speed);
    }

    /// <summary>Bus options for this spec.</summary>
    public SimulatedCanBusOptions BusOptions => new() { Name = "sim", BitRate = BitRate, DataBitRate = DataBitRate };
}
