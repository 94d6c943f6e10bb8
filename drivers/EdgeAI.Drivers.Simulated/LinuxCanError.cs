using EdgeAI.Can;

namespace EdgeAI.Drivers.Simulated;

/// <summary>
/// The error-frame encoding of the Linux kernel (linux/can/error.h), the one place the simulated bus knows it:
/// the class bits go in the id, details in the 8 data bytes (CAN_ERR_DLC). Swap for the shared decoder's
/// constants (EdgeAI.Can.Errors) once both live on one branch.
/// </summary>
internal static class LinuxCanError
{
    /// <summary>CAN_ERR_DLC: error frames always carry 8 data bytes.</summary>
    public const int Length = 8;

    /// <summary>CAN_ERR_CRTL: controller problems, detail in data[1].</summary>
    public const uint Controller = 0x0000_0004;
    /// <summary>CAN_ERR_PROT: protocol violation, type in data[2], location in data[3].</summary>
    public const uint Protocol = 0x0000_0008;
    /// <summary>CAN_ERR_BUSOFF.</summary>
    public const uint BusOff = 0x0000_0040;
    /// <summary>CAN_ERR_BUSERROR.</summary>
    public const uint BusError = 0x0000_0080;
    /// <summary>CAN_ERR_RESTARTED: the controller came back after bus-off.</summary>
    public const uint Restarted = 0x0000_0100;

    /// <summary>CAN_ERR_CRTL_RX_OVERFLOW (data[1]).</summary>
    public const byte ControllerRxOverflow = 0x01;
    /// <summary>CAN_ERR_CRTL_ACTIVE (data[1]): back to error active.</summary>
    public const byte ControllerActive = 0x40;

    /// <summary>CAN_ERR_PROT_FORM (data[2]).</summary>
    public const byte ProtocolForm = 0x02;
    /// <summary>CAN_ERR_PROT_TX (data[2]): the error happened while this node transmitted.</summary>
    public const byte ProtocolTransmitting = 0x80;
    /// <summary>CAN_ERR_PROT_LOC_CRC_SEQ (data[3]).</summary>
    public const byte LocationCrcSequence = 0x08;

    /// <summary>An error frame with class bits <paramref name="classBits"/> and the given data bytes.</summary>
    public static CanFrame Frame(uint classBits, long timestampNs, byte data1 = 0, byte data2 = 0, byte data3 = 0)
    {
        Span<byte> data = stackalloc byte[Length];
        data.Clear();
        data[1] = data1;
        data[2] = data2;
        data[3] = data3;
        return new CanFrame(classBits, data, CanFlags.Error | CanFlags.Rx, timestampNs);
    }

    /// <summary>The controller went bus-off.</summary>
    public static CanFrame BusOffFrame(long timestampNs) => Frame(BusOff, timestampNs);

    /// <summary>The controller restarted after bus-off and is error active again.</summary>
    public static CanFrame RestartedFrame(long timestampNs) => Frame(Restarted | Controller, timestampNs, data1: ControllerActive);

    /// <summary>Frames were lost because the receive queue was full.</summary>
    public static CanFrame RxOverflowFrame(long timestampNs) => Frame(Controller, timestampNs, data1: ControllerRxOverflow);

    /// <summary>A CRC error seen on the wire (by a receiver, or by the transmitter when <paramref name="transmitting"/>).</summary>
    public static CanFrame CrcErrorFrame(long timestampNs, bool transmitting) =>
        Frame(Protocol | BusError, timestampNs, data2: (byte)(ProtocolForm | (transmitting ? ProtocolTransmitting : 0)), data3: LocationCrcSequence);
}
