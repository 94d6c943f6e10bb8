namespace EdgeAI.DriveGen.TeslaModel3;

/// <summary>
/// How often each message of tesla_model3_vehicle.dbc is sent (the DBC gives no GenMsgCycleTime). Published rates:
/// opendbc's Tesla safety and car port (DI_systemStatus 100 Hz, DI_speed 50 Hz, SCCM_steeringAngleSensor 100 Hz) and
/// the GenMsgCycleTime of the community Model3CAN.dbc (joshwardell/model3dbc: 0x118 10 ms, 0x129 10 ms, 0x257 20 ms,
/// 0x3C2 50 ms). The others are not published anywhere we found: 100 ms is an assumption, and the signal map's
/// timeouts for them are conservative to match.
/// </summary>
internal static class TeslaMessagePeriods
{
    /// <summary>(message, period in ms), in the order the generator sets up its senders.</summary>
    public static readonly (string Message, int Milliseconds)[] All =
    [
        ("DI_systemStatus", 10),
        ("SCCM_steeringAngleSensor", 10),
        ("DI_speed", 20),
        ("VCLEFT_switchStatus", 50), // multiplexed: each page every 100 ms
        ("VCLEFT_doorStatus", 100),  // assumed
        ("VCRIGHT_doorStatus", 100), // assumed
        ("SCCM_leftStalk", 100),     // assumed
        ("SCCM_rightStalk", 100),    // assumed
        ("ID3F5VCFRONT_lighting", 100), // assumed
        ("DAS_bodyControls", 100),   // assumed
        ("VCRIGHT_status", 100),     // assumed
        // STW_ACTN_RQ (0x238) is not sent: it is the Model S stalk message; Model3CAN.dbc lists 0x238 on a Model 3 as
        // a different message on the chassis bus.
    ];
}
