using EdgeAI.Can.Dbc;
using EdgeAI.Can.Logs;
using EdgeAI.Can.Signals;

namespace EdgeAI.Llm.Vehicle;

/// <summary>
/// What the assistant's tools know about the car: the latest value of each DBC signal (a <see cref="LatestSignalStore"/>)
/// with its age against a clock. For now it is filled by replaying a recorded drive (<see cref="FromDrive"/>); full
/// sensor fusion comes later. Getters return null for a signal never seen, and <see cref="WhyUnavailable"/> says why.
/// </summary>
public sealed class VehicleStateStore
{
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, SignalRef?> _refs = new(StringComparer.Ordinal);

    /// <summary>Reads <paramref name="signals"/>; ages are measured against <paramref name="clock"/>
    /// (its UTC time must be on the same clock as the frames' timestamps, ns since the Unix epoch).</summary>
    public VehicleStateStore(LatestSignalStore signals, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(clock);
        Signals = signals;
        _clock = clock;
    }

    /// <summary>The latest-value store underneath.</summary>
    public LatestSignalStore Signals { get; }

    /// <summary>The store's "now" in ns since the Unix epoch, from its clock.</summary>
    public long NowNs => (_clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;

    /// <summary>
    /// Replays a log (any format <see cref="CanLogFiles"/> opens) through a DBC, streaming in constant memory, from its
    /// first frame up to and including <paramref name="at"/> after it. "Now" is then the first frame's time plus
    /// <paramref name="at"/>, so ages read as they would have in the car at that moment.
    /// </summary>
    /// <exception cref="FileNotFoundException">the log or the DBC does not exist.</exception>
    /// <exception cref="DbcFormatException">the DBC is not valid (names file and line).</exception>
    /// <exception cref="CanLogFormatException">the log is corrupt or has an unknown extension (names file and line).</exception>
    public static VehicleStateStore FromDrive(string logPath, string dbcPath, TimeSpan at)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(at, TimeSpan.Zero);
        var store = new LatestSignalStore(DbcDatabase.Load(dbcPath));
        long start = 0;
        long endNs = 0;
        using (var reader = CanLogFiles.OpenReader(logPath))
        {
            bool first = true;
            while (reader.TryRead(out var frame))
            {
                if (first)
                {
                    start = frame.TimestampNs;
                    endNs = start + at.Ticks * 100;
                    first = false;
                }
                if (frame.TimestampNs > endNs) break;
                store.Update(in frame);
            }
        }
        var now = DateTimeOffset.UnixEpoch.AddTicks((start + at.Ticks * 100) / 100);
        return new VehicleStateStore(store, new PinnedClock(now));
    }

    /// <summary>The latest reading of a signal (<c>Message.Signal</c>), or null when it was never seen or the DBC
    /// lacks it.</summary>
    public SignalReading? Read(string name)
    {
        if (Resolve(name) is not { } signal || !Signals.TryGet(signal, out double value)) return null;
        long time = Signals.TimeOf(signal);
        string? label = Signals.TryGetLabel(signal, out var text) ? text : null;
        return new SignalReading(value, time, TimeSpan.FromTicks(Math.Max(0, NowNs - time) / 100), label);
    }

    /// <summary>Why <see cref="Read"/> gives null for a signal (null when it has a value).</summary>
    public string? WhyUnavailable(string name)
    {
        if (Resolve(name) is not { } signal)
            return $"{Path.GetFileName(Signals.Database.File.Name)} has no signal {name}";
        if (Signals.TryGet(signal, out _)) return null;
        int dot = name.IndexOf('.');
        return $"no {(dot > 0 ? name[..dot] : name)} frame received yet";
    }

    /// <summary>Vehicle speed in km/h.</summary>
    public SignalReading? Speed => Read(VehicleSignals.Speed);

    /// <summary>Gear position (label P, R, N, D or Invalid).</summary>
    public SignalReading? Gear => Read(VehicleSignals.Gear);

    /// <summary>Drive mode (label Comfort, Eco, Sport, Snow or Invalid).</summary>
    public SignalReading? DriveMode => Read(VehicleSignals.DriveMode);

    /// <summary>Ready to drive (1 = ready).</summary>
    public SignalReading? ReadyToDrive => Read(VehicleSignals.ReadyToDrive);

    /// <summary>Battery state of charge in %.</summary>
    public SignalReading? StateOfCharge => Read(VehicleSignals.StateOfCharge);

    /// <summary>Estimated range in km.</summary>
    public SignalReading? Range => Read(VehicleSignals.Range);

    /// <summary>Average energy consumption in kWh/100 km.</summary>
    public SignalReading? EnergyConsumption => Read(VehicleSignals.EnergyConsumption);

    /// <summary>Remaining battery energy in kWh.</summary>
    public SignalReading? RemainingEnergy => Read(VehicleSignals.RemainingEnergy);

    /// <summary>Cabin temperature in °C.</summary>
    public SignalReading? CabinTemperature => Read(VehicleSignals.CabinTemperature);

    /// <summary>Outside temperature in °C.</summary>
    public SignalReading? OutsideTemperature => Read(VehicleSignals.OutsideTemperature);

    /// <summary>Cabin temperature setpoint in °C.</summary>
    public SignalReading? CabinSetpoint => Read(VehicleSignals.CabinSetpoint);

    /// <summary>Blower fan level 0–10.</summary>
    public SignalReading? FanLevel => Read(VehicleSignals.FanLevel);

    /// <summary>Air conditioning compressor on (1).</summary>
    public SignalReading? AirConditioningOn => Read(VehicleSignals.AirConditioningOn);

    /// <summary>Cabin relative humidity in %.</summary>
    public SignalReading? CabinHumidity => Read(VehicleSignals.CabinHumidity);

    /// <summary>Latitude in degrees (WGS84).</summary>
    public SignalReading? Latitude => Read(VehicleSignals.Latitude);

    /// <summary>Longitude in degrees (WGS84).</summary>
    public SignalReading? Longitude => Read(VehicleSignals.Longitude);

    /// <summary>Odometer in km.</summary>
    public SignalReading? Odometer => Read(VehicleSignals.Odometer);

    /// <summary>Trip distance in km.</summary>
    public SignalReading? TripDistance => Read(VehicleSignals.TripDistance);

    /// <summary>Charging state (label NotConnected, Connected, Charging, ...).</summary>
    public SignalReading? ChargingState => Read(VehicleSignals.ChargingState);

    /// <summary>Central lock (label Unlocked, Locked, DoubleLocked, Fault).</summary>
    public SignalReading? CentralLock => Read(VehicleSignals.CentralLock);

    private SignalRef? Resolve(string name)
    {
        lock (_refs)
        {
            if (!_refs.TryGetValue(name, out var signal))
            {
                signal = Signals.TryFind(name, out var found) ? found : null;
                _refs[name] = signal;
            }
            return signal;
        }
    }

    /// <summary>A clock stopped at the replayed moment, so a replayed store's ages do not grow while it is read.</summary>
    private sealed class PinnedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
