using EdgeAI.Can.Dbc;

namespace EdgeAI.Can.Signals;

/// <summary>
/// The latest physical value and time of every signal of a DBC, updated frame by frame without allocating.
/// Multiplexed signals keep their last value while another multiplexer page is on the bus.
/// The vehicle-state fusion builds on this; the demo and the tools read it directly.
/// </summary>
public sealed class LatestSignalStore
{
    private readonly DbcDatabase _database;
    private readonly Dictionary<MessageDecoder, int> _messageIndex = new(ReferenceEqualityComparer.Instance);
    private readonly double[][] _values;
    private readonly long[][] _times;
    private readonly double[] _scratch;

    /// <summary>A store with room for every signal of every message of <paramref name="database"/>.</summary>
    public LatestSignalStore(DbcDatabase database)
    {
        _database = database;
        var decoders = database.Decoders;
        _values = new double[decoders.Count][];
        _times = new long[decoders.Count][];
        for (int i = 0; i < decoders.Count; i++)
        {
            _messageIndex[decoders[i]] = i;
            _values[i] = new double[decoders[i].SignalCount];
            Array.Fill(_values[i], double.NaN);
            _times[i] = new long[decoders[i].SignalCount];
        }
        _scratch = new double[Math.Max(database.MaxSignalCount, 1)];
    }

    /// <summary>Frames offered.</summary>
    public long Frames { get; private set; }

    /// <summary>Frames whose id the DBC describes.</summary>
    public long Decoded { get; private set; }

    /// <summary>The database the store decodes with.</summary>
    public DbcDatabase Database => _database;

    /// <summary>Decodes the frame into the store; false when the DBC lacks its id.</summary>
    public bool Update(in CanFrame frame)
    {
        Frames++;
        if (!_database.TryGetDecoder(in frame, out var decoder)) return false;
        Decoded++;
        int message = _messageIndex[decoder];
        var scratch = _scratch.AsSpan(0, decoder.SignalCount);
        decoder.Decode(in frame, scratch);
        var values = _values[message];
        var times = _times[message];
        for (int i = 0; i < scratch.Length; i++)
        {
            if (double.IsNaN(scratch[i])) continue;
            values[i] = scratch[i];
            times[i] = frame.TimestampNs;
        }
        return true;
    }

    /// <summary>Finds a signal by name (<c>Signal</c> or <c>Message.Signal</c>).</summary>
    public bool TryFind(string name, out SignalRef signal)
    {
        int dot = name.IndexOf('.');
        var decoders = _database.Decoders;
        for (int m = 0; m < decoders.Count; m++)
        {
            if (dot >= 0 && !decoders[m].Message.Name.AsSpan().SequenceEqual(name.AsSpan(0, dot))) continue;
            int index = decoders[m].IndexOf(dot >= 0 ? name[(dot + 1)..] : name);
            if (index >= 0) { signal = new SignalRef(m, index); return true; }
        }
        signal = default;
        return false;
    }

    /// <summary>Finds a signal or says which DBC lacks it.</summary>
    /// <exception cref="KeyNotFoundException">no such signal.</exception>
    public SignalRef Find(string name) =>
        TryFind(name, out var signal) ? signal : throw new KeyNotFoundException($"{_database.File.Name}: no signal '{name}'");

    /// <summary>Latest value; false until the signal has been seen.</summary>
    public bool TryGet(SignalRef signal, out double value)
    {
        value = _values[signal.Message][signal.Signal];
        return !double.IsNaN(value);
    }

    /// <summary>Latest value, or NaN before the signal has been seen.</summary>
    public double Get(SignalRef signal) => _values[signal.Message][signal.Signal];

    /// <summary>Time of the latest value (ns since the Unix epoch), 0 before it has been seen.</summary>
    public long TimeOf(SignalRef signal) => _times[signal.Message][signal.Signal];

    /// <summary>The value-table label of the latest value, if the DBC has one.</summary>
    public bool TryGetLabel(SignalRef signal, out string label)
    {
        double value = Get(signal);
        label = "";
        return !double.IsNaN(value) && _database.Decoders[signal.Message].TryGetLabel(signal.Signal, value, out label);
    }

    /// <summary>The signal's definition (name, unit, ...).</summary>
    public DbcSignal Definition(SignalRef signal) => _database.Decoders[signal.Message].Message.Signals[signal.Signal];
}
