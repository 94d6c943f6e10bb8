namespace EdgeAI.Fusion.Context;

/// <summary>
/// The key names the context itself reads or writes. Signal-map keys follow COVESA VSS paths where one exists; keys only
/// EdgeAI has sit under <c>EdgeAI.*</c>. A signal map that lacks one of the read keys leaves what depends on it
/// unknown (see docs/vehicle-context.md).
/// </summary>
public static class ContextKeys
{
    // Read from the signal map.
    /// <summary><c>Vehicle.Speed</c>: vehicle speed from CAN, km/h.</summary>
    public const string Speed = "Vehicle.Speed";
    /// <summary><c>Vehicle.Powertrain.Transmission.SelectedGear</c>: the selected gear.</summary>
    public const string Gear = "Vehicle.Powertrain.Transmission.SelectedGear";
    /// <summary><c>EdgeAI.Powertrain.IsReady</c>: whether the powertrain is ready to drive.</summary>
    public const string Ready = "EdgeAI.Powertrain.IsReady";
    /// <summary><c>Vehicle.Chassis.ParkingBrake.IsEngaged</c>: whether the parking brake is engaged.</summary>
    public const string ParkingBrake = "Vehicle.Chassis.ParkingBrake.IsEngaged";
    /// <summary><c>Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed</c>: the displayed state of charge, %.</summary>
    public const string StateOfCharge = "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed";
    /// <summary><c>Vehicle.Powertrain.Range</c>: the remaining range, km.</summary>
    public const string Range = "Vehicle.Powertrain.Range";
    /// <summary><c>Vehicle.Powertrain.TractionBattery.StateOfCharge.CurrentEnergy</c>: the energy left in the traction battery, kWh.</summary>
    public const string RemainingEnergy = "Vehicle.Powertrain.TractionBattery.StateOfCharge.CurrentEnergy";
    /// <summary><c>Vehicle.Powertrain.TractionBattery.Charging.IsCharging</c>: whether the battery is charging.</summary>
    public const string IsCharging = "Vehicle.Powertrain.TractionBattery.Charging.IsCharging";
    /// <summary><c>Vehicle.Chassis.SteeringWheel.Angle</c>: the steering wheel angle, degrees.</summary>
    public const string SteeringAngle = "Vehicle.Chassis.SteeringWheel.Angle";
    /// <summary><c>EdgeAI.Chassis.SteeringWheel.AngularRate</c>: the steering wheel angular rate, degrees/s.</summary>
    public const string SteeringRate = "EdgeAI.Chassis.SteeringWheel.AngularRate";
    /// <summary><c>Vehicle.Chassis.Accelerator.PedalPosition</c>: the accelerator pedal position, %.</summary>
    public const string Accelerator = "Vehicle.Chassis.Accelerator.PedalPosition";
    /// <summary><c>Vehicle.Chassis.Brake.PedalPosition</c>: the brake pedal position, %.</summary>
    public const string Brake = "Vehicle.Chassis.Brake.PedalPosition";
    /// <summary><c>Vehicle.Body.Lights.DirectionIndicator.Left.IsSignaling</c>: whether the left indicator is signalling.</summary>
    public const string IndicatorLeft = "Vehicle.Body.Lights.DirectionIndicator.Left.IsSignaling";
    /// <summary><c>Vehicle.Body.Lights.DirectionIndicator.Right.IsSignaling</c>: whether the right indicator is signalling.</summary>
    public const string IndicatorRight = "Vehicle.Body.Lights.DirectionIndicator.Right.IsSignaling";
    /// <summary><c>Vehicle.Body.Lights.Hazard.IsSignaling</c>: whether the hazard lights are signalling.</summary>
    public const string Hazard = "Vehicle.Body.Lights.Hazard.IsSignaling";
    /// <summary><c>Vehicle.Body.Lights.Beam.Low.IsOn</c>: whether the low beam is on.</summary>
    public const string LowBeam = "Vehicle.Body.Lights.Beam.Low.IsOn";
    /// <summary><c>Vehicle.Body.Lights.Beam.High.IsOn</c>: whether the high beam is on.</summary>
    public const string HighBeam = "Vehicle.Body.Lights.Beam.High.IsOn";
    /// <summary><c>Vehicle.Body.Windshield.Front.Wiping.Mode</c>: the front wipers' mode.</summary>
    public const string Wipers = "Vehicle.Body.Windshield.Front.Wiping.Mode";
    /// <summary><c>Vehicle.Exterior.AirTemperature</c>: the outside air temperature, °C.</summary>
    public const string OutsideTemperature = "Vehicle.Exterior.AirTemperature";
    /// <summary><c>Vehicle.Cabin.HVAC.AmbientAirTemperature</c>: the cabin air temperature from the HVAC, °C.</summary>
    public const string CabinTemperature = "Vehicle.Cabin.HVAC.AmbientAirTemperature";
    /// <summary><c>Vehicle.TraveledDistance</c>: the distance the vehicle has travelled, km.</summary>
    public const string Odometer = "Vehicle.TraveledDistance";
    /// <summary><c>Vehicle.Cabin.Door.Row1.DriverSide.IsOpen</c>: whether the driver's door is open.</summary>
    public const string DoorDriver = "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen";
    /// <summary><c>Vehicle.Cabin.Door.Row1.PassengerSide.IsOpen</c>: whether the front passenger's door is open.</summary>
    public const string DoorPassenger = "Vehicle.Cabin.Door.Row1.PassengerSide.IsOpen";
    /// <summary><c>Vehicle.Cabin.Door.Row2.DriverSide.IsOpen</c>: whether the rear left door is open.</summary>
    public const string DoorRearLeft = "Vehicle.Cabin.Door.Row2.DriverSide.IsOpen";
    /// <summary><c>Vehicle.Cabin.Door.Row2.PassengerSide.IsOpen</c>: whether the rear right door is open.</summary>
    public const string DoorRearRight = "Vehicle.Cabin.Door.Row2.PassengerSide.IsOpen";
    /// <summary><c>Vehicle.Body.Trunk.Rear.IsOpen</c>: whether the trunk is open.</summary>
    public const string Trunk = "Vehicle.Body.Trunk.Rear.IsOpen";
    /// <summary><c>Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted</c>: whether the driver's belt is fastened.</summary>
    public const string DriverBelt = "Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted";
    /// <summary><c>Vehicle.CurrentLocation.Latitude</c>: latitude, degrees (GPS preferred over CAN while fresh).</summary>
    public const string Latitude = "Vehicle.CurrentLocation.Latitude";
    /// <summary><c>Vehicle.CurrentLocation.Longitude</c>: longitude, degrees (GPS preferred over CAN while fresh).</summary>
    public const string Longitude = "Vehicle.CurrentLocation.Longitude";

    // Written by the GPS receiver (latitude and longitude above too, preferred over CAN while fresh).
    /// <summary><c>Vehicle.CurrentLocation.Altitude</c>: altitude from the GPS receiver, m.</summary>
    public const string Altitude = "Vehicle.CurrentLocation.Altitude";
    /// <summary><c>Vehicle.CurrentLocation.Heading</c>: heading from the GPS receiver, degrees clockwise from north.</summary>
    public const string Heading = "Vehicle.CurrentLocation.Heading";
    /// <summary><c>EdgeAI.Gps.Speed</c>: speed over ground from the GPS receiver, km/h.</summary>
    public const string GpsSpeed = "EdgeAI.Gps.Speed";
    /// <summary><c>EdgeAI.Gps.FixQuality</c>: the GPS fix quality.</summary>
    public const string GpsQuality = "EdgeAI.Gps.FixQuality";
    /// <summary><c>EdgeAI.Gps.Hdop</c>: the GPS horizontal dilution of precision.</summary>
    public const string GpsHdop = "EdgeAI.Gps.Hdop";
    /// <summary><c>EdgeAI.Gps.Satellites</c>: satellites used in the GPS fix.</summary>
    public const string GpsSatellites = "EdgeAI.Gps.Satellites";

    // Written by the cabin climate sensor.
    /// <summary><c>EdgeAI.Cabin.Sensor.AirTemperature</c>: cabin air temperature from the climate sensor, °C.</summary>
    public const string SensorCabinTemperature = "EdgeAI.Cabin.Sensor.AirTemperature";
    /// <summary><c>EdgeAI.Cabin.Sensor.Humidity</c>: cabin relative humidity from the climate sensor, %.</summary>
    public const string SensorCabinHumidity = "EdgeAI.Cabin.Sensor.Humidity";
    /// <summary><c>EdgeAI.Cabin.Sensor.Pressure</c>: cabin air pressure from the climate sensor, hPa.</summary>
    public const string SensorCabinPressure = "EdgeAI.Cabin.Sensor.Pressure";

    // Written by the driver monitor.
    /// <summary><c>EdgeAI.Driver.Attention</c>: the driver monitor's attention state.</summary>
    public const string Attention = "EdgeAI.Driver.Attention";
    /// <summary><c>EdgeAI.Driver.Awareness</c>: the driver monitor's awareness level (0-1).</summary>
    public const string Awareness = "EdgeAI.Driver.Awareness";

    // Derived.
    /// <summary><c>EdgeAI.Drive.Phase</c>: the derived drive phase (parked, ready, moving, stopped in traffic, charging).</summary>
    public const string Phase = "EdgeAI.Drive.Phase";
    /// <summary><c>EdgeAI.Drive.IsTurning</c>: derived: the car is turning.</summary>
    public const string Turning = "EdgeAI.Drive.IsTurning";
    /// <summary><c>EdgeAI.Drive.IsManoeuvring</c>: derived: the car is manoeuvring.</summary>
    public const string Manoeuvring = "EdgeAI.Drive.IsManoeuvring";
    /// <summary><c>EdgeAI.Trip.Duration</c>: derived: the trip's duration, s.</summary>
    public const string TripDuration = "EdgeAI.Trip.Duration";
    /// <summary><c>EdgeAI.Trip.Distance</c>: derived: the trip's distance, km.</summary>
    public const string TripDistance = "EdgeAI.Trip.Distance";
    /// <summary><c>EdgeAI.Trip.EnergyUsed</c>: derived: the energy used on the trip, kWh.</summary>
    public const string TripEnergy = "EdgeAI.Trip.EnergyUsed";
    /// <summary><c>EdgeAI.Trip.Consumption</c>: derived: the rolling consumption, kWh/100 km.</summary>
    public const string TripConsumption = "EdgeAI.Trip.Consumption";
    /// <summary><c>EdgeAI.Driver.Workload</c>: derived: the driver's workload (0-1, docs/vehicle-context.md).</summary>
    public const string Workload = "EdgeAI.Driver.Workload";
    /// <summary><c>EdgeAI.Environment.IsDark</c>: derived: it is dark (the lights are on).</summary>
    public const string Dark = "EdgeAI.Environment.IsDark";
    /// <summary><c>EdgeAI.Environment.IsRaining</c>: derived: it is raining (the wipers run).</summary>
    public const string Raining = "EdgeAI.Environment.IsRaining";
    /// <summary><c>EdgeAI.Environment.TimeOfDay</c>: derived: the part of the day (an enum: night, morning, ...).</summary>
    public const string TimeOfDay = "EdgeAI.Environment.TimeOfDay";
}
