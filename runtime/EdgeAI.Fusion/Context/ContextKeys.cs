namespace EdgeAI.Fusion.Context;

/// <summary>
/// The key names the context itself reads or writes. Signal-map keys follow COVESA VSS paths where one exists; keys only
/// EdgeAI has sit under <c>EdgeAI.*</c>. A signal map that lacks one of the read keys leaves what depends on it
/// unknown (see docs/vehicle-context.md).
/// </summary>
public static class ContextKeys
{
    // Read from the signal map.
    public const string Speed = "Vehicle.Speed";
    public const string Gear = "Vehicle.Powertrain.Transmission.SelectedGear";
    public const string Ready = "EdgeAI.Powertrain.IsReady";
    public const string ParkingBrake = "Vehicle.Chassis.ParkingBrake.IsEngaged";
    public const string StateOfCharge = "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed";
    public const string Range = "Vehicle.Powertrain.Range";
    public const string RemainingEnergy = "Vehicle.Powertrain.TractionBattery.StateOfCharge.CurrentEnergy";
    public const string IsCharging = "Vehicle.Powertrain.TractionBattery.Charging.IsCharging";
    public const string SteeringAngle = "Vehicle.Chassis.SteeringWheel.Angle";
    public const string SteeringRate = "EdgeAI.Chassis.SteeringWheel.AngularRate";
    public const string Accelerator = "Vehicle.Chassis.Accelerator.PedalPosition";
    public const string Brake = "Vehicle.Chassis.Brake.PedalPosition";
    public const string IndicatorLeft = "Vehicle.Body.Lights.DirectionIndicator.Left.IsSignaling";
    public const string IndicatorRight = "Vehicle.Body.Lights.DirectionIndicator.Right.IsSignaling";
    public const string Hazard = "Vehicle.Body.Lights.Hazard.IsSignaling";
    public const string LowBeam = "Vehicle.Body.Lights.Beam.Low.IsOn";
    public const string HighBeam = "Vehicle.Body.Lights.Beam.High.IsOn";
    public const string Wipers = "Vehicle.Body.Windshield.Front.Wiping.Mode";
    public const string OutsideTemperature = "Vehicle.Exterior.AirTemperature";
    public const string CabinTemperature = "Vehicle.Cabin.HVAC.AmbientAirTemperature";
    public const string Odometer = "Vehicle.TraveledDistance";
    public const string DoorDriver = "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen";
    public const string DoorPassenger = "Vehicle.Cabin.Door.Row1.PassengerSide.IsOpen";
    public const string DoorRearLeft = "Vehicle.Cabin.Door.Row2.DriverSide.IsOpen";
    public const string DoorRearRight = "Vehicle.Cabin.Door.Row2.PassengerSide.IsOpen";
    public const string Trunk = "Vehicle.Body.Trunk.Rear.IsOpen";
    public const string DriverBelt = "Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted";
    public const string Latitude = "Vehicle.CurrentLocation.Latitude";
    public const string Longitude = "Vehicle.CurrentLocation.Longitude";

    // Written by the GPS receiver (latitude and longitude above too, preferred over CAN while fresh).
    public const string Altitude = "Vehicle.CurrentLocation.Altitude";
    public const string Heading = "Vehicle.CurrentLocation.Heading";
    public const string GpsSpeed = "EdgeAI.Gps.Speed";
    public const string GpsQuality = "EdgeAI.Gps.FixQuality";
    public const string GpsHdop = "EdgeAI.Gps.Hdop";
    public const string GpsSatellites = "EdgeAI.Gps.Satellites";

    // Written by the cabin climate sensor.
    public const string SensorCabinTemperature = "EdgeAI.Cabin.Sensor.AirTemperature";
    public const string SensorCabinHumidity = "EdgeAI.Cabin.Sensor.Humidity";
    public const string SensorCabinPressure = "EdgeAI.Cabin.Sensor.Pressure";

    // Written by the driver monitor.
    public const string Attention = "EdgeAI.Driver.Attention";
    public const string Awareness = "EdgeAI.Driver.Awareness";

    // Derived.
    public const string Phase = "EdgeAI.Drive.Phase";
    public const string Turning = "EdgeAI.Drive.IsTurning";
    public const string Manoeuvring = "EdgeAI.Drive.IsManoeuvring";
    public const string TripDuration = "EdgeAI.Trip.Duration";
    public const string TripDistance = "EdgeAI.Trip.Distance";
    public const string TripEnergy = "EdgeAI.Trip.EnergyUsed";
    public const string TripConsumption = "EdgeAI.Trip.Consumption";
    public const string Workload = "EdgeAI.Driver.Workload";
    public const string Dark = "EdgeAI.Environment.IsDark";
    public const string Raining = "EdgeAI.Environment.IsRaining";
    public const string TimeOfDay = "EdgeAI.Environment.TimeOfDay";
}
