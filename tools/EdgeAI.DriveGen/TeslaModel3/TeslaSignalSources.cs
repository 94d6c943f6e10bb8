namespace EdgeAI.DriveGen.TeslaModel3;

/// <summary>
/// Where each signal of tesla_model3_vehicle.dbc gets its value from the scripted car. Signals not listed are sent as
/// 0; counters (<c>*Counter</c>) and Tesla checksums (<c>*Checksum</c>) are filled by the sender; the SCCM
/// <c>*Crc</c> signals stay 0 (their CRC is not public in opendbc). Switch states use the DBC's tables: SWITCH_OFF 1,
/// SWITCH_ON 2; latches LATCH_OPENED 1, LATCH_CLOSED 2; lights LIGHT_OFF 0, LIGHT_ON 1.
/// </summary>
internal static class TeslaSignalSources
{
    private const int SwitchOff = 1, SwitchOn = 2, LatchOpened = 1, LatchClosed = 2;

    public static readonly IReadOnlyDictionary<string, Func<TeslaState, double>> ByName = new Dictionary<string, Func<TeslaState, double>>
    {
        // DI_systemStatus (drive inverter)
        ["DI_gear"] = s => s.Gear,
        ["DI_systemState"] = s => s.DriveSystemState,
        ["DI_accelPedalPos"] = s => s.AcceleratorPercent,
        ["DI_brakePedalState"] = s => s.BrakePressed ? 1 : 0,
        ["DI_epbRequest"] = s => s.ParkingBrakeRequest,
        ["DI_immobilizerState"] = _ => 3, // disarmed
        ["DI_proximity"] = s => s.DriverPresent ? 1 : 0,
        // DI_speed
        ["DI_vehicleSpeed"] = s => s.SpeedKph,
        ["DI_uiSpeed"] = s => Math.Round(s.SpeedKph),
        ["DI_uiSpeedUnits"] = _ => 1, // km/h
        // SCCM_steeringAngleSensor: the DBC's angle and rate are + to the right
        ["SCCM_steeringAngle"] = s => -s.SteeringAngleDeg,
        ["SCCM_steeringAngleSpeed"] = s => -s.SteeringRateDegPerS,
        ["SCCM_steeringAngleValidity"] = _ => 1,
        // SCCM stalks
        ["SCCM_turnIndicatorStalkStatus"] = s => s.TurnStalk,
        ["SCCM_rightStalkStatus"] = s => s.GearStalk,
        ["SCCM_parkButtonStatus"] = s => s.ParkButtonPressed ? 1 : 0,
        // VCLEFT_switchStatus page 0 (page 1 is the steering wheel's scroll buttons, idle)
        ["VCLEFT_frontBuckleSwitch"] = s => s.DriverBelted ? SwitchOn : SwitchOff,
        ["VCLEFT_rearLeftBuckleSwitch"] = _ => SwitchOff,
        ["VCLEFT_frontOccupancySwitch"] = _ => SwitchOff,
        ["VCLEFT_rearLeftOccupancySwitch"] = _ => SwitchOff,
        ["VCLEFT_rearCenterOccupancySwitch"] = _ => SwitchOff,
        ["VCLEFT_rearRightOccupancySwitch"] = _ => SwitchOff,
        ["VCLEFT_driverPresent"] = s => s.DriverPresent ? 1 : 0,
        ["VCLEFT_brakePressed"] = s => s.BrakePressed ? 1 : 0,
        ["VCLEFT_swcLeftPressed"] = _ => SwitchOff,
        ["VCLEFT_swcRightPressed"] = _ => SwitchOff,
        // Doors (left-hand drive: VCLEFT is the driver's side)
        ["VCLEFT_frontLatchStatus"] = s => s.DriverDoorOpen ? LatchOpened : LatchClosed,
        ["VCLEFT_rearLatchStatus"] = _ => LatchClosed,
        ["VCLEFT_frontHandlePulled"] = s => s.DriverHandlePulled ? 1 : 0,
        ["VCLEFT_mirrorFoldState"] = _ => 2, // unfolded
        ["VCRIGHT_frontLatchStatus"] = _ => LatchClosed,
        ["VCRIGHT_rearLatchStatus"] = _ => LatchClosed,
        ["VCRIGHT_trunkLatchStatus"] = _ => LatchClosed,
        ["VCRIGHT_mirrorFoldState"] = _ => 2,
        // VCRIGHT_status
        ["VCRIGHT_vehiclePowerStateDBG"] = s => s.PowerState,
        ["VCRIGHT_5AVoltage"] = _ => 5.0,
        ["VCRIGHT_vbatProt"] = s => s.PowerState == 3 ? 14.4 : 12.6,
        ["VCRIGHT_pcbaTemperature"] = s => 28 + s.TimeSeconds * 0.02,
        ["VCRIGHT_rearDefrostState"] = _ => 2, // off
        ["VCRIGHT_mirrorHeatState"] = _ => 2,
        ["VCRIGHT_swEnStatus"] = _ => 1,
        // VCFRONT_lighting: a daytime drive, DRLs on, low beams off
        ["VCFRONT_indicatorLeftRequest"] = s => s.Indicator < 0 ? 1 : 0,
        ["VCFRONT_indicatorRightRequest"] = s => s.Indicator > 0 ? 1 : 0,
        ["VCFRONT_turnSignalLeftStatus"] = s => s.Indicator < 0 && s.IndicatorLampLit ? 1 : 0,
        ["VCFRONT_turnSignalRightStatus"] = s => s.Indicator > 0 && s.IndicatorLampLit ? 1 : 0,
        ["VCFRONT_sideRepeaterLeftStatus"] = s => s.Indicator < 0 && s.IndicatorLampLit ? 1 : 0,
        ["VCFRONT_sideRepeaterRightStatus"] = s => s.Indicator > 0 && s.IndicatorLampLit ? 1 : 0,
        ["VCFRONT_simLatchingStalk"] = s => s.Indicator < 0 ? 1 : s.Indicator > 0 ? 2 : 0,
        ["VCFRONT_DRLLeftStatus"] = _ => 1,
        ["VCFRONT_DRLRightStatus"] = _ => 1,
        ["VCFRONT_lowBeamsCalibrated"] = _ => 1,
        ["VCFRONT_ambientLightingBrightnes"] = _ => 40,
        ["VCFRONT_switchLightingBrightness"] = _ => 40,
        // DAS_bodyControls: no requests from the autopilot computer
        ["DAS_highLowBeamDecision"] = _ => 1, // high beam off
        ["DAS_heaterRequest"] = _ => 1,       // heater off
    };
}
