namespace EdgeAI.DriveGen;

/// <summary>The physical constants of a simulated car.</summary>
internal sealed record VehicleParameters(
    double MassKg, double DragArea, double RollingResistance, double BatteryKwh, double AuxiliaryKw,
    double DrivetrainEfficiency, double RegenerationEfficiency, double ConsumptionKwhPer100Km)
{
    /// <summary>The city drive's large EV (82 kWh).</summary>
    public static readonly VehicleParameters CityCar = new(2100, 0.62, 0.009, 82, 1.2, 0.9, 0.7, 17.5);

    /// <summary>Air density, kg/m³.</summary>
    public const double AirDensity = 1.2;
    /// <summary>Wheel radius, m.</summary>
    public const double WheelRadiusM = 0.35;
    /// <summary>Motor to wheel ratio.</summary>
    public const double GearRatio = 9.0;
}
