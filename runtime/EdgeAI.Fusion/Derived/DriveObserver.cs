using System.Globalization;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.Mapping;

namespace EdgeAI.Fusion.Derived;

/// <summary>
/// The state derived from the context's keys after every input: drive phase, trip, turning and manoeuvring,
/// workload, environment, and the events a driver would notice. It reads keys by their VSS names, so it works on any
/// vehicle whose signal map provides them; what a map lacks stays unknown. Rules and the workload formula are in
/// docs/vehicle-context.md. No allocation per input except the text of a new event.
/// </summary>
public sealed class DriveObserver
{
    /// <summary>How long an indicator stays "on" after its lamp was last lit (lamps flash at ~1.5 Hz).</summary>
    public const double IndicatorHoldSeconds = 1.5;
    /// <summary>How long an alert raises the workload.</summary>
    public const double RecentAlertSeconds = 10;
    /// <summary>Time constant with which the workload falls back (it rises at once).</summary>
    public const double WorkloadReleaseSeconds = 4;
    private const double MovingAboveKmh = 2, StoppedBelowKmh = 0.1;
    private const int ConsumptionSamples = 51; // 0.1 km apart: the last 5 km
    private const double SampleEveryKm = 0.1;

    private readonly VehicleContext _context;
    private readonly TimeZoneInfo _timeZone;
    private readonly List<ContextEvent> _events = [];
    private readonly int _speed, _gear, _ready, _parkingBrake, _charging, _steering, _steeringRate, _brake, _left, _right, _hazard,
        _lowBeam, _highBeam, _wipers, _odometer, _energy, _doorDriver, _doorPassenger, _doorRearLeft, _doorRearRight, _trunk, _belt, _attention;
    private readonly int _phaseKey, _turningKey, _manoeuvringKey, _tripDurationKey, _tripDistanceKey, _tripEnergyKey, _consumptionKey,
        _workloadKey, _darkKey, _rainingKey, _timeOfDayKey;
    private readonly double[] _sampleKm = new double[ConsumptionSamples], _sampleKwh = new double[ConsumptionSamples];
    private int _samples, _sampleHead;

    private long _lastNs = long.MinValue, _tripStartNs = long.MinValue, _lastAlertNs = long.MinValue, _nextClockNs = long.MinValue;
    private double _tripStartOdometer = double.NaN, _tripStartEnergy = double.NaN, _integratedKm;
    private string? _lastGear, _lastParkingBrake;
    private double _lastBelt = double.NaN, _lastWipers = double.NaN, _lastHighBeam = double.NaN, _lastDoors = double.NaN;
    private long _leftOnUntilNs = long.MinValue, _rightOnUntilNs = long.MinValue;
    private bool _leftOn, _rightOn, _moving;
    private double _workload;
    private TimeOfDay _timeOfDay;

    internal DriveObserver(VehicleContext context, TimeZoneInfo timeZone)
    {
        _context = context;
        _timeZone = timeZone;
        _speed = context.IndexOf(ContextKeys.Speed);
        _gear = context.IndexOf(ContextKeys.Gear);
        _ready = context.IndexOf(ContextKeys.Ready);
        _parkingBrake = context.IndexOf(ContextKeys.ParkingBrake);
        _charging = context.IndexOf(ContextKeys.IsCharging);
        _steering = context.IndexOf(ContextKeys.SteeringAngle);
        _steeringRate = context.IndexOf(ContextKeys.SteeringRate);
        _brake = context.IndexOf(ContextKeys.Brake);
        _left = context.IndexOf(ContextKeys.IndicatorLeft);
        _right = context.IndexOf(ContextKeys.IndicatorRight);
        _hazard = context.IndexOf(ContextKeys.Hazard);
        _lowBeam = context.IndexOf(ContextKeys.LowBeam);
        _highBeam = context.IndexOf(ContextKeys.HighBeam);
        _wipers = context.IndexOf(ContextKeys.Wipers);
        _odometer = context.IndexOf(ContextKeys.Odometer);
        _energy = context.IndexOf(ContextKeys.RemainingEnergy);
        _doorDriver = context.IndexOf(ContextKeys.DoorDriver);
        _doorPassenger = context.IndexOf(ContextKeys.DoorPassenger);
        _doorRearLeft = context.IndexOf(ContextKeys.DoorRearLeft);
        _doorRearRight = context.IndexOf(ContextKeys.DoorRearRight);
        _trunk = context.IndexOf(ContextKeys.Trunk);
        _belt = context.IndexOf(ContextKeys.DriverBelt);
        _attention = context.IndexOf(ContextKeys.Attention);
        _phaseKey = context.IndexOf(ContextKeys.Phase);
        _turningKey = context.IndexOf(ContextKeys.Turning);
        _manoeuvringKey = context.IndexOf(ContextKeys.Manoeuvring);
        _tripDurationKey = context.IndexOf(ContextKeys.TripDuration);
        _tripDistanceKey = context.IndexOf(ContextKeys.TripDistance);
        _tripEnergyKey = context.IndexOf(ContextKeys.TripEnergy);
        _consumptionKey = context.IndexOf(ContextKeys.TripConsumption);
        _workloadKey = context.IndexOf(ContextKeys.Workload);
        _darkKey = context.IndexOf(ContextKeys.Dark);
        _rainingKey = context.IndexOf(ContextKeys.Raining);
        _timeOfDayKey = context.IndexOf(ContextKeys.TimeOfDay);
    }

    /// <summary>The events so far, oldest first.</summary>
    public IReadOnlyList<ContextEvent> Events => _events;

    /// <summary>The current phase (Parked until the inputs say otherwise).</summary>
    public DrivePhase Phase { get; private set; }

    /// <summary>Driver workload 0..1 (formula in docs/vehicle-context.md).</summary>
    public double Workload => _workload;

    /// <summary>True while the left indicator is flashing.</summary>
    public bool LeftIndicatorOn => _leftOn;

    /// <summary>True while the right indicator is flashing.</summary>
    public bool RightIndicatorOn => _rightOn;

    /// <summary>The derived keys, as the context lists them.</summary>
    internal static IEnumerable<ContextKey> Keys(long never)
    {
        var none = new Dictionary<long, string>();
        yield return new ContextKey(ContextKeys.Phase, KeyKind.Enum, "", never, Enum.GetValues<DrivePhase>().ToDictionary(p => (long)p, p => p.ToString()));
        yield return new ContextKey(ContextKeys.Turning, KeyKind.Bool, "", never, none);
        yield return new ContextKey(ContextKeys.Manoeuvring, KeyKind.Bool, "", never, none);
        yield return new ContextKey(ContextKeys.TripDuration, KeyKind.Number, "s", never, none);
        yield return new ContextKey(ContextKeys.TripDistance, KeyKind.Number, "km", never, none);
        yield return new ContextKey(ContextKeys.TripEnergy, KeyKind.Number, "kWh", never, none);
        yield return new ContextKey(ContextKeys.TripConsumption, KeyKind.Number, "kWh/100km", never, none);
        yield return new ContextKey(ContextKeys.Workload, KeyKind.Number, "", never, none, 0, 1);
        yield return new ContextKey(ContextKeys.Dark, KeyKind.Bool, "", never, none);
        yield return new ContextKey(ContextKeys.Raining, KeyKind.Bool, "", never, none);
        yield return new ContextKey(ContextKeys.TimeOfDay, KeyKind.Enum, "", never, Enum.GetValues<TimeOfDay>().ToDictionary(p => (long)p, p => p.ToString()));
    }

    /// <summary>Recomputes the derived state at <paramref name="nowNs"/> (called by the context after every input).</summary>
    internal void Update(long nowNs)
    {
        double dt = _lastNs == long.MinValue || nowNs <= _lastNs ? 0 : (nowNs - _lastNs) / 1e9;
        if (nowNs > _lastNs) _lastNs = nowNs;
        else nowNs = _lastNs; // an input from the past changes no derived time

        double speed = V(_speed);
        string? gear = Label(_gear);
        bool ready = On(_ready), charging = On(_charging);

        DetectEvents(nowNs, speed, gear);
        UpdatePhase(nowNs, speed, gear, ready, charging);
        bool manoeuvring = UpdateManoeuvres(nowNs, speed, gear);
        UpdateTrip(nowNs, speed, ready, dt);
        UpdateWorkload(nowNs, speed, manoeuvring, dt);
        UpdateEnvironment(nowNs);
    }

    private void UpdatePhase(long nowNs, double speed, string? gear, bool ready, bool charging)
    {
        if (!double.IsNaN(speed))
        {
            if (!_moving && speed > MovingAboveKmh) _moving = true;
            else if (_moving && speed < StoppedBelowKmh) _moving = false;
        }
        // Without a speed the phase cannot be told (ready in D may be driving or waiting), except while charging.
        if (double.IsNaN(speed) && !charging) return;
        Phase = charging ? DrivePhase.Charging
            : _moving ? DrivePhase.Moving
            : ready && gear is "D" or "R" ? DrivePhase.StoppedInTraffic
            : ready ? DrivePhase.Ready
            : DrivePhase.Parked;
        _context.Set(_phaseKey, (int)Phase, nowNs, KeySource.Derived);
    }

    /// <summary>Turning: moving with the wheel beyond 45°. Manoeuvring: in reverse, or below 12 km/h with the wheel
    /// beyond 180° (parking, three-point turns).</summary>
    private bool UpdateManoeuvres(long nowNs, double speed, string? gear)
    {
        double angle = Math.Abs(V(_steering));
        if (double.IsNaN(angle) || double.IsNaN(speed)) return false;
        bool turning = _moving && angle > 45;
        bool manoeuvring = gear == "R" && (_moving || speed > 0) || speed < 12 && angle > 180;
        _context.Set(_turningKey, turning ? 1 : 0, nowNs, KeySource.Derived);
        _context.Set(_manoeuvringKey, manoeuvring ? 1 : 0, nowNs, KeySource.Derived);
        return manoeuvring;
    }

    /// <summary>A trip starts at the first input that finds the car ready or moving; distance comes from the odometer
    /// (else integrated speed), energy from the battery's remaining energy, consumption over the last 5 km.</summary>
    private void UpdateTrip(long nowNs, double speed, bool ready, double dt)
    {
        if (_tripStartNs == long.MinValue)
        {
            if (!ready && !_moving) return;
            _tripStartNs = nowNs;
        }
        if (double.IsNaN(_tripStartOdometer)) _tripStartOdometer = V(_odometer);
        if (double.IsNaN(_tripStartEnergy)) _tripStartEnergy = V(_energy);
        if (!double.IsNaN(speed)) _integratedKm += speed * dt / 3600;
        double km = double.IsNaN(_tripStartOdometer) ? _integratedKm : V(_odometer) - _tripStartOdometer;
        double kwh = _tripStartEnergy - V(_energy);
        _context.Set(_tripDurationKey, (nowNs - _tripStartNs) / 1e9, nowNs, KeySource.Derived);
        _context.Set(_tripDistanceKey, km, nowNs, KeySource.Derived);
        if (!double.IsNaN(kwh)) _context.Set(_tripEnergyKey, kwh, nowNs, KeySource.Derived);
        if (double.IsNaN(kwh) || double.IsNaN(km)) return;

        int last = (_sampleHead + ConsumptionSamples - 1) % ConsumptionSamples;
        if (_samples == 0 || km - _sampleKm[last] >= SampleEveryKm)
        {
            _sampleKm[_sampleHead] = km;
            _sampleKwh[_sampleHead] = kwh;
            _sampleHead = (_sampleHead + 1) % ConsumptionSamples;
            if (_samples < ConsumptionSamples) _samples++;
        }
        int oldest = (_sampleHead + ConsumptionSamples - _samples) % ConsumptionSamples;
        double spanKm = km - _sampleKm[oldest];
        if (spanKm >= 1) _context.Set(_consumptionKey, (kwh - _sampleKwh[oldest]) / spanKm * 100, nowNs, KeySource.Derived);
    }

    /// <summary>
    /// workload = min(1, 0.30 s + 0.25 r + 0.10 i + 0.15 b + 0.20 m + 0.25 a), with s = speed/130 km/h, r = steering
    /// rate/180 °/s, b = brake pedal/60 % (each capped at 1), i = an indicator or the hazard lights on, m = manoeuvring,
    /// a = an alert (driver monitor Alert or Critical, a belt unbuckled or a door opened while moving) in the last 10 s.
    /// It rises at once and falls back with a 4 s time constant.
    /// </summary>
    private void UpdateWorkload(long nowNs, double speed, bool manoeuvring, double dt)
    {
        if (_attention >= 0 && V(_attention) >= (int)DriverAttention.Alert && _context.Read(_attention, nowNs).Quality == ContextQuality.Valid)
            _lastAlertNs = nowNs;
        double s = Cap(speed / 130), r = Cap(Math.Abs(V(_steeringRate)) / 180), b = Cap(V(_brake) / 60);
        double i = _leftOn || _rightOn || On(_hazard) ? 1 : 0, m = manoeuvring ? 1 : 0;
        double a = _lastAlertNs != long.MinValue && nowNs - _lastAlertNs <= RecentAlertSeconds * 1e9 ? 1 : 0;
        double target = Math.Min(1, 0.30 * s + 0.25 * r + 0.10 * i + 0.15 * b + 0.20 * m + 0.25 * a);
        _workload = target >= _workload ? target : target + (_workload - target) * Math.Exp(-dt / WorkloadReleaseSeconds);
        _context.Set(_workloadKey, _workload, nowNs, KeySource.Derived);
    }

    /// <summary>Dark: low beam on. Raining: wipers in any mode but off (raw 0). Time of day: the zone's local clock.</summary>
    private void UpdateEnvironment(long nowNs)
    {
        if (_lowBeam >= 0 && !double.IsNaN(V(_lowBeam))) _context.Set(_darkKey, On(_lowBeam) ? 1 : 0, nowNs, KeySource.Derived);
        if (_wipers >= 0 && !double.IsNaN(V(_wipers))) _context.Set(_rainingKey, V(_wipers) > 0 ? 1 : 0, nowNs, KeySource.Derived);
        if (nowNs >= _nextClockNs)
        {
            _nextClockNs = nowNs + 60_000_000_000L; // the part of the day changes on the hour at most: once a minute is plenty
            int hour = TimeZoneInfo.ConvertTime(DateTimeOffset.UnixEpoch.AddTicks(nowNs / 100), _timeZone).Hour;
            _timeOfDay = hour >= 22 || hour < 5 ? TimeOfDay.Night : hour < 11 ? TimeOfDay.Morning : hour < 14 ? TimeOfDay.Midday : hour < 18 ? TimeOfDay.Afternoon : TimeOfDay.Evening;
        }
        _context.Set(_timeOfDayKey, (int)_timeOfDay, nowNs, KeySource.Derived);
    }

    private void DetectEvents(long nowNs, double speed, string? gear)
    {
        DetectLabelChange(nowNs, gear, ref _lastGear, "gear", "gear");
        DetectLabelChange(nowNs, On(_parkingBrake, out bool known) ? "Applied" : known ? "Released" : null, ref _lastParkingBrake, "parking_brake", "parking brake");
        DetectChange(nowNs, V(_belt), ref _lastBelt, "belt", v => v >= 1 ? "driver belt buckled" : "driver belt unbuckled");
        DetectChange(nowNs, V(_wipers), ref _lastWipers, "wipers", v => v == 0 ? "wipers off" : "wipers on (mode " + v.ToString(CultureInfo.InvariantCulture) + ")");
        DetectChange(nowNs, V(_highBeam), ref _lastHighBeam, "high_beam", v => v >= 1 ? "high beam on" : "high beam off");
        DetectChange(nowNs, DoorMask(), ref _lastDoors, "doors", v => v == 0 ? "all doors closed" : DoorsText((int)v) + " open");
        DetectIndicator(nowNs, _left, ref _leftOn, ref _leftOnUntilNs, "left");
        DetectIndicator(nowNs, _right, ref _rightOn, ref _rightOnUntilNs, "right");
        if (!double.IsNaN(speed))
        {
            if (!_moving && speed > MovingAboveKmh) Add(nowNs, "moving", "moving off");
            else if (_moving && speed < StoppedBelowKmh) Add(nowNs, "stopped", "stopped");
        }
    }

    private void Add(long nowNs, string kind, string text)
    {
        _events.Add(new ContextEvent(nowNs, kind, text));
        // A belt unbuckled or a door opened while moving is an alert for the workload.
        if (_moving && (text == "driver belt unbuckled" || kind == "doors" && text != "all doors closed")) _lastAlertNs = nowNs;
    }

    private void DetectLabelChange(long nowNs, string? label, ref string? last, string kind, string what)
    {
        if (label is null || label == last) return;
        if (last is not null) Add(nowNs, kind, $"{what} {last} -> {label}");
        last = label;
    }

    private void DetectChange(long nowNs, double value, ref double last, string kind, Func<double, string> describe)
    {
        if (double.IsNaN(value) || value == last) return;
        if (!double.IsNaN(last)) Add(nowNs, kind, describe(value));
        last = value;
    }

    /// <summary>Indicators flash: on at the first flash, off once dark for <see cref="IndicatorHoldSeconds"/>.</summary>
    private void DetectIndicator(long nowNs, int key, ref bool on, ref long onUntilNs, string side)
    {
        if (key < 0) return;
        if (On(key))
        {
            onUntilNs = nowNs + (long)(IndicatorHoldSeconds * 1e9);
            if (!on) { on = true; Add(nowNs, "indicator", side + " indicator on"); }
        }
        else if (on && nowNs > onUntilNs)
        {
            on = false;
            Add(nowNs, "indicator", side + " indicator off");
        }
    }

    private double DoorMask()
    {
        if (_doorDriver < 0 || double.IsNaN(V(_doorDriver))) return double.NaN;
        return (On(_doorDriver) ? 1 : 0) | (On(_doorPassenger) ? 2 : 0) | (On(_doorRearLeft) ? 4 : 0) | (On(_doorRearRight) ? 8 : 0) | (On(_trunk) ? 16 : 0);
    }

    private static string DoorsText(int mask)
    {
        var open = new List<string>();
        if ((mask & 1) != 0) open.Add("driver door");
        if ((mask & 2) != 0) open.Add("passenger door");
        if ((mask & 4) != 0) open.Add("rear left door");
        if ((mask & 8) != 0) open.Add("rear right door");
        if ((mask & 16) != 0) open.Add("trunk");
        return string.Join(", ", open);
    }

    private double V(int key) => _context.Value(key);

    private bool On(int key) => V(key) is var v && v != 0 && !double.IsNaN(v);

    private bool On(int key, out bool known)
    {
        double v = V(key);
        known = !double.IsNaN(v);
        return known && v != 0;
    }

    private string? Label(int key) => key < 0 ? null : _context.Keys[key].LabelOf(V(key));

    private static double Cap(double x) => double.IsNaN(x) ? 0 : Math.Clamp(x, 0, 1);
}
