using System.Globalization;
using System.Text.Json;
using EdgeAI.Can;
using EdgeAI.Can.Dbc;
using EdgeAI.Fusion.E2E;

namespace EdgeAI.Cli.Input;

/// <summary>The end-to-end checks a signal map declares, run over a log's frames for <c>can stats --signals</c>.</summary>
internal sealed class E2EInput
{
    private readonly DbcDatabase _database;
    private readonly Dictionary<MessageDecoder, E2EChecker> _checkers = new(ReferenceEqualityComparer.Instance);

    private E2EInput(DbcDatabase database, IEnumerable<E2EChecker> checkers)
    {
        _database = database;
        foreach (var checker in checkers) _checkers[checker.Decoder] = checker;
    }

    public static E2EInput Load(string mapPath, TextWriter stderr)
    {
        var map = SignalMapInput.Load(mapPath, dbcOverride: null, stderr);
        var database = map.Database;
        if (map.E2E.Count == 0) stderr.WriteLine($"edgeai: warning: {mapPath}: declares no end-to-end protection");
        return new E2EInput(database, map.E2E.Select(d => new E2EChecker(database.GetDecoder(d.Message), d.ToSpec())));
    }

    public void Check(in CanFrame frame)
    {
        if (_database.TryGetDecoder(in frame, out var decoder) && _checkers.TryGetValue(decoder, out var checker)) checker.Check(in frame);
    }

    public void WriteText(TextWriter o)
    {
        o.WriteLine("end-to-end checks (all channels):");
        o.WriteLine("  message                algorithm        frames  checksum  counter repeats  counter jumps");
        foreach (var c in _checkers.Values)
            o.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-22} {1,-13} {2,9} {3,9} {4,16} {5,14}",
                c.Decoder.Message.Name, c.Spec.Algorithm, c.FramesChecked, c.ChecksumFailures, c.CounterRepeats, c.CounterJumps));
    }

    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartArray("e2e");
        foreach (var c in _checkers.Values)
        {
            w.WriteStartObject();
            w.WriteString("message", c.Decoder.Message.Name);
            w.WriteString("algorithm", c.Spec.Algorithm.ToString());
            w.WriteNumber("frames", c.FramesChecked);
            w.WriteNumber("checksum_failures", c.ChecksumFailures);
            w.WriteNumber("counter_repeats", c.CounterRepeats);
            w.WriteNumber("counter_jumps", c.CounterJumps);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
