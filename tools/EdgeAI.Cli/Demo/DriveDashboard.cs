using System.Globalization;
using EdgeAI.Can;
using EdgeAI.Can.Signals;
using EdgeAI.Can.Stats;

namespace EdgeAI.Cli.Demo;

/// <summary>
/// What the demo shows: the latest vehicle signals of the bundled DBC, bus statistics, and the events a
/// driver would notice (gear, doors, belt, indicators, moving off and stopping), derived from the decoded frames.
/// </summary>
internal sealed class DriveDashboard
{
    private const double IndicatorOffAfterSeconds = 1.5;
    private readonly LatestSignalStore _store;
    private readonly List<DriveEvent> _events = [];
    private readonly SignalRef _speed, _gear, _parkingBrake, _soc, _range, _power, _steering, _left, _right,
        _doorFl, _doorFr, _doorRl, _doorRr, _trunk, _belt, _cabin, _outside, _wiper, _highBeam, _odometer, _accelerator, _brake;
    private long _firstNs = long.MinValue;
    private string _lastGear = "", _lastParkingBrake = "";
    private double _lastDoors = double.NaN, _lastBelt = double.NaN, _lastWiper = double.NaN, _lastHighBeam = double.NaN;
    private double _leftOnUntil = double.NegativeInfinity, _rightOnUntil = double.NegativeInfinity;
    private bool _leftOn, _rightOn, _moving;
    private double _startSoc = double.NaN, _startOdometer = double.NaN;

    /// <summary>The signals the dashboard reads, by name in edgeai_demo.dbc (a real car's DBC needs the vehicle-context signal map).</summary>
    public static readonly string[] SignalNames =
        ["VehicleSpeed", "GearPosition", "VCU_DriveState.ParkingBrake", "StateOfCharge", "RangeEstimate", "HvBatteryPower", "SteeringAngle", "TurnIndicatorLeft", "TurnIndicatorRight", "DoorOpen_FL", "DoorOpen_FR", "DoorOpen_RL", "DoorOpen_RR", "TrunkOpen", "SeatBelt_Driver", "CabinTemperature", "OutsideTemperature", "WiperMode", "HighBeam", "Odometer", "AcceleratorPedal", "BrakePedalPosition"];

    /// <summary>The names of <see cref="SignalNames"/> that <paramref name="store"/>'s DBC lacks.</summary>
    public static List<string> Missing(LatestSignalStore store) => [.. SignalNames.Where(name => !store.TryFind(name, out _))];

    public DriveDashboard(LatestSignalStore store, CanBusStatistics bus)
    {
        _store = store;
        Bus = bus;
        _speed = store.Find("VehicleSpeed");
        _gear = store.Find("GearPosition");
        _parkingBrake = store.Find("VCU_DriveState.ParkingBrake");
        _soc = store.Find("StateOfCharge");
        _range = store.Find("RangeEstimate");
        _power = store.Find("HvBatteryPower");
        _steering = store.Find("SteeringAngle");
        _left = store.Find("TurnIndicatorLeft");
        _right = store.Find("TurnIndicatorRight");
        _doorFl = store.Find("DoorOpen_FL");
        _doorFr = store.Find("DoorOpen_FR");
        _doorRl = store.Find("DoorOpen_RL");
        _doorRr = store.Find("DoorOpen_RR");
        _trunk = store.Find("TrunkOpen");
        _belt = store.Find("SeatBelt_Driver");
        _cabin = store.Find("CabinTemperature");
        _outside = store.Find("OutsideTemperature");
        _wiper = store.Find("WiperMode");
        _highBeam = store.Find("HighBeam");
        _odometer = store.Find("Odometer");
        _accelerator = store.Find("AcceleratorPedal");
        _brake = store.Find("BrakePedalPosition");
    }

    public CanBusStatistics Bus { get; }
    public IReadOnlyList<DriveEvent> Events => _events;
    public double Seconds { get; private set; }

    /// <summary>Takes one frame; returns how many new events it caused.</summary>
    public int Observe(in CanFrame frame)
    {
        if (_firstNs == long.MinValue) _firstNs = frame.TimestampNs;
        Seconds = (frame.TimestampNs - _firstNs) / 1e9;
        Bus.Add(in frame);
        if (!_store.Update(in frame)) return 0;
        int before = _events.Count;
        if (double.IsNaN(_startSoc) && _store.TryGet(_soc, out double soc)) _startSoc = soc;
        if (double.IsNaN(_startOdometer) && _store.TryGet(_odometer, out double odo)) _startOdometer = odo;
        DetectLabelChange(_gear, ref _lastGear, "gear");
        DetectLabelChange(_parkingBrake, ref _lastParkingBrake, "parking brake");
        DetectChange(_belt, ref _lastBelt, v => v >= 1 ? "driver belt buckled" : "driver belt unbuckled");
        DetectChange(_wiper, ref _lastWiper, v => v == 0 ? "wipers off" : "wipers on (mode " + v.ToString(CultureInfo.InvariantCulture) + ")");
        DetectChange(_highBeam, ref _lastHighBeam, v => v >= 1 ? "high beam on" : "high beam off");
        double doors = DoorMask();
        DetectChange(doors, ref _lastDoors, v => v == 0 ? "all doors closed" : DoorsText((int)v) + " open");
        DetectIndicator(_left, ref _leftOn, ref _leftOnUntil, "left");
        DetectIndicator(_right, ref _rightOn, ref _rightOnUntil, "right");
        if (_store.TryGet(_speed, out double speed))
        {
            if (!_moving && speed > 2) { _moving = true; Add("moving off"); }
            else if (_moving && speed < 0.1) { _moving = false; Add("stopped"); }
        }
        return _events.Count - before;
    }

    /// <summary>One line of the current state, for plain output.</summary>
    public string StatusLine()
    {
        var inv = CultureInfo.InvariantCulture;
        // A signal not seen yet (or never sent by this log) shows as "-", not NaN.
        string Show(SignalRef signal, string format) => Value(signal) is var v && double.IsNaN(v) ? "-" : v.ToString(format, inv);
        return string.Format(inv,
            "{0,7:F1} s | {1,5} km/h {2} | SoC {3,4} % range {4,3} km | {5,6} kW | steer {6,6} deg | cabin {7} C out {8} C | bus {9,6:F0} frames {10,4:F1} % load",
            Seconds, Show(_speed, "F1"), Label(_gear), Show(_soc, "F1"), Show(_range, "F0"), Show(_power, "F1"), Show(_steering, "F1"), Show(_cabin, "F1"), Show(_outside, "F1"),
            Bus.Frames, Bus.Channels.FirstOrDefault()?.BusLoadNominalPercent ?? 0);
    }

    /// <summary>Rows of the live view: (what, value).</summary>
    public IEnumerable<(string Name, string Value)> Rows()
    {
        var inv = CultureInfo.InvariantCulture;
        yield return ("Drive time", Seconds.ToString("F1", inv) + " s");
        yield return ("Speed", Value(_speed).ToString("F1", inv) + " km/h");
        yield return ("Gear", Label(_gear) + (Value(_parkingBrake) >= 1 ? " (parking brake)" : ""));
        yield return ("Pedals", $"accelerator {Value(_accelerator).ToString("F0", inv)} %, brake {Value(_brake).ToString("F0", inv)} %");
        yield return ("State of charge", Value(_soc).ToString("F1", inv) + " %");
        yield return ("Range", Value(_range).ToString("F0", inv) + " km");
        yield return ("Battery power", Value(_power).ToString("F1", inv) + " kW");
        yield return ("Steering angle", Value(_steering).ToString("F1", inv) + " deg");
        yield return ("Indicators", (_leftOn ? "LEFT " : "") + (_rightOn ? "RIGHT" : "") is { Length: > 0 } ind ? ind.Trim() : "off");
        yield return ("Doors", DoorMask() == 0 ? "closed" : DoorsText((int)DoorMask()) + " open");
        yield return ("Driver belt", Value(_belt) >= 1 ? "buckled" : "UNBUCKLED");
        yield return ("Cabin / outside", $"{Value(_cabin).ToString("F1", inv)} C / {Value(_outside).ToString("F1", inv)} C");
        yield return ("Wipers / high beam", $"{(Value(_wiper) > 0 ? "on" : "off")} / {(Value(_highBeam) >= 1 ? "on" : "off")}");
        yield return ("Odometer", Value(_odometer).ToString("F1", inv) + " km");
        var channel = Bus.Channels.FirstOrDefault();
        yield return ("Bus", channel is null ? "-" : $"{Bus.Frames} frames, {channel.FramesPerSecond.ToString("F0", inv)} frames/s, load {channel.BusLoadNominalPercent.ToString("F1", inv)} % (worst case {channel.BusLoadWorstCasePercent.ToString("F1", inv)} %)");
        yield return ("Decoded", $"{_store.Decoded} of {_store.Frames} frames");
    }

    /// <summary>Totals for the end of the demo.</summary>
    public string Summary()
    {
        var inv = CultureInfo.InvariantCulture;
        var channel = Bus.Channels.FirstOrDefault();
        return string.Format(inv, "drive: {0:F1} s, {1:F2} km, state of charge {2:F1} % -> {3:F1} %; bus: {4} frames ({5} decoded), {6:F1} % load at {7:G4} kbit/s",
            Seconds, Value(_odometer) - _startOdometer, _startSoc, Value(_soc), Bus.Frames, _store.Decoded,
            channel?.BusLoadNominalPercent ?? 0, Bus.NominalBitRate / 1e3);
    }

    private double Value(SignalRef signal) => _store.Get(signal);

    private string Label(SignalRef signal) => _store.TryGetLabel(signal, out string label) ? label : "-";

    private double DoorMask() =>
        (Value(_doorFl) >= 1 ? 1 : 0) | (Value(_doorFr) >= 1 ? 2 : 0) | (Value(_doorRl) >= 1 ? 4 : 0) | (Value(_doorRr) >= 1 ? 8 : 0) | (Value(_trunk) >= 1 ? 16 : 0);

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

    private void Add(string what) => _events.Add(new DriveEvent(Seconds, what));

    private void DetectLabelChange(SignalRef signal, ref string last, string what)
    {
        if (!_store.TryGetLabel(signal, out string label) || label == last) return;
        if (last.Length > 0) Add($"{what} {last} -> {label}");
        last = label;
    }

    private void DetectChange(SignalRef signal, ref double last, Func<double, string> describe) => DetectChange(Value(signal), ref last, describe);

    private void DetectChange(double value, ref double last, Func<double, string> describe)
    {
        if (double.IsNaN(value) || value == last) return;
        if (!double.IsNaN(last)) Add(describe(value));
        last = value;
    }

    /// <summary>Indicators flash: on at the first flash, off once dark for a while.</summary>
    private void DetectIndicator(SignalRef signal, ref bool on, ref double onUntil, string side)
    {
        if (Value(signal) >= 1)
        {
            onUntil = Seconds + IndicatorOffAfterSeconds;
            if (!on) { on = true; Add(side + " indicator on"); }
        }
        else if (on && Seconds > onUntil)
        {
            on = false;
            Add(side + " indicator off");
        }
    }
}
