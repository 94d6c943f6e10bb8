using System.Globalization;
using EdgeAI.Can;
using EdgeAI.Can.Dbc;
using EdgeAI.Can.Logs;
using EdgeAI.Fusion.E2E;
using EdgeAI.Fusion.Mapping;

namespace EdgeAI.Host.Hil;

/// <summary>
/// A CAN log as the faults of a HIL scenario leave it: frames in a bus-off window or of a message in its dropout
/// window are removed; frames of a message with a frozen counter keep the counter the window opened with (the checksum
/// recomputed, so only the counter is wrong); frames with a bad checksum carry a wrong checksum byte. Ends after the
/// scenario's <c>stop_after_s</c>. Counts what it read and removed, so that no frame goes missing unexplained.
/// </summary>
public sealed class FaultedCanReader : ICanLogReader
{
    private readonly ICanLogReader _inner;
    private readonly CanFaultWindow[] _faults;
    private readonly long _endNs;
    private long _startNs = long.MinValue;

    /// <summary>Wraps <paramref name="inner"/> with the CAN faults of <paramref name="scenario"/>; message faults are
    /// resolved against <paramref name="map"/>.</summary>
    /// <exception cref="HilScenarioException">a message the DBC lacks, or a counter/checksum fault on a message the
    /// signal map declares no E2E protection for.</exception>
    public FaultedCanReader(ICanLogReader inner, HilScenario scenario, SignalMap map)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(map);
        _faults = [.. scenario.Faults.Where(f => f.Kind is HilFaultKind.BusOff or HilFaultKind.Dropout or HilFaultKind.FrozenCounter or HilFaultKind.BadChecksum)
            .Select(f => Resolve(f, scenario, map))];
        _endNs = scenario.StopAfterS is { } stop ? (long)(stop * 1e9) : long.MaxValue;
    }

    /// <summary>Frames read from the log within the window.</summary>
    public long Read { get; private set; }

    /// <summary>Frames removed by bus-off and dropouts.</summary>
    public long Removed { get; private set; }

    /// <summary>Frames altered (frozen counter, bad checksum).</summary>
    public long Altered { get; private set; }

    /// <summary>Frames removed or altered per fault, in the scenario's order of CAN faults.</summary>
    public IEnumerable<(HilFault Fault, long Frames)> PerFault => _faults.Select(f => (f.Fault, f.Frames));

    /// <inheritdoc/>
    public CanChannelTable Channels => _inner.Channels;

    /// <inheritdoc/>
    public long SkippedRecords => _inner.SkippedRecords;

    /// <inheritdoc/>
    public long BadRecords => _inner.BadRecords;

    /// <inheritdoc/>
    public long Position => _inner.Position;

    /// <inheritdoc/>
    public bool TryRead(out CanFrame frame)
    {
        while (_inner.TryRead(out frame))
        {
            if (_startNs == long.MinValue) _startNs = frame.TimestampNs;
            long sinceStart = frame.TimestampNs - _startNs;
            if (sinceStart > _endNs) return false;
            Read++;
            bool removed = false;
            foreach (var fault in _faults)
            {
                if (!fault.Covers(sinceStart) || !fault.Concerns(in frame)) continue;
                if (fault.Fault.Kind is HilFaultKind.BusOff or HilFaultKind.Dropout) { removed = true; fault.Frames++; break; }
                frame = fault.Alter(in frame);
                Altered++;
            }
            if (!removed) return true;
            Removed++;
        }
        return false;
    }

    /// <inheritdoc/>
    public void Dispose() => _inner.Dispose();

    private static CanFaultWindow Resolve(HilFault fault, HilScenario scenario, SignalMap map)
    {
        if (fault.Kind == HilFaultKind.BusOff) return new CanFaultWindow(fault, null, null);
        var decoder = FindMessage(map.Database, fault.Message!)
            ?? throw scenario.Error(fault.Line, $"{fault.Name}: expected a message of {Path.GetFileName(map.DbcPath)} (name or id), found \"{fault.Message}\"");
        if (fault.Kind == HilFaultKind.Dropout) return new CanFaultWindow(fault, decoder, null);
        var declaration = map.E2E.FirstOrDefault(d => d.Message == decoder.Message.Name)
            ?? throw scenario.Error(fault.Line, $"{fault.Name}: expected an E2E-protected message of {Path.GetFileName(map.Path)} ({string.Join(", ", map.E2E.Select(d => d.Message))}), found {decoder.Message.Name}");
        if (fault.Kind == HilFaultKind.FrozenCounter && declaration.CounterSignal is null)
            throw scenario.Error(fault.Line, $"frozen_counter: {decoder.Message.Name} has no alive counter in {Path.GetFileName(map.Path)}");
        return new CanFaultWindow(fault, decoder, new E2EChecker(decoder, declaration.ToSpec()));
    }

    private static MessageDecoder? FindMessage(DbcDatabase database, string text)
    {
        if (database.TryGetDecoder(text, out var byName)) return byName;
        bool hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (!uint.TryParse(hex ? text[2..] : text, hex ? NumberStyles.HexNumber : NumberStyles.None, CultureInfo.InvariantCulture, out uint id)) return null;
        return database.Decoders.FirstOrDefault(d => d.Message.Id == id);
    }
}
