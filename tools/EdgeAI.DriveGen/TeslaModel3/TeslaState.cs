namespace EdgeAI.DriveGen.TeslaModel3;

/// <summary>The scripted Tesla Model 3 at one instant, in physical units and DBC raw states; the signal sources turn it
/// into tesla_model3_vehicle.dbc signals.</summary>
internal sealed class TeslaState
{
    public double TimeSeconds;
    public double SpeedKph;
    public double AcceleratorPercent;
    public bool BrakePressed;
    /// <summary>VSS sign: + = to the left (the DBC's SCCM angle is + to the right).</summary>
    public double SteeringAngleDeg;
    public double SteeringRateDegPerS;
    /// <summary>DI_gear: 1 P, 2 R, 3 N, 4 D.</summary>
    public int Gear;
    /// <summary>DI_systemState: 2 standby, 5 enabled (ready to drive).</summary>
    public int DriveSystemState;
    /// <summary>VCRIGHT_vehiclePowerStateDBG: 2 accessory, 3 drive.</summary>
    public int PowerState;
    /// <summary>DI_epbRequest: 0 none, 1 park, 2 unpark.</summary>
    public int ParkingBrakeRequest;
    public bool DriverDoorOpen;
    public bool DriverHandlePulled;
    public bool DriverPresent;
    public bool DriverBelted;
    /// <summary>Indicator request (stalk latched): -1 left, 0 none, +1 right.</summary>
    public int Indicator;
    /// <summary>The indicator lamp is lit (it flashes while <see cref="Indicator"/> is set).</summary>
    public bool IndicatorLampLit;
    /// <summary>SCCM_turnIndicatorStalkStatus: 0 idle, 1 up (right), 3 down (left).</summary>
    public int TurnStalk;
    /// <summary>SCCM_rightStalkStatus: 0 idle, 3 down (D).</summary>
    public int GearStalk;
    public bool ParkButtonPressed;
}
