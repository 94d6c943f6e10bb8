namespace EdgeAI.DriveGen;

/// <summary>
/// What the driver does over the ten-minute city drive: a list of timed legs (target speed, turns,
/// indicators, gear and door actions). Deterministic for a seed; the vehicle model follows it.
/// </summary>
internal sealed class DriveScript
{
    /// <summary>One leg: reach <see cref="TargetKph"/> and hold it until <see cref="EndSeconds"/>.</summary>
    internal readonly record struct Leg(double EndSeconds, double TargetKph, double SteeringDeg, int Indicator, int Gear, string What);

    private readonly List<Leg> _legs = [];

    public IReadOnlyList<Leg> Legs => _legs;

    public double DurationSeconds => _legs[^1].EndSeconds;

    public DriveScript(int seed)
    {
        var random = new Random(seed);
        double t = 0;
        void Add(double seconds, double kph, string what, double steering = 0, int indicator = 0, int gear = 3)
        {
            t += seconds;
            _legs.Add(new Leg(t, kph, steering, indicator, gear, what));
        }

        Add(16, 0, "parked: doors, belt, ready", gear: 0);
        Add(4, 0, "release parking brake, drive", gear: 3);
        // City: accelerate, cruise, stop at a red light; a turn now and then.
        for (int block = 0; block < 4; block++)
        {
            Add(22 + random.Next(0, 14), 50 - random.Next(0, 10), "city cruise");
            if (block % 2 == 1) Add(7, 22, "turn right", steering: 180, indicator: 2);
            Add(9, 0, "brake for red light");
            Add(18 + random.Next(0, 20), 0, "wait at red light");
        }
        Add(6, 30, "turn left onto the ring road", steering: -150, indicator: 1);
        Add(20, 80, "accelerate onto the fast road");
        Add(115 + random.Next(0, 20), 100, "fast road");
        Add(18, 60, "exit the fast road", steering: 60, indicator: 2);
        for (int block = 0; block < 2; block++)
        {
            Add(25 + random.Next(0, 10), 45, "city cruise");
            Add(9, 0, "brake for red light");
            Add(20 + random.Next(0, 10), 0, "wait at red light");
        }
        Add(30, 30, "look for parking");
        Add(8, 8, "slow down at the parking spot", indicator: 2);
        Add(4, 0, "stop");
        Add(6, 6, "reverse into the spot", steering: -420, gear: 1);
        Add(5, 0, "straighten and stop", steering: 0, gear: 1);
        Add(20, 0, "park: P, parking brake, belt off, door open", gear: 0);
    }

    /// <summary>The leg in force at time <paramref name="t"/>.</summary>
    public Leg At(double t)
    {
        foreach (var leg in _legs)
            if (t < leg.EndSeconds) return leg;
        return _legs[^1];
    }
}
