namespace EdgeAI.Services.Energy;

/// <summary>
/// What the energy model and the charging planner need to know about a car. Loaded from a profile JSON
/// (<see cref="VehicleProfileReader"/>; the demo car's is models/vehicle/vw_id3.profile.json, made from SUMO's MMPEVEM
/// VW ID.3) or built in code.
/// </summary>
public sealed record VehicleProfile
{
    /// <summary>A display name ("VW ID.3 Pro (58 kWh)").</summary>
    public required string Name { get; init; }

    /// <summary>Vehicle mass with driver, kg.</summary>
    public required double MassKg { get; init; }

    /// <summary>Rotating parts' moment of inertia referred to the wheels, kg·m² (adds Θ/r² to the mass when accelerating).</summary>
    public double RotatingInertiaKgM2 { get; init; }

    /// <summary>Aerodynamic drag coefficient c<sub>d</sub>.</summary>
    public required double DragCoefficient { get; init; }

    /// <summary>Frontal area, m².</summary>
    public required double FrontalAreaM2 { get; init; }

    /// <summary>Drag area c<sub>d</sub>·A, m².</summary>
    public double CdA => DragCoefficient * FrontalAreaM2;

    /// <summary>Rolling resistance coefficient C<sub>rr</sub>.</summary>
    public required double RollingResistance { get; init; }

    /// <summary>Usable battery energy, kWh.</summary>
    public required double BatteryKwh { get; init; }

    /// <summary>Battery open-circuit voltage, V (with <see cref="InternalResistanceOhm"/>, gives the battery's own losses).</summary>
    public double NominalVoltageV { get; init; }

    /// <summary>Battery internal resistance, Ω; 0 = no battery losses.</summary>
    public double InternalResistanceOhm { get; init; }

    /// <summary>Wheel radius, m.</summary>
    public double WheelRadiusM { get; init; } = 0.33;

    /// <summary>Reduction gear ratio, motor revolutions per wheel revolution.</summary>
    public double GearRatio { get; init; } = 10;

    /// <summary>Gear (and differential) efficiency, both directions.</summary>
    public double GearEfficiency { get; init; } = 0.97;

    /// <summary>Motor and inverter losses; when null the constant <see cref="DrivetrainEfficiency"/> and
    /// <see cref="RegenEfficiency"/> are used instead.</summary>
    public MotorLossMap? MotorLosses { get; init; }

    /// <summary>Battery-to-wheel efficiency when driving, used without a <see cref="MotorLosses"/> map.</summary>
    public double DrivetrainEfficiency { get; init; } = 0.85;

    /// <summary>Wheel-to-battery efficiency when recuperating, used without a <see cref="MotorLosses"/> map.</summary>
    public double RegenEfficiency { get; init; } = 0.7;

    /// <summary>Most motor power when driving, W.</summary>
    public double MaxPowerW { get; init; } = double.PositiveInfinity;

    /// <summary>Most motor torque when driving, Nm.</summary>
    public double MaxTorqueNm { get; init; } = double.PositiveInfinity;

    /// <summary>Most power recuperated (the rest is braked away by friction), W.</summary>
    public double MaxRecuperationPowerW { get; init; } = double.PositiveInfinity;

    /// <summary>Most motor torque when recuperating, Nm.</summary>
    public double MaxRecuperationTorqueNm { get; init; } = double.PositiveInfinity;

    /// <summary>Auxiliary power by outside temperature.</summary>
    public required AuxiliaryLoad Auxiliary { get; init; }

    /// <summary>DC charging acceptance over state of charge.</summary>
    public required ChargeCurve ChargeCurve { get; init; }
}
