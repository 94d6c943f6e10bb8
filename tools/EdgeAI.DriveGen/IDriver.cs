namespace EdgeAI.DriveGen;

/// <summary>
/// What the driver does and how the car moves: <see cref="VehicleModel"/> asks it for the driver's actions and the
/// longitudinal motion each step, computes the powertrain and battery from them, then asks it for the lateral motion.
/// </summary>
internal interface IDriver
{
    /// <summary>Length of the drive, seconds.</summary>
    double DurationSeconds { get; }

    /// <summary>Sets the driver's actions (doors, belts, gear, lights, pedals) and the speed and acceleration at
    /// <c>s.TimeSeconds</c>, which the model has already advanced by <paramref name="dt"/>.</summary>
    void Drive(VehicleState s, double dt, Random random);

    /// <summary>Sets steering, yaw, heading, position and wheel speeds after the powertrain has run.</summary>
    void Steer(VehicleState s, double dt);
}
