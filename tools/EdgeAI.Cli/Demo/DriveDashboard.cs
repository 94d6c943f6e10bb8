using System.Globalization;
using EdgeAI.Assistant.Drive;
using EdgeAI.Can;
using EdgeAI.Can.Stats;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Cli.Demo;

/// <summary>
/// What the demo shows: the vehicle context (any car with a signal map), bus statistics, and the drive's timeline
/// (vehicle events, suggestions and what happened to them, questions and answers) from <see cref="AssistantDrive"/>.
/// </summary>
internal sealed class DriveDashboard(AssistantDrive drive, CanBusStatistics bus)
{
    private const string Power = "Vehicle.Powertrain.TractionBattery.CurrentPower";
    private readonly List<TimelineEvent> _timeline = [];
    private long _firstNs = long.MinValue;
    private double _startSoc = double.NaN, _startOdometer = double.NaN;

    public CanBusStatistics Bus { get; } = bus;
    public AssistantDrive Drive { get; } = drive;
    public VehicleContext Context => Drive.Context;
    public IReadOnlyList<TimelineEvent> Timeline => _timeline;
    public double Seconds { get; private set; }

    /// <summary>Counts of timeline events by type.</summary>
    public Dictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

    /// <summary>Takes one timeline event.</summary>
    public void Add(TimelineEvent e)
    {
        _timeline.Add(e);
        Counts[e.Type] = Counts.GetValueOrDefault(e.Type) + 1;
    }

    /// <summary>Takes one frame (after the drive applied it): bus statistics and the drive's clock.</summary>
    public void Observe(in CanFrame frame)
    {
        if (_firstNs == long.MinValue) _firstNs = frame.TimestampNs;
        Seconds = (frame.TimestampNs - _firstNs) / 1e9;
        Bus.Add(in frame);
        if (double.IsNaN(_startSoc)) _startSoc = Value(ContextKeys.StateOfCharge);
        if (double.IsNaN(_startOdometer)) _startOdometer = Value(ContextKeys.Odometer);
    }

    /// <summary>One line of the current state, for plain output.</summary>
    public string StatusLine()
    {
        var inv = CultureInfo.InvariantCulture;
        // A key not seen yet (or that this vehicle's map lacks) shows as "-", not NaN.
        string Show(string key, string format) => Value(key) is var v && double.IsNaN(v) ? "-" : v.ToString(format, inv);
        return string.Format(inv,
            "{0,7:F1} s | {1,5} km/h {2} | SoC {3,4} % range {4,3} km | {5,6} kW | steer {6,6} deg | cabin {7} C out {8} C | bus {9,6:F0} frames {10,4:F1} % load",
            Seconds, Show(ContextKeys.Speed, "F1"), Label(ContextKeys.Gear), Show(ContextKeys.StateOfCharge, "F1"), Show(ContextKeys.Range, "F0"), Show(Power, "F1"),
            Show(ContextKeys.SteeringAngle, "F1"), Show(ContextKeys.CabinTemperature, "F1"), Show(ContextKeys.OutsideTemperature, "F1"),
            Bus.Frames, Bus.Channels.FirstOrDefault()?.BusLoadNominalPercent ?? 0);
    }

    /// <summary>Rows of the live view: (what, value).</summary>
    public IEnumerable<(string Name, string Value)> Rows()
    {
        var inv = CultureInfo.InvariantCulture;
        string Show(string key, string format, string unit) => Value(key) is var v && double.IsNaN(v) ? "-" : v.ToString(format, inv) + unit;
        yield return ("Drive time", Seconds.ToString("F1", inv) + " s");
        yield return ("Phase / workload", $"{Label(ContextKeys.Phase)} / {Show(ContextKeys.Workload, "F2", "")}");
        yield return ("Speed", Show(ContextKeys.Speed, "F1", " km/h"));
        yield return ("Gear", Label(ContextKeys.Gear) + (Value(ContextKeys.ParkingBrake) >= 1 ? " (parking brake)" : ""));
        yield return ("Pedals", $"accelerator {Show(ContextKeys.Accelerator, "F0", " %")}, brake {Show(ContextKeys.Brake, "F0", " %")}");
        yield return ("State of charge", Show(ContextKeys.StateOfCharge, "F1", " %"));
        yield return ("Range", Show(ContextKeys.Range, "F0", " km"));
        yield return ("Battery power", Show(Power, "F1", " kW"));
        yield return ("Steering angle", Show(ContextKeys.SteeringAngle, "F1", " deg"));
        var drive = Context.Drive;
        yield return ("Indicators", (drive.LeftIndicatorOn ? "LEFT " : "") + (drive.RightIndicatorOn ? "RIGHT" : "") is { Length: > 0 } ind ? ind.Trim() : "off");
        yield return ("Driver belt", Value(ContextKeys.DriverBelt) >= 1 ? "buckled" : "UNBUCKLED");
        yield return ("Cabin / outside", $"{Show(ContextKeys.CabinTemperature, "F1", " C")} / {Show(ContextKeys.OutsideTemperature, "F1", " C")}");
        yield return ("Wipers / high beam", $"{(Value(ContextKeys.Wipers) > 0 ? "on" : "off")} / {(Value(ContextKeys.HighBeam) >= 1 ? "on" : "off")}");
        yield return ("Trip", $"{Show(ContextKeys.TripDistance, "F2", " km")}, {Show(ContextKeys.TripEnergy, "F2", " kWh")}");
        yield return ("Odometer", Show(ContextKeys.Odometer, "F1", " km"));
        var channel = Bus.Channels.FirstOrDefault();
        yield return ("Bus", channel is null ? "-" : $"{Bus.Frames} frames, {channel.FramesPerSecond.ToString("F0", inv)} frames/s, load {channel.BusLoadNominalPercent.ToString("F1", inv)} % (worst case {channel.BusLoadWorstCasePercent.ToString("F1", inv)} %)");
        yield return ("Decoded", $"{Context.Decoded} of {Context.Frames} frames");
    }

    /// <summary>Totals for the end of the demo (a value this vehicle's map lacks shows as "-").</summary>
    public string Summary()
    {
        var inv = CultureInfo.InvariantCulture;
        var channel = Bus.Channels.FirstOrDefault();
        static string Show(double v, string format) => double.IsNaN(v) ? "-" : v.ToString(format, CultureInfo.InvariantCulture);
        return string.Format(inv, "drive: {0:F1} s, {1} km, state of charge {2} % -> {3} %; bus: {4} frames ({5} decoded), {6:F1} % load at {7:G4} kbit/s",
            Seconds, Show(Value(ContextKeys.Odometer) - _startOdometer, "F2"), Show(_startSoc, "F1"), Show(Value(ContextKeys.StateOfCharge), "F1"), Bus.Frames, Context.Decoded,
            channel?.BusLoadNominalPercent ?? 0, Bus.NominalBitRate / 1e3);
    }

    /// <summary>What the assistant did, for the end of the demo.</summary>
    public string AssistantSummary() =>
        string.Format(CultureInfo.InvariantCulture, "assistant: {0} suggestions ({1} held back first), {2} accepted, {3} dismissed, {4} withdrawn; {5} questions answered; {6} camera frames",
            Counts.GetValueOrDefault("suggestion"), Counts.GetValueOrDefault("held"), Counts.GetValueOrDefault("accepted"), Counts.GetValueOrDefault("dismissed"),
            Counts.GetValueOrDefault("withdrawn"), Counts.GetValueOrDefault("answer"), Drive.Camera?.Frames ?? 0);

    private double Value(string key) => Context.IndexOf(key) is >= 0 and var i ? Context.Read(i, Context.LatestNs).Value : double.NaN;

    private string Label(string key) => Context.IndexOf(key) is >= 0 and var i ? Context.Keys[i].LabelOf(Context.Read(i, Context.LatestNs).Value) ?? "-" : "-";
}
