namespace EdgeAI.DriveGen.Adlershof;

/// <summary>
/// The Adlershof drive's driver: the car moves exactly as SUMO drove it (<see cref="FcdTrace"/>), and the driver's own
/// actions are scripted around it: getting in and ready before the trace starts, plugging in at the charging stop (the
/// trace's one long stop), and parking after it ends.
/// </summary>
internal sealed class TraceDriver : IDriver
{
    /// <summary>Seconds parked before SUMO's first step: door, belt, READY, drive.</summary>
    public const double GetInSeconds = 20;
    /// <summary>Seconds after SUMO's last step: P, parking brake, belt off, door open.</summary>
    public const double ParkSeconds = 25;

    private readonly FcdTrace _trace;
    private readonly (double From, double To) _charge;
    private readonly Func<double, double> _chargePowerKw;
    private double _previousHeading = double.NaN;

    /// <param name="trace">SUMO's drive.</param>
    /// <param name="charge">The charging stop in SUMO time.</param>
    /// <param name="chargePowerKw">The charger's power at a state of charge (percent).</param>
    public TraceDriver(FcdTrace trace, (double From, double To) charge, Func<double, double> chargePowerKw)
    {
        _trace = trace;
        _charge = charge;
        _chargePowerKw = chargePowerKw;
    }

    public double DurationSeconds => GetInSeconds + (_trace.End - _trace.Start) + ParkSeconds;

    /// <summary>Log time of SUMO time <paramref name="sumoTime"/>.</summary>
    public double LogTime(double sumoTime) => sumoTime - _trace.Start + GetInSeconds;

    public void Drive(VehicleState s, double dt, Random random)
    {
        double t = s.TimeSeconds;
        double end = DurationSeconds;
        var now = _trace.At(t - GetInSeconds + _trace.Start);
        double chargeFrom = LogTime(_charge.From), chargeTo = LogTime(_charge.To);
        bool charging = t > chargeFrom + 3 && t < chargeTo - 2;
        double c = t - chargeFrom, left = chargeTo - t; // seconds into and before the end of the charging stop

        s.DoorOpen[0] = t is > 1.5 and < 5.5 || t > end - 8 || charging && (c is > 8 and < 12 || left is > 15 and < 19);
        s.BeltBuckled[0] = t is > 8 && t < end - 12 && !(charging && c > 5 && left > 8);
        s.ParkingBrake = t < 17 || t > end - 16 || charging;
        s.Gear = t < 14 || t > end - 18 || charging ? 0 : 3;
        s.ChargePortOpen = charging && c > 10 && left > 18;
        s.ChargingState = charging && c > 15 && left > 22 ? (c > 20 ? 2 : 1) : 0;
        double target = s.ChargingState == 2 ? _chargePowerKw(s.SocPercent) : 0;
        s.ChargePowerKw += Math.Clamp(target - s.ChargePowerKw, -40 * dt, 25 * dt); // the charger ramps up and down

        double v = t < GetInSeconds || t > end - ParkSeconds ? 0 : now.SpeedMps;
        double vBefore = s.SpeedMps;
        s.AccelerationMps2 = (v - vBefore) / dt;
        s.SpeedMps = v;
        s.SpeedKph = v * 3.6;
        s.AcceleratorPercent = s.AccelerationMps2 > 0.05 ? Math.Clamp(15 + s.AccelerationMps2 * 30 + v * 0.4, 0, 100) : v > 1 && s.AccelerationMps2 > -0.3 ? Math.Clamp(v * 0.6, 0, 100) : 0;
        s.BrakePercent = s.AccelerationMps2 < -0.8 || (v < 0.1 && !s.ParkingBrake && s.Gear != 0) ? Math.Clamp(-s.AccelerationMps2 * 25, 8, 100) : 0;
        s.BrakePressed = s.BrakePercent > 0;
    }

    public void Steer(VehicleState s, double dt)
    {
        double t = s.TimeSeconds;
        var now = _trace.At(t - GetInSeconds + _trace.Start);
        double v = s.SpeedMps;
        s.OdometerKm += v * dt / 1000;
        s.TripKm += v * dt / 1000;
        double yaw = double.IsNaN(_previousHeading) ? 0 : (((now.HeadingDeg - _previousHeading + 540) % 360) - 180) / dt;
        _previousHeading = now.HeadingDeg;
        s.HeadingDeg = now.HeadingDeg;
        s.Latitude = now.Lat;
        s.Longitude = now.Lon;
        s.YawRateDegPerS = yaw;
        double yawRad = yaw * Math.PI / 180;
        s.LateralAccelerationMps2 = v * yawRad;
        // The steering wheel that gives this yaw rate (bicycle model, 2.9 m wheelbase, ratio 15.5), rate-limited.
        double steering = v > 1 ? Math.Clamp(Math.Atan(yawRad * 2.9 / v) * 180 / Math.PI * 15.5, -500, 500) : s.SteeringAngleDeg;
        double next = s.SteeringAngleDeg + Math.Clamp(steering - s.SteeringAngleDeg, -300 * dt, 300 * dt);
        s.SteeringRateDegPerS = (next - s.SteeringAngleDeg) / dt;
        s.SteeringAngleDeg = next;
        // Indicate while turning in town.
        bool turning = Math.Abs(s.SteeringAngleDeg) > 60 && s.SpeedKph is > 2 and < 35;
        s.LeftIndicator = turning && s.SteeringAngleDeg < 0 && ((int)(t * 2.5) & 1) == 0;
        s.RightIndicator = turning && s.SteeringAngleDeg > 0 && ((int)(t * 2.5) & 1) == 0;
        double halfTrack = 0.8 * yawRad * 3.6;
        s.WheelSpeedKph[0] = Math.Max(0, s.SpeedKph - halfTrack);
        s.WheelSpeedKph[1] = Math.Max(0, s.SpeedKph + halfTrack);
        s.WheelSpeedKph[2] = Math.Max(0, s.SpeedKph - halfTrack * 0.9);
        s.WheelSpeedKph[3] = Math.Max(0, s.SpeedKph + halfTrack * 0.9);
    }
}
