namespace EdgeAI.DriveGen;

/// <summary>The simulated car at one instant, in physical units; the DBC mapping turns it into signals.</summary>
internal sealed class VehicleState
{
    public double TimeSeconds;
    public double SpeedKph;
    public double SpeedMps;                // exactly what the driver set; SpeedKph / 3.6 may differ in the last bit
    public double AccelerationMps2;
    public double OdometerKm = 18_342.6;
    public double TripKm;
    public double SocPercent = 71.8;
    public double BatteryVoltage = 396;
    public double BatteryCurrent;          // A, positive = discharge
    public double BatteryPowerKw;          // positive = discharge
    public double BatteryTempC = 24;
    public double MotorTorqueNm;
    public double MotorSpeedRpm;
    public double MotorPowerKw;
    public double SteeringAngleDeg;
    public double SteeringRateDegPerS;
    public double AcceleratorPercent;
    public double BrakePercent;
    public bool BrakePressed;
    public int Gear;                       // 0 P, 1 R, 2 N, 3 D
    public bool ParkingBrake = true;
    public bool Ignition = true;
    public bool LeftIndicator;
    public bool RightIndicator;
    public bool LowBeam = true;
    public bool HighBeam;
    public int WiperMode;                  // 0 off, 1 interval, 2 low, 3 high
    public double CabinTempC = 15.5;
    public double OutsideTempC = 11.5;
    public double CabinSetpointC = 21;
    public double WindscreenTempC = 11.0;  // inner glass surface: starts a little below the cool morning air
    public bool Defrost;
    public bool[] SeatOccupied = [true, false, false, false, false];
    public bool[] BeltBuckled = [false, false, false, false, false];
    public bool[] DoorOpen = [false, false, false, false, false]; // FL, FR, RL, RR, trunk
    public double RangeKm;
    public double RemainingEnergyKwh;
    public double ChargePowerKw;           // power a charger delivers into the pack
    public int ChargingState;              // OBC_ChargingStatus.ChargingState: 0 not connected, 1 connected, 2 charging, 3 complete
    public bool ChargePortOpen;
    public double ReadyAtSeconds = 12;     // READY and closed contactors from this second on
    public double[] CellVoltages = new double[96];
    public double Latitude = 48.1374;
    public double Longitude = 11.5755;
    public double HeadingDeg = 90;
    public double YawRateDegPerS;
    public double LateralAccelerationMps2;
    public double[] WheelSpeedKph = new double[4];
}
