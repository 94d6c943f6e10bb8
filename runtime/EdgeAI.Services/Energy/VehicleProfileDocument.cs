using System.Text.Json.Serialization;

namespace EdgeAI.Services.Energy;

// The profile JSON as written on disk (models/vehicle/*.profile.json); VehicleProfileReader checks and converts it.
internal sealed class VehicleProfileDocument
{
    public string? Name { get; set; }
    public Dictionary<string, string>? Sources { get; set; }
    public double? MassKg { get; set; }
    public double? RotatingInertiaKgM2 { get; set; }
    public double? DragCoefficient { get; set; }
    public double? FrontalAreaM2 { get; set; }
    public double? RollingResistance { get; set; }
    public double? BatteryKwh { get; set; }
    public double? NominalVoltageV { get; set; }
    public double? InternalResistanceOhm { get; set; }
    public double? WheelRadiusM { get; set; }
    public double? GearRatio { get; set; }
    public double? GearEfficiency { get; set; }
    public double? DrivetrainEfficiency { get; set; }
    public double? RegenEfficiency { get; set; }
    public double? MaxPowerW { get; set; }
    public double? MaxTorqueNm { get; set; }
    public double? MaxRecuperationPowerW { get; set; }
    public double? MaxRecuperationTorqueNm { get; set; }
    public AuxiliaryDocument? Auxiliary { get; set; }
    public double[][]? ChargeCurve { get; set; }
    public LossMapDocument? MotorLossMap { get; set; }
}

internal sealed class AuxiliaryDocument
{
    public double BaseW { get; set; }
    public double ComfortLowC { get; set; }
    public double ComfortHighC { get; set; }
    public double HeatingWPerK { get; set; }
    public double HeatingMaxW { get; set; }
    public double CoolingWPerK { get; set; }
    public double CoolingMaxW { get; set; }
}

internal sealed class LossMapDocument
{
    public double[]? SpeedsRpm { get; set; }
    public double[]? TorquesNm { get; set; }
    public double[]? LossesW { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(VehicleProfileDocument))]
internal sealed partial class VehicleProfileJsonContext : JsonSerializerContext;
