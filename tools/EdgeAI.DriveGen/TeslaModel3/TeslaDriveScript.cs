namespace EdgeAI.DriveGen.TeslaModel3;

/// <summary>
/// What happens over the two-minute Tesla Model 3 drive, as fixed times and a piecewise-linear speed profile, so every
/// value at every instant follows from the time alone (the tests write the same numbers as their oracle): parked, the
/// driver gets in and buckles up, ready, P -> D, moves off, slows for a left turn with the indicator on, stops in
/// traffic, moves off again, indicates right, stops, P, gets out.
/// </summary>
internal static class TeslaDriveScript
{
    public const double DurationSeconds = 120;

    public const double HandlePulledAt = 1.8, DoorOpensAt = 2.0, DriverSitsAt = 3.5, DoorClosesAt = 5.0, BeltOnAt = 7.0;
    public const double BrakeOnAt = 9.0, ReadyAt = 10.0, DriveAt = 12.0, BrakeOffAt = 15.0;
    public const double LeftIndicatorFrom = 31.0, LeftIndicatorTo = 40.0;
    public const double RightIndicatorFrom = 92.0, RightIndicatorTo = 99.0;
    public const double ParkAt = 113.0, ReadyOffAt = 114.0, BeltOffAt = 115.5, DoorOpensAgainAt = 117.0, DriverLeavesAt = 118.5;

    /// <summary>Speed knots (s, km/h), linear in between: 5 km/h per second up and down.</summary>
    public static readonly (double T, double Kph)[] Speed =
    [
        (0, 0), (15, 0), (25, 50), (33, 50), (37, 30), (41, 30), (45, 50), (52, 50), (62, 0),
        (74, 0), (82, 40), (95, 40), (103, 0), (DurationSeconds, 0),
    ];

    /// <summary>Steering knots (s, degrees, + = left): the left turn.</summary>
    public static readonly (double T, double Deg)[] Steering =
    [
        (0, 0), (37.0, 0), (38.5, 90), (39.5, 90), (41.0, 0), (DurationSeconds, 0),
    ];

    /// <summary>What happens when, for the generator's printout and docs.</summary>
    public static readonly (double At, string What)[] Timeline =
    [
        (0, "parked in P, not ready, doors closed"),
        (DoorOpensAt, "driver door opens"),
        (DoorClosesAt, "driver door closes"),
        (BeltOnAt, "driver belt buckled"),
        (ReadyAt, "ready to drive (brake pressed)"),
        (DriveAt, "P -> D"),
        (15, "moving off: 0 -> 50 km/h by 25 s"),
        (LeftIndicatorFrom, "left indicator on; 50 -> 30 km/h 33-37 s, turn left 37-41 s"),
        (LeftIndicatorTo, "left indicator off"),
        (41, "30 -> 50 km/h by 45 s, 50 km/h to 52 s"),
        (52, "braking: 50 -> 0 km/h by 62 s"),
        (62, "stopped in traffic in D, brake held, to 74 s"),
        (74, "moving off: 0 -> 40 km/h by 82 s, 40 km/h to 95 s"),
        (RightIndicatorFrom, "right indicator on"),
        (95, "braking: 40 -> 0 km/h by 103 s"),
        (RightIndicatorTo, "right indicator off"),
        (ParkAt, "D -> P"),
        (ReadyOffAt, "not ready"),
        (BeltOffAt, "driver belt unbuckled"),
        (DoorOpensAgainAt, "driver door opens"),
    ];

    /// <summary>Fills <paramref name="s"/> for time <paramref name="t"/> (seconds since the first frame).</summary>
    public static void At(double t, TeslaState s)
    {
        s.TimeSeconds = t;
        s.SpeedKph = Interpolate(Speed, t);
        double slope = (Interpolate(Speed, t + 0.01) - s.SpeedKph) / 0.01;
        s.SteeringAngleDeg = Interpolate(Steering, t);
        s.SteeringRateDegPerS = Math.Round((Interpolate(Steering, t + 0.01) - s.SteeringAngleDeg) / 0.01, 6);
        s.Gear = t >= DriveAt && t < ParkAt ? 4 : 1;
        bool ready = t >= ReadyAt && t < ReadyOffAt;
        s.DriveSystemState = ready ? 5 : 2;
        s.PowerState = ready ? 3 : 2;
        s.ParkingBrakeRequest = t >= DriveAt && t < DriveAt + 0.5 ? 2 : t >= ParkAt && t < ParkAt + 0.5 ? 1 : 0;
        s.AcceleratorPercent = slope > 0.1 ? 30 : s.SpeedKph > 0 && slope > -0.1 ? 16 : 0;
        bool standingInGear = s.SpeedKph == 0 && s.Gear == 4;
        s.BrakePressed = t >= BrakeOnAt && t < BrakeOffAt || slope < -0.1 || standingInGear && t >= BrakeOffAt;
        s.DriverHandlePulled = t >= HandlePulledAt && t < DoorOpensAt + 0.3;
        s.DriverDoorOpen = t >= DoorOpensAt && t < DoorClosesAt || t >= DoorOpensAgainAt;
        s.DriverPresent = t >= DriverSitsAt && t < DriverLeavesAt;
        s.DriverBelted = t >= BeltOnAt && t < BeltOffAt;
        s.Indicator = t >= LeftIndicatorFrom && t < LeftIndicatorTo ? -1 : t >= RightIndicatorFrom && t < RightIndicatorTo ? 1 : 0;
        double since = s.Indicator < 0 ? t - LeftIndicatorFrom : t - RightIndicatorFrom;
        s.IndicatorLampLit = s.Indicator != 0 && since % (2.0 / 3) < 1.0 / 3; // 1.5 Hz, half on
        s.TurnStalk = t >= LeftIndicatorFrom && t < LeftIndicatorFrom + 0.4 ? 3 : t >= RightIndicatorFrom && t < RightIndicatorFrom + 0.4 ? 1 : 0;
        s.GearStalk = t >= DriveAt - 0.2 && t < DriveAt + 0.2 ? 3 : 0;
        s.ParkButtonPressed = t >= ParkAt - 0.2 && t < ParkAt + 0.2;
    }

    private static double Interpolate((double T, double V)[] knots, double t)
    {
        for (int i = 1; i < knots.Length; i++)
        {
            var (t1, v1) = knots[i];
            if (t > t1) continue;
            var (t0, v0) = knots[i - 1];
            return t1 == t0 ? v1 : v0 + (v1 - v0) * (t - t0) / (t1 - t0);
        }
        return knots[^1].V;
    }
}
