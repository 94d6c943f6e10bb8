namespace EdgeAI.Services.Energy;

/// <summary>
/// Battery energy of an electric car from driving physics. The force at the wheels is
/// <c>F = m_eff·a + m·g·Crr·cos θ + m·g·sin θ + ½·ρ·CdA·v²</c> (m_eff adds the rotating parts, ρ follows the outside
/// temperature). Through the gear it becomes motor torque and speed; the motor's losses come from the profile's loss
/// map (or constant drive and regeneration efficiencies without one); recuperation is capped by the profile's torque and
/// power limits (the rest is friction braking); auxiliary power is added; and the battery's internal resistance turns
/// terminal power into the energy taken from the cells.
/// <para>
/// For route planning (<see cref="CruiseWh"/>) the car is taken to drive an edge at constant speed; <see cref="StopWh"/>
/// is the extra energy of one stop from and back to that speed (braking at 1.2 m/s², accelerating at 1.0 m/s²), which a
/// caller adds where it expects a stop (a red light, a give-way). Nothing is added by default.
/// </para>
/// </summary>
public sealed class EnergyModel
{
    /// <summary>Standard gravity, m/s².</summary>
    public const double Gravity = 9.80665;

    private readonly VehicleProfile _p;

    /// <summary>A model of <paramref name="profile"/>.</summary>
    public EnergyModel(VehicleProfile profile) => _p = profile ?? throw new ArgumentNullException(nameof(profile));

    /// <summary>The car modelled.</summary>
    public VehicleProfile Profile => _p;

    /// <summary>Dry air density at sea level, kg/m³, at <paramref name="outsideC"/> °C (ideal gas).</summary>
    public static double AirDensity(double outsideC) => 101_325 / (287.05 * (outsideC + 273.15));

    /// <summary>
    /// Power drawn from the battery's cells in W (negative = charged by recuperation) at speed <paramref name="speedMps"/>
    /// and acceleration <paramref name="accelMps2"/> on a slope of <paramref name="slopeRad"/> (positive = uphill).
    /// </summary>
    public double BatteryPowerW(double speedMps, double accelMps2, double slopeRad, double outsideC)
    {
        var terminal = AuxiliaryPowerW(outsideC) + DrivePowerW(speedMps, accelMps2, slopeRad, outsideC);
        return CellPower(terminal);
    }

    /// <summary>The auxiliary power at <paramref name="outsideC"/>, W.</summary>
    public double AuxiliaryPowerW(double outsideC) => _p.Auxiliary.PowerW(outsideC);

    /// <summary>Tractive force at the wheels, N.</summary>
    public double WheelForceN(double speedMps, double accelMps2, double slopeRad, double outsideC)
    {
        var m = _p.MassKg;
        var r = _p.WheelRadiusM;
        var inertia = accelMps2 * (m + (r > 0 ? _p.RotatingInertiaKgM2 / (r * r) : 0));
        var rolling = speedMps > 0.01 ? m * Gravity * _p.RollingResistance * Math.Cos(slopeRad) : 0;
        var grade = m * Gravity * Math.Sin(slopeRad);
        var drag = 0.5 * AirDensity(outsideC) * _p.CdA * speedMps * speedMps;
        return inertia + rolling + grade + drag;
    }

    /// <summary>Electrical power of the drive at the battery terminals, W (no auxiliaries).</summary>
    public double DrivePowerW(double speedMps, double accelMps2, double slopeRad, double outsideC)
    {
        if (speedMps <= 0.01) return 0;
        var force = WheelForceN(speedMps, accelMps2, slopeRad, outsideC);
        if (_p.MotorLosses is null)
        {
            var wheel = force * speedMps;
            return wheel >= 0 ? Math.Min(wheel, _p.MaxPowerW) / _p.DrivetrainEfficiency
                : Math.Max(wheel * _p.RegenEfficiency, -_p.MaxRecuperationPowerW);
        }
        var omega = speedMps / _p.WheelRadiusM * _p.GearRatio;  // motor, rad/s
        var wheelTorque = force * _p.WheelRadiusM;
        var torque = wheelTorque >= 0 ? wheelTorque / (_p.GearRatio * _p.GearEfficiency) : wheelTorque * _p.GearEfficiency / _p.GearRatio;
        if (torque >= 0)
        {
            torque = Math.Min(torque, _p.MaxTorqueNm);
            torque = Math.Min(torque, _p.MaxPowerW / omega);
        }
        else
        {
            torque = Math.Max(torque, -_p.MaxRecuperationTorqueNm);
            torque = Math.Max(torque, -_p.MaxRecuperationPowerW / omega);
        }
        var rpm = omega * 60 / (2 * Math.PI);
        return torque * omega + _p.MotorLosses.LossW(rpm, torque);
    }

    /// <summary>
    /// Battery energy in Wh over a speed trace sampled every <paramref name="stepS"/> seconds: each step is driven at the
    /// mean of its two ends' speeds with the acceleration between them (the first sample's step has no acceleration).
    /// </summary>
    public double TraceWh(ReadOnlySpan<double> speedsMps, double stepS, double outsideC, double slopeRad = 0)
    {
        double joules = 0;
        for (var i = 0; i < speedsMps.Length; i++)
        {
            var v = speedsMps[i];
            var a = i == 0 ? 0 : (v - speedsMps[i - 1]) / stepS;
            joules += StepPowerW(v, a, stepS, outsideC, slopeRad) * stepS;
        }
        return joules / 3600;
    }

    /// <summary>The battery power of one trace step that ends at <paramref name="speedMps"/> after accelerating at
    /// <paramref name="accelMps2"/> for <paramref name="stepS"/> seconds (driven at the step's mean speed), W.</summary>
    public double StepPowerW(double speedMps, double accelMps2, double stepS, double outsideC, double slopeRad = 0)
    {
        var mean = Math.Max(0, speedMps - 0.5 * accelMps2 * stepS);
        return BatteryPowerW(mean, accelMps2, slopeRad, outsideC);
    }

    /// <summary>Battery energy in Wh to drive <paramref name="lengthM"/> at a constant <paramref name="speedMps"/> on a
    /// slope of <paramref name="slopeRad"/>.</summary>
    public double CruiseWh(double lengthM, double speedMps, double outsideC, double slopeRad = 0)
    {
        if (!(speedMps > 0)) throw new ArgumentOutOfRangeException(nameof(speedMps), speedMps, "cruise speed must be positive");
        return BatteryPowerW(speedMps, 0, slopeRad, outsideC) * (lengthM / speedMps) / 3600;
    }

    /// <summary>
    /// Extra battery energy in Wh of one stop at <paramref name="speedMps"/> on level road: braking from it at 1.2 m/s²
    /// and accelerating back at 1.0 m/s² (0.1 s steps), against cruising the same distance. Auxiliary power over the
    /// extra time is included; waiting at the stop is not.
    /// </summary>
    public double StopWh(double speedMps, double outsideC)
    {
        if (!(speedMps > 0)) return 0;
        const double Dt = 0.1, Brake = 1.2, Accelerate = 1.0;
        double joules = 0, distance = 0, v = speedMps;
        while (v > 0)
        {
            var next = Math.Max(0, v - Brake * Dt);
            var mean = 0.5 * (v + next);
            joules += BatteryPowerW(mean, -(v - next) / Dt, 0, outsideC) * Dt;
            distance += mean * Dt;
            v = next;
        }
        while (v < speedMps)
        {
            var next = Math.Min(speedMps, v + Accelerate * Dt);
            var mean = 0.5 * (v + next);
            joules += BatteryPowerW(mean, (next - v) / Dt, 0, outsideC) * Dt;
            distance += mean * Dt;
            v = next;
        }
        return joules / 3600 - CruiseWh(distance, speedMps, outsideC);
    }

    private double CellPower(double terminalW)
    {
        double r = _p.InternalResistanceOhm, u = _p.NominalVoltageV;
        if (!(r > 0) || !(u > 0)) return terminalW;
        // U0·I − R·I² = P_terminal → the current, and the cells give U0·I (the R·I² is heat)
        var disc = u * u - 4 * r * terminalW;
        if (disc < 0) disc = 0; // beyond the battery's power limit: take the maximum-power point
        var current = (u - Math.Sqrt(disc)) / (2 * r);
        return u * current;
    }
}
