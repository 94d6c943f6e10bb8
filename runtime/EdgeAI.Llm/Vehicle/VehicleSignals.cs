namespace EdgeAI.Llm.Vehicle;

/// <summary>
/// Names (<c>Message.Signal</c>) of the edgeai_demo.dbc signals the vehicle tools read.
/// </summary>
public static class VehicleSignals
{
    public const string Speed = "ESP_VehicleDynamics.VehicleSpeed";
    public const string SpeedValid = "ESP_VehicleDynamics.VehicleSpeedValid";
    public const string Gear = "VCU_DriveState.GearPosition";
    public const string DriveMode = "VCU_DriveState.DriveMode";
    public const string ReadyToDrive = "VCU_DriveState.ReadyToDrive";
    public const string StateOfCharge = "BMS_PackStatus.StateOfCharge";
    public const string Range = "VCU_Range.RangeEstimate";
    public const string EnergyConsumption = "VCU_Range.EnergyConsumption";
    public const string RemainingEnergy = "VCU_Range.RemainingEnergy";
    public const string CabinTemperature = "HVAC_Climate.CabinTemperature";
    public const string OutsideTemperature = "HVAC_Climate.OutsideTemperature";
    public const string CabinSetpoint = "HVAC_Climate.CabinSetpoint";
    public const string FanLevel = "HVAC_Climate.FanLevel";
    public const string AirConditioningOn = "HVAC_Climate.AirConditioningOn";
    public const string CabinHumidity = "HVAC_Climate.CabinHumidity";
    public const string Latitude = "TCU_Position.Latitude";
    public const string Longitude = "TCU_Position.Longitude";
    public const string Odometer = "IC_Odometer.Odometer";
    public const string TripDistance = "IC_Odometer.TripDistance";
    public const string ChargingState = "OBC_ChargingStatus.ChargingState";
    public const string CentralLock = "BCM_Doors.CentralLock";
    public const string TrunkOpen = "BCM_Doors.TrunkOpen";
    public const string HoodOpen = "BCM_Doors.HoodOpen";

    /// <summary>Door-open flags, front-left, front-right, rear-left, rear-right.</summary>
    public static IReadOnlyList<string> DoorsOpen { get; } =
        ["BCM_Doors.DoorOpen_FL", "BCM_Doors.DoorOpen_FR", "BCM_Doors.DoorOpen_RL", "BCM_Doors.DoorOpen_RR"];
}
