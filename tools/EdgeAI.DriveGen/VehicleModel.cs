namespace EdgeAI.DriveGen;

/// <summary>
/// A simple longitudinal and lateral EV model: follows the script's target speed with comfortable
/// acceleration, computes traction power (drag, rolling resistance, regeneration), drains the battery
/// and moves the car on a flat map. Good enough that every signal on the bus is plausible and consistent.
/// </summary>
internal sealed class VehicleModel
{
    private const double MassKg = 2100;
    private const double DragArea = 0.62;          // Cd * A, m^2
    private const double RollingResistance = 0.009;
    private const double AirDensity = 1.2;
    private const double WheelRadiusM = 0.35;
    private const double GearRatio = 9.0;
    private const double BatteryKwh = 82;
    private const double AuxiliaryKw = 1.2;
    private const double DrivetrainEfficiency = 0.9;
    private const double ConsumptionKwhPer100Km = 17.5;

    private readonly DriveScript _script;
    private readonly Random _random;
    private double _cellSpread;

    public VehicleModel(DriveScript script, int seed)
    {
        _script = script;
        _random = new Random(seed);
        State.RangeKm = State.SocPercent / 100 * BatteryKwh / ConsumptionKwhPer100Km * 100;
        for (int i = 0; i < State.CellVoltages.Length; i++) State.CellVoltages[i] = 3.80 + (_random.NextDouble() - 0.5) * 0.02;
    }

    public VehicleState State { get; } = new();

    /// <summary>Advances the car by <paramref name="dt"/> seconds.</summary>
    public void Step(double dt)
    {
        var s = State;
        s.TimeSeconds += dt;
        var leg = _script.At(s.TimeSeconds);
        double t = s.TimeSeconds;

        // Driver actions in the parked legs.
        s.DoorOpen[0] = t is > 1.5 and < 5.5 || t > _script.DurationSeconds - 8;
        s.BeltBuckled[0] = t is > 8 && t < _script.DurationSeconds - 12;
        s.ParkingBrake = t < 17 || t > _script.DurationSeconds - 16;
        s.Gear = t < 14 ? 0 : leg.Gear;
        s.LeftIndicator = leg.Indicator == 1 && ((int)(t * 2.5) & 1) == 0;
        s.RightIndicator = leg.Indicator == 2 && ((int)(t * 2.5) & 1) == 0;
        s.WiperMode = t is > 330 and < 390 ? 1 : 0;
        s.HighBeam = leg.TargetKph >= 100 && t % 60 < 40;

        // Longitudinal: reach the target with comfortable acceleration, firmer braking.
        double v = s.SpeedKph / 3.6;
        double target = (s.ParkingBrake ? 0 : leg.TargetKph) / 3.6;
        double error = target - v;
        double accel = Math.Clamp(error * 0.6, -2.6, 1.8) + (_random.NextDouble() - 0.5) * 0.05 * (v > 0.5 ? 1 : 0);
        if (target == 0 && v < 0.3) accel = -v / dt;
        double vNext = Math.Max(0, v + accel * dt);
        s.AccelerationMps2 = (vNext - v) / dt;
        v = vNext;
        s.SpeedKph = v * 3.6;
        s.AcceleratorPercent = s.AccelerationMps2 > 0.05 ? Math.Clamp(15 + s.AccelerationMps2 * 30 + v * 0.4, 0, 100) : v > 1 && error > -0.5 ? Math.Clamp(v * 0.6, 0, 100) : 0;
        s.BrakePercent = s.AccelerationMps2 < -0.8 || (v < 0.1 && !s.ParkingBrake && s.Gear != 0) ? Math.Clamp(-s.AccelerationMps2 * 25, 8, 100) : 0;
        s.BrakePressed = s.BrakePercent > 0;

        // Traction power and battery.
        double drag = 0.5 * AirDensity * DragArea * v * v;
        double rolling = v > 0.01 ? RollingResistance * MassKg * 9.81 : 0;
        double force = MassKg * s.AccelerationMps2 + drag + rolling;
        double wheelPowerKw = force * v / 1000;
        s.MotorPowerKw = wheelPowerKw >= 0 ? wheelPowerKw / DrivetrainEfficiency : wheelPowerKw * 0.7;
        s.MotorSpeedRpm = v / WheelRadiusM * GearRatio * 60 / (2 * Math.PI) * (s.Gear == 1 ? -1 : 1);
        s.MotorTorqueNm = force * WheelRadiusM / GearRatio;
        s.BatteryPowerKw = s.MotorPowerKw + AuxiliaryKw + (s.CabinTempC < s.CabinSetpointC ? 2.0 : 0.4);
        s.SocPercent -= s.BatteryPowerKw * dt / 3600 / BatteryKwh * 100;
        double openCircuit = 330 + s.SocPercent * 0.95;
        s.BatteryCurrent = s.BatteryPowerKw * 1000 / openCircuit;
        s.BatteryVoltage = openCircuit - s.BatteryCurrent * 0.08;
        s.BatteryTempC += (Math.Abs(s.BatteryCurrent) * 0.00002 - (s.BatteryTempC - 24) * 0.0005) * dt;
        s.RangeKm = s.SocPercent / 100 * BatteryKwh / ConsumptionKwhPer100Km * 100;
        _cellSpread += (_random.NextDouble() - 0.5) * 1e-5;
        double cellBase = s.BatteryVoltage / s.CellVoltages.Length;
        for (int i = 0; i < s.CellVoltages.Length; i++)
            s.CellVoltages[i] = cellBase + ((i * 37 % 11) - 5) * 0.0015 + _cellSpread;

        // Distance, heading, lateral motion.
        double distanceKm = v * dt / 1000;
        s.OdometerKm += distanceKm;
        s.TripKm += distanceKm;
        double steeringTarget = leg.SteeringDeg;
        double steeringNext = s.SteeringAngleDeg + Math.Clamp(steeringTarget - s.SteeringAngleDeg, -200 * dt, 200 * dt);
        s.SteeringRateDegPerS = (steeringNext - s.SteeringAngleDeg) / dt;
        s.SteeringAngleDeg = steeringNext;
        double wheelAngle = s.SteeringAngleDeg / 15.5 * Math.PI / 180;
        double yawRate = v * Math.Tan(wheelAngle) / 2.9 * (s.Gear == 1 ? -1 : 1);
        s.YawRateDegPerS = yawRate * 180 / Math.PI;
        s.LateralAccelerationMps2 = v * yawRate;
        s.HeadingDeg = (s.HeadingDeg + s.YawRateDegPerS * dt + 360) % 360;
        double heading = s.HeadingDeg * Math.PI / 180;
        double signedV = s.Gear == 1 ? -v : v;
        s.Latitude += signedV * Math.Cos(heading) * dt / 111_320;
        s.Longitude += signedV * Math.Sin(heading) * dt / (111_320 * Math.Cos(s.Latitude * Math.PI / 180));
        double halfTrack = 0.8 * yawRate * 3.6;
        s.WheelSpeedKph[0] = Math.Max(0, s.SpeedKph - halfTrack);
        s.WheelSpeedKph[1] = Math.Max(0, s.SpeedKph + halfTrack);
        s.WheelSpeedKph[2] = Math.Max(0, s.SpeedKph - halfTrack * 0.9);
        s.WheelSpeedKph[3] = Math.Max(0, s.SpeedKph + halfTrack * 0.9);

        // Cabin climate warms towards the set point; outside drifts slowly.
        s.CabinTempC += (s.CabinSetpointC - s.CabinTempC) * 0.004 * dt;
        s.OutsideTempC = 11.5 + 0.6 * Math.Sin(t / 400);
        // Defrost on the cool start and through the shower; the glass lags between outside and cabin air, warmed by defrost.
        s.Defrost = t is > 12 and < 150 || t is > 330 and < 420;
        double glassTarget = s.OutsideTempC + 0.4 * (s.CabinTempC - s.OutsideTempC) + (s.Defrost ? 6 : 0);
        s.WindscreenTempC += (glassTarget - s.WindscreenTempC) * 0.01 * dt;
    }
}
