namespace EdgeAI.DriveGen;

/// <summary>
/// The city drive's driver: follows a <see cref="DriveScript"/> (target speed, turns, indicators, gear and door actions
/// per leg) with comfortable acceleration and firmer braking, and steers by the leg's steering angle on a flat map.
/// </summary>
internal sealed class ScriptedDriver(DriveScript script) : IDriver
{
    private readonly DriveScript _script = script;
    private DriveScript.Leg _leg;

    public double DurationSeconds => _script.DurationSeconds;

    public void Drive(VehicleState s, double dt, Random random)
    {
        double t = s.TimeSeconds;
        var leg = _leg = _script.At(t);

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
        double accel = Math.Clamp(error * 0.6, -2.6, 1.8) + (random.NextDouble() - 0.5) * 0.05 * (v > 0.5 ? 1 : 0);
        if (target == 0 && v < 0.3) accel = -v / dt;
        double vNext = Math.Max(0, v + accel * dt);
        s.AccelerationMps2 = (vNext - v) / dt;
        v = vNext;
        s.SpeedKph = v * 3.6;
        s.AcceleratorPercent = s.AccelerationMps2 > 0.05 ? Math.Clamp(15 + s.AccelerationMps2 * 30 + v * 0.4, 0, 100) : v > 1 && error > -0.5 ? Math.Clamp(v * 0.6, 0, 100) : 0;
        s.BrakePercent = s.AccelerationMps2 < -0.8 || (v < 0.1 && !s.ParkingBrake && s.Gear != 0) ? Math.Clamp(-s.AccelerationMps2 * 25, 8, 100) : 0;
        s.BrakePressed = s.BrakePercent > 0;
        s.SpeedMps = v;
    }

    public void Steer(VehicleState s, double dt)
    {
        // Distance, heading, lateral motion.
        double v = s.SpeedMps;
        double distanceKm = v * dt / 1000;
        s.OdometerKm += distanceKm;
        s.TripKm += distanceKm;
        double steeringTarget = _leg.SteeringDeg;
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
    }
}
