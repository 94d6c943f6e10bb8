using EdgeAI.Can;
using EdgeAI.Can.Dbc;
using EdgeAI.Fusion.Derived;
using EdgeAI.Fusion.E2E;
using EdgeAI.Fusion.Mapping;
using EdgeAI.Sensors;

namespace EdgeAI.Fusion.Context;

/// <summary>
/// What is true about the car right now, and how sure we are: the latest value of every key of a signal map, plus the
/// GPS, cabin-sensor and driver-monitor keys and the derived state (<see cref="Drive"/>), each with its time, age and
/// quality. One writer thread feeds it (<see cref="Apply(in CanFrame)"/> and friends, 0 B allocated per frame in steady
/// state); other threads read immutable <see cref="ContextSnapshot"/>s.
/// </summary>
public sealed class VehicleContext
{
    /// <summary>How long a GPS fix keeps the CAN position out of the location keys.</summary>
    public static readonly long GpsPreferredForNs = 2_000_000_000;

    private readonly DbcDatabase _database;
    private readonly Dictionary<MessageDecoder, int> _messageIndex = new(ReferenceEqualityComparer.Instance);
    private readonly int[][] _keysOfMessage;     // per message: the key indices it feeds
    private readonly int[][] _signalsOfMessage;  // per message: the signal index feeding each of those keys
    private readonly SignalMapEntry?[] _entries; // per key: its map entry (null for built-in keys)
    private readonly bool[] _isLocation;
    private readonly double[] _scratch;
    private readonly ContextKey[] _keys;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly double[] _values;
    private readonly long[] _times;
    private readonly KeySource[] _sources;
    private readonly bool[] _e2eFailed;
    private readonly long[] _messageFrames;
    private readonly E2EChecker?[] _checkers;  // per message: its end-to-end check, when the map declares one
    private long _gpsFreshUntilNs = long.MinValue;

    /// <summary>Builds the context of <paramref name="map"/> over the DBC it was checked against.</summary>
    public VehicleContext(SignalMap map, TimeZoneInfo? timeZone = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        Map = map;
        var database = map.Database;
        _database = database;
        var keys = new List<ContextKey>();
        var entries = new List<SignalMapEntry?>();
        foreach (var entry in map.Entries)
        {
            keys.Add(new ContextKey(entry.Key, entry.Kind, entry.Unit, entry.StaleAfterNs, entry.Labels, entry.Minimum, entry.Maximum));
            entries.Add(entry);
        }
        foreach (var key in BuiltInKeys())
        {
            if (keys.Any(k => k.Name == key.Name)) continue; // the map feeds it from CAN (e.g. the position): GPS shares the key
            keys.Add(key);
            entries.Add(null);
        }
        _keys = [.. keys];
        _entries = [.. entries];
        for (int i = 0; i < _keys.Length; i++) _index[_keys[i].Name] = i;
        _values = new double[_keys.Length];
        Array.Fill(_values, double.NaN);
        _times = new long[_keys.Length];
        _sources = new KeySource[_keys.Length];
        _e2eFailed = new bool[_keys.Length];
        _isLocation = [.. _keys.Select(k => k.Name is ContextKeys.Latitude or ContextKeys.Longitude)];

        var decoders = database.Decoders;
        _keysOfMessage = new int[decoders.Count][];
        _signalsOfMessage = new int[decoders.Count][];
        _messageFrames = new long[decoders.Count];
        _checkers = new E2EChecker?[decoders.Count];
        for (int m = 0; m < decoders.Count; m++)
        {
            _messageIndex[decoders[m]] = m;
            var fed = new List<(int Key, int Signal)>();
            for (int k = 0; k < _entries.Length; k++)
                if (_entries[k] is { } e && e.Message == decoders[m].Message.Name) fed.Add((k, decoders[m].IndexOf(e.Signal)));
            _keysOfMessage[m] = [.. fed.Select(f => f.Key)];
            _signalsOfMessage[m] = [.. fed.Select(f => f.Signal)];
        }
        foreach (var declaration in map.E2E)
            if (database.TryGetDecoder(declaration.Message, out var protectedMessage))
                _checkers[_messageIndex[protectedMessage]] = new E2EChecker(protectedMessage, declaration.ToSpec());
        _scratch = new double[Math.Max(database.MaxSignalCount, 1)];
        Drive = new DriveObserver(this, timeZone ?? TimeZoneInfo.Utc);
    }

    /// <summary>The signal map.</summary>
    public SignalMap Map { get; }

    /// <summary>Every key, map keys first in file order, then the built-in and derived keys.</summary>
    public IReadOnlyList<ContextKey> Keys => _keys;

    /// <summary>The derived state: drive phase, trip, manoeuvres, events, workload, environment.</summary>
    public DriveObserver Drive { get; }

    /// <summary>The newest time any input carried (ns since the Unix epoch), the "now" of a replay.</summary>
    public long LatestNs { get; private set; }

    /// <summary>Frames offered.</summary>
    public long Frames { get; private set; }

    /// <summary>Frames whose id the DBC describes.</summary>
    public long Decoded { get; private set; }

    /// <summary>Frames of messages the map uses, applied.</summary>
    public long Applied { get; private set; }

    /// <summary>Frames refused by their end-to-end check (not applied).</summary>
    public long E2EFailures { get; private set; }

    /// <summary>The end-to-end checkers of the protected messages, with their counts.</summary>
    public IEnumerable<E2EChecker> E2ECheckers => _checkers.OfType<E2EChecker>();

    /// <summary>CAN position values not applied because a fresh GPS fix was preferred.</summary>
    public long CanPositionsSkipped { get; private set; }

    /// <summary>The index of a key, or -1 when the context has no such key.</summary>
    public int IndexOf(string key) => _index.TryGetValue(key, out int i) ? i : -1;

    /// <summary>The latest value of key <paramref name="key"/> as it stands at <paramref name="nowNs"/>.</summary>
    public ContextReading Read(int key, long nowNs)
    {
        long time = _times[key];
        double value = _values[key];
        if (time == 0 && double.IsNaN(value)) return new ContextReading(double.NaN, 0, 0, ContextQuality.NeverSeen, _sources[key]);
        long age = Math.Max(0, nowNs - time);
        var quality = _e2eFailed[key] ? ContextQuality.E2EFailed
            : _keys[key].IsImplausible(value) ? ContextQuality.Implausible
            : age > _keys[key].StaleAfterNs ? ContextQuality.Stale
            : ContextQuality.Valid;
        return new ContextReading(value, time, age, quality, _sources[key]);
    }

    /// <summary>The latest value of a key at <see cref="LatestNs"/>.</summary>
    /// <exception cref="KeyNotFoundException">no such key.</exception>
    public ContextReading Read(string key) =>
        Read(IndexOf(key) is >= 0 and var i ? i : throw new KeyNotFoundException($"the context has no key {key}"), LatestNs);

    /// <summary>Applies one CAN frame: decodes it when the map uses its message, converts, checks plausibility, then
    /// updates the derived state. Returns false for frames of messages the map does not use.</summary>
    public bool Apply(in CanFrame frame)
    {
        Frames++;
        Advance(frame.TimestampNs);
        if (!_database.TryGetDecoder(in frame, out var decoder)) { Drive.Update(frame.TimestampNs); return false; }
        Decoded++;
        int m = _messageIndex[decoder];
        int[] keys = _keysOfMessage[m];
        if (_checkers[m] is { } checker && checker.Check(in frame) is not (E2EStatus.Ok or E2EStatus.Initial))
        {
            // Not applied: the keys keep their last good value and say why.
            E2EFailures++;
            MarkE2EFailed(m);
            Drive.Update(frame.TimestampNs);
            return false;
        }
        if (keys.Length == 0) { Drive.Update(frame.TimestampNs); return false; }
        _messageFrames[m]++;
        Applied++;
        var scratch = _scratch.AsSpan(0, decoder.SignalCount);
        decoder.Decode(in frame, scratch);
        int[] signals = _signalsOfMessage[m];
        for (int i = 0; i < keys.Length; i++)
        {
            double raw = scratch[signals[i]];
            if (double.IsNaN(raw)) continue; // a multiplexed signal of another page
            int k = keys[i];
            if (_isLocation[k] && frame.TimestampNs <= _gpsFreshUntilNs) { CanPositionsSkipped++; continue; }
            Set(k, Convert(_entries[k]!, raw), frame.TimestampNs, KeySource.Can);
        }
        Drive.Update(frame.TimestampNs);
        return true;
    }

    /// <summary>Applies a GPS fix: position, altitude, heading, speed, quality, HDOP and satellites. A fix without a
    /// position updates only its quality.</summary>
    public void Apply(in GpsFix fix)
    {
        Advance(fix.TimestampNs);
        long t = fix.TimestampNs;
        Set(ContextKeys.GpsQuality, (int)fix.Quality, t, KeySource.Gps);
        if (!fix.HasPosition) { Drive.Update(t); return; }
        _gpsFreshUntilNs = t + GpsPreferredForNs;
        Set(ContextKeys.Latitude, fix.Latitude, t, KeySource.Gps);
        Set(ContextKeys.Longitude, fix.Longitude, t, KeySource.Gps);
        if (double.IsFinite(fix.AltitudeM)) Set(ContextKeys.Altitude, fix.AltitudeM, t, KeySource.Gps);
        if (double.IsFinite(fix.HeadingDeg)) Set(ContextKeys.Heading, fix.HeadingDeg, t, KeySource.Gps);
        if (double.IsFinite(fix.SpeedMps)) Set(ContextKeys.GpsSpeed, fix.SpeedMps * 3.6, t, KeySource.Gps);
        if (double.IsFinite(fix.Hdop)) Set(ContextKeys.GpsHdop, fix.Hdop, t, KeySource.Gps);
        if (fix.Satellites >= 0) Set(ContextKeys.GpsSatellites, fix.Satellites, t, KeySource.Gps);
        Drive.Update(t);
    }

    /// <summary>Applies a cabin climate reading.</summary>
    public void Apply(in CabinClimateReading reading)
    {
        Advance(reading.TimestampNs);
        long t = reading.TimestampNs;
        if (double.IsFinite(reading.TemperatureC)) Set(ContextKeys.SensorCabinTemperature, reading.TemperatureC, t, KeySource.Sensor);
        if (double.IsFinite(reading.RelativeHumidityPercent)) Set(ContextKeys.SensorCabinHumidity, reading.RelativeHumidityPercent, t, KeySource.Sensor);
        if (double.IsFinite(reading.PressureHpa)) Set(ContextKeys.SensorCabinPressure, reading.PressureHpa, t, KeySource.Sensor);
        Drive.Update(t);
    }

    /// <summary>Applies the driver monitor's status.</summary>
    /// <param name="timeNs">When the camera frame was taken (ns since the Unix epoch).</param>
    /// <param name="attention">The alert level.</param>
    /// <param name="awareness">Awareness 0..1 (1 = fully aware).</param>
    public void ApplyAttention(long timeNs, DriverAttention attention, double awareness)
    {
        Advance(timeNs);
        Set(ContextKeys.Attention, (int)attention, timeNs, KeySource.Camera);
        Set(ContextKeys.Awareness, awareness, timeNs, KeySource.Camera);
        Drive.Update(timeNs);
    }

    /// <summary>An immutable copy of every key as it stands at <paramref name="nowNs"/> (allocates; take it at the
    /// publishing rate, not per frame).</summary>
    public ContextSnapshot Snapshot(long nowNs)
    {
        var entries = new ContextEntry[_keys.Length];
        for (int k = 0; k < _keys.Length; k++)
        {
            var reading = Read(k, nowNs);
            entries[k] = new ContextEntry(_keys[k], reading, _keys[k].LabelOf(reading.Value));
        }
        return new ContextSnapshot(nowNs, entries, [.. Drive.Events]);
    }

    /// <summary>A snapshot at <see cref="LatestNs"/>.</summary>
    public ContextSnapshot Snapshot() => Snapshot(LatestNs);

    /// <summary>Frames applied per message the map uses (message name, frames).</summary>
    public IEnumerable<(string Message, long Frames)> MessageFrames()
    {
        for (int m = 0; m < _messageFrames.Length; m++)
            if (_keysOfMessage[m].Length > 0) yield return (_database.Decoders[m].Message.Name, _messageFrames[m]);
    }

    /// <summary>Sets a key by index (the derived state writes through this).</summary>
    internal void Set(int key, double value, long timeNs, KeySource source)
    {
        _values[key] = value;
        _times[key] = timeNs;
        _sources[key] = source;
        _e2eFailed[key] = false;
    }

    /// <summary>The raw stored value of a key (NaN when never seen), for the derived state.</summary>
    internal double Value(int key) => key < 0 ? double.NaN : _values[key];

    /// <summary>Marks the keys of a message whose latest frame failed its end-to-end check.</summary>
    internal void MarkE2EFailed(int message)
    {
        foreach (int k in _keysOfMessage[message]) _e2eFailed[k] = true;
    }

    private void Set(string key, double value, long timeNs, KeySource source) => Set(_index[key], value, timeNs, source);

    private void Advance(long timeNs)
    {
        if (timeNs > LatestNs) LatestNs = timeNs;
    }

    private static double Convert(SignalMapEntry entry, double raw)
    {
        switch (entry.Kind)
        {
            case KeyKind.Bool:
                var truths = entry.TrueValues;
                if (truths.Count == 0) return raw != 0 ? 1 : 0;
                for (int i = 0; i < truths.Count; i++) if (truths[i] == raw) return 1;
                return 0;
            case KeyKind.Enum:
                return raw;
            default:
                return raw * entry.Scale + entry.Offset;
        }
    }

    private static IEnumerable<ContextKey> BuiltInKeys()
    {
        const long gps = 3_000_000_000, sensor = 10_000_000_000, camera = 2_000_000_000, never = long.MaxValue;
        var none = new Dictionary<long, string>();
        yield return new ContextKey(ContextKeys.Latitude, KeyKind.Number, "deg", gps, none, -90, 90);
        yield return new ContextKey(ContextKeys.Longitude, KeyKind.Number, "deg", gps, none, -180, 180);
        yield return new ContextKey(ContextKeys.Altitude, KeyKind.Number, "m", gps, none, -500, 9000);
        yield return new ContextKey(ContextKeys.Heading, KeyKind.Number, "deg", gps, none, 0, 360);
        yield return new ContextKey(ContextKeys.GpsSpeed, KeyKind.Number, "km/h", gps, none, 0, 400);
        yield return new ContextKey(ContextKeys.GpsQuality, KeyKind.Enum, "", gps, Enum.GetValues<GpsFixQuality>().ToDictionary(q => (long)q, q => q.ToString()));
        yield return new ContextKey(ContextKeys.GpsHdop, KeyKind.Number, "", gps, none, 0, 100);
        yield return new ContextKey(ContextKeys.GpsSatellites, KeyKind.Number, "", gps, none, 0, 200);
        yield return new ContextKey(ContextKeys.SensorCabinTemperature, KeyKind.Number, "degC", sensor, none, -40, 85);
        yield return new ContextKey(ContextKeys.SensorCabinHumidity, KeyKind.Number, "%", sensor, none, 0, 100);
        yield return new ContextKey(ContextKeys.SensorCabinPressure, KeyKind.Number, "hPa", sensor, none, 300, 1100);
        yield return new ContextKey(ContextKeys.Attention, KeyKind.Enum, "", camera, Enum.GetValues<DriverAttention>().ToDictionary(a => (long)a, a => a.ToString()));
        yield return new ContextKey(ContextKeys.Awareness, KeyKind.Number, "", camera, none, 0, 1);
        foreach (var key in DriveObserver.Keys(never)) yield return key;
    }
}
