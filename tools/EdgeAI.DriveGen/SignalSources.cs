namespace EdgeAI.DriveGen;

/// <summary>
/// Where each signal of edgeai_demo.dbc gets its value from the simulated car. Signals not listed
/// are sent as 0 (reserved bits, unused objects); counters and checksums are filled by the generator.
/// </summary>
internal static class SignalSources
{
    public static readonly IReadOnlyDictionary<string, Func<VehicleState, double>> ByName = new Dictionary<string, Func<VehicleState, double>>
    {
        // EPS_Steering
        ["SteeringAngle"] = s => s.SteeringAngleDeg,
        ["SteeringRate"] = s => s.SteeringRateDegPerS,
        ["SteeringTorque"] = s => Math.Clamp(s.SteeringRateDegPerS * 0.01 + s.LateralAccelerationMps2 * 0.4, -20, 20),
        ["SteeringAngleValid"] = _ => 1,
        // ESP
        ["WheelSpeed_FL"] = s => s.WheelSpeedKph[0],
        ["WheelSpeed_FR"] = s => s.WheelSpeedKph[1],
        ["WheelSpeed_RL"] = s => s.WheelSpeedKph[2],
        ["WheelSpeed_RR"] = s => s.WheelSpeedKph[3],
        ["VehicleSpeed"] = s => s.SpeedKph,
        ["VehicleSpeedValid"] = _ => 1,
        ["BrakePedalPressed"] = s => s.BrakePressed ? 1 : 0,
        ["BrakePedalPosition"] = s => s.BrakePercent,
        ["BrakePressure"] = s => s.BrakePercent * 1.2,
        ["LongitudinalAccel"] = s => s.AccelerationMps2,
        ["YawRate"] = s => s.YawRateDegPerS,
        // VCU
        ["GearPosition"] = s => s.Gear,
        ["ParkingBrake"] = s => s.ParkingBrake ? 1 : 0,
        ["ReadyToDrive"] = s => s.TimeSeconds > s.ReadyAtSeconds ? 1 : 0,
        ["AcceleratorPedal"] = s => s.AcceleratorPercent,
        ["DriveMode"] = _ => 0,
        ["RegenLevel"] = _ => 2,
        // MCU
        ["MotorTorque"] = s => s.MotorTorqueNm,
        ["MotorSpeed"] = s => s.MotorSpeedRpm,
        ["MotorPower"] = s => s.MotorPowerKw,
        ["InverterTemperature"] = s => 32 + s.BatteryTempC * 0.2 + Math.Abs(s.MotorPowerKw) * 0.05,
        ["MotorTemperature"] = s => 38 + s.TimeSeconds * 0.02,
        // ADAS: a lead car in the ego lane while moving, a car in the left lane on the fast road.
        ["ObjectCount"] = s => s.SpeedKph > 70 ? 2 : s.SpeedKph > 3 ? 1 : 0,
        ["SensorStatus"] = s => s.WiperMode > 0 ? 1 : 0,
        ["ProcessingLatency"] = _ => 38,
        ["Obj1_Id"] = s => s.SpeedKph > 3 ? 17 : 0,
        ["Obj1_Class"] = s => s.SpeedKph > 3 ? 1 : 0,
        ["Obj1_LongDistance"] = s => s.SpeedKph > 3 ? Math.Min(409, 6 + s.SpeedKph / 3.6 * 1.8) : 0,
        ["Obj1_RelSpeed"] = s => s.SpeedKph > 3 ? -s.AccelerationMps2 * 0.8 : 0,
        ["Obj1_Confidence"] = s => s.SpeedKph > 3 ? 96 : 0,
        ["Obj1_MotionState"] = s => s.SpeedKph > 3 ? 1 : 0,
        ["Obj1_Lane"] = s => s.SpeedKph > 3 ? 1 : 0,
        ["Obj2_Id"] = s => s.SpeedKph > 70 ? 42 : 0,
        ["Obj2_Class"] = s => s.SpeedKph > 70 ? 2 : 0,
        ["Obj2_LongDistance"] = s => s.SpeedKph > 70 ? 35 + 20 * Math.Sin(s.TimeSeconds / 9) : 0,
        ["Obj2_LatDistance"] = s => s.SpeedKph > 70 ? 3.6 : 0,
        ["Obj2_RelSpeed"] = s => s.SpeedKph > 70 ? 2.2 * Math.Cos(s.TimeSeconds / 9) : 0,
        ["Obj2_Confidence"] = s => s.SpeedKph > 70 ? 88 : 0,
        ["Obj2_MotionState"] = s => s.SpeedKph > 70 ? 1 : 0,
        ["Obj2_Lane"] = s => s.SpeedKph > 70 ? 2 : 0,
        // BMS
        ["HvBatteryVoltage"] = s => s.BatteryVoltage,
        ["HvBatteryCurrent"] = s => s.BatteryCurrent,
        ["HvBatteryPower"] = s => s.BatteryPowerKw,
        ["StateOfCharge"] = s => s.SocPercent,
        ["BmsState"] = s => s.ChargingState == 2 ? 3 : 2,
        ["ContactorsClosed"] = s => s.TimeSeconds > s.ReadyAtSeconds - 2 ? 1 : 0,
        // OBC: the city drive never plugs in
        ["ChargingState"] = s => s.ChargingState,
        ["ChargePlugLocked"] = s => s.ChargingState is 1 or 2 ? 1 : 0,
        ["ChargerType"] = s => s.ChargingState is 1 or 2 ? 2 : 0,
        ["ChargePower"] = s => s.ChargePowerKw,
        ["ChargeLimitSoc"] = _ => 80,
        // BCM
        ["TurnIndicatorLeft"] = s => s.LeftIndicator ? 1 : 0,
        ["TurnIndicatorRight"] = s => s.RightIndicator ? 1 : 0,
        ["LowBeam"] = s => s.LowBeam ? 1 : 0,
        ["HighBeam"] = s => s.HighBeam ? 1 : 0,
        ["DaytimeRunningLights"] = _ => 1,
        ["WiperMode"] = s => s.WiperMode,
        ["WiperInterval"] = _ => 3,
        ["RainIntensity"] = s => s.WiperMode > 0 ? 12 : 0,
        ["HeadlightSwitch"] = _ => 3,
        ["AmbientLight"] = s => 900 + 300 * Math.Sin(s.TimeSeconds / 120),
        ["DoorOpen_FL"] = s => s.DoorOpen[0] ? 1 : 0,
        ["DoorOpen_FR"] = s => s.DoorOpen[1] ? 1 : 0,
        ["DoorOpen_RL"] = s => s.DoorOpen[2] ? 1 : 0,
        ["DoorOpen_RR"] = s => s.DoorOpen[3] ? 1 : 0,
        ["TrunkOpen"] = s => s.DoorOpen[4] ? 1 : 0,
        ["ChargePortOpen"] = s => s.ChargePortOpen ? 1 : 0,
        ["DoorLocked_FL"] = s => s.SpeedKph > 15 ? 1 : 0,
        ["DoorLocked_FR"] = s => s.SpeedKph > 15 ? 1 : 0,
        ["DoorLocked_RL"] = s => s.SpeedKph > 15 ? 1 : 0,
        ["DoorLocked_RR"] = s => s.SpeedKph > 15 ? 1 : 0,
        ["CentralLock"] = s => s.SpeedKph > 15 ? 1 : 0,
        // ACU: 1 = adult occupied, belts 1 = buckled (2 would be a warning state)
        ["SeatOccupancy_Driver"] = s => s.SeatOccupied[0] ? 1 : 0,
        ["SeatOccupancy_Passenger"] = s => s.SeatOccupied[1] ? 1 : 0,
        ["SeatBelt_Driver"] = s => s.BeltBuckled[0] ? 1 : 0,
        // HVAC
        ["CabinTemperature"] = s => s.CabinTempC,
        ["OutsideTemperature"] = s => s.OutsideTempC,
        ["CabinSetpoint"] = s => s.CabinSetpointC,
        ["FanLevel"] = s => s.CabinTempC < s.CabinSetpointC - 1 ? 5 : 3,
        ["AirConditioningOn"] = _ => 1,
        ["Defrost"] = s => s.Defrost ? 1 : 0,
        ["WindscreenTemperature"] = s => s.WindscreenTempC,
        ["CabinHumidity"] = s => 48 - s.CabinTempC * 0.3,
        ["HvacPower"] = s => s.CabinTempC < s.CabinSetpointC ? 2.0 : 0.4,
        // IC, VCU range, TCU position
        ["Odometer"] = s => s.OdometerKm,
        ["TripDistance"] = s => s.TripKm,
        ["RangeEstimate"] = s => s.RangeKm,
        ["EnergyConsumption"] = _ => 17.5,
        ["RemainingEnergy"] = s => s.RemainingEnergyKwh,
        ["Latitude"] = s => s.Latitude,
        ["Longitude"] = s => s.Longitude,
    };
}
