using System.Text;

namespace EdgeAI.Can.Errors;

/// <summary>
/// A SocketCAN error frame understood: the classes from its id, the controller status (data[1]), the protocol
/// violation (data[2], data[3]), the transceiver status (data[4]) and the error counters (data[6], data[7]),
/// exactly as linux/can/error.h lays them out. The simulated bus builds its error frames with <see cref="Create"/>.
/// </summary>
public readonly struct CanErrorFrame
{
    /// <summary>CAN_ERR_DLC: error frames carry 8 data bytes.</summary>
    public const int Length = 8;

    /// <summary>CAN_ERR_PROT_TX (data[2]): the violation happened while this node transmitted.</summary>
    public const byte ProtocolOnTransmit = 0x80;

    private CanErrorFrame(CanErrorClass classes, byte arbitrationBit, CanControllerStatus controller, byte protocolType, byte protocolLocation, byte transceiver, byte txErrors, byte rxErrors)
    {
        Classes = classes;
        ArbitrationBit = arbitrationBit;
        Controller = controller;
        ProtocolType = protocolType;
        ProtocolLocation = protocolLocation;
        Transceiver = transceiver;
        TxErrors = txErrors;
        RxErrors = rxErrors;
    }

    /// <summary>What kinds of error the frame reports.</summary>
    public CanErrorClass Classes { get; }
    /// <summary>Bit position where arbitration was lost (data[0]; 0 = unspecified).</summary>
    public byte ArbitrationBit { get; }
    /// <summary>Controller status (data[1]).</summary>
    public CanControllerStatus Controller { get; }
    /// <summary>Protocol violation type bits (data[2], CAN_ERR_PROT_*).</summary>
    public byte ProtocolType { get; }
    /// <summary>Where in the frame the violation happened (data[3], CAN_ERR_PROT_LOC_*).</summary>
    public byte ProtocolLocation { get; }
    /// <summary>Transceiver status (data[4], CAN_ERR_TRX_*).</summary>
    public byte Transceiver { get; }
    /// <summary>Transmit error counter (data[6]; valid with <see cref="CanErrorClass.Counters"/>).</summary>
    public byte TxErrors { get; }
    /// <summary>Receive error counter (data[7]; valid with <see cref="CanErrorClass.Counters"/>).</summary>
    public byte RxErrors { get; }

    /// <summary>The controller state this frame moves the interface to, or null when it says nothing about the state.</summary>
    public CanBusState? State
    {
        get
        {
            if ((Classes & CanErrorClass.BusOff) != 0) return CanBusState.BusOff;
            if ((Classes & CanErrorClass.Restarted) != 0) return CanBusState.ErrorActive;
            if ((Classes & CanErrorClass.Controller) == 0) return null;
            if ((Controller & (CanControllerStatus.RxPassive | CanControllerStatus.TxPassive)) != 0) return CanBusState.ErrorPassive;
            if ((Controller & (CanControllerStatus.RxWarning | CanControllerStatus.TxWarning)) != 0) return CanBusState.ErrorWarning;
            if ((Controller & CanControllerStatus.Active) != 0) return CanBusState.ErrorActive;
            return null;
        }
    }

    /// <summary>Reads an error frame; false when <paramref name="frame"/> is not one.</summary>
    public static bool TryDecode(in CanFrame frame, out CanErrorFrame error)
    {
        if ((frame.Flags & CanFlags.Error) == 0)
        {
            error = default;
            return false;
        }
        Span<byte> d = stackalloc byte[Length];
        d.Clear();
        var data = frame.Data;
        data[..Math.Min(data.Length, Length)].CopyTo(d);
        error = new CanErrorFrame((CanErrorClass)(frame.Id & CanFrame.MaxExtendedId), d[0], (CanControllerStatus)d[1], d[2], d[3], d[4], d[6], d[7]);
        return true;
    }

    /// <summary>Builds an error frame the way the kernel's CAN drivers do (received, 8 data bytes).</summary>
    public static CanFrame Create(CanErrorClass classes, long timestampNs = 0, CanControllerStatus controller = CanControllerStatus.None,
        byte protocolType = 0, byte protocolLocation = 0, byte txErrors = 0, byte rxErrors = 0, ushort channel = 0)
    {
        Span<byte> d = stackalloc byte[Length];
        d.Clear();
        d[1] = (byte)controller;
        d[2] = protocolType;
        d[3] = protocolLocation;
        d[6] = txErrors;
        d[7] = rxErrors;
        if (txErrors != 0 || rxErrors != 0) classes |= CanErrorClass.Counters;
        return new CanFrame((uint)classes, d, CanFlags.Error | CanFlags.Rx, timestampNs, channel);
    }

    /// <summary>The controller went bus-off.</summary>
    public static CanFrame BusOff(long timestampNs = 0, ushort channel = 0) => Create(CanErrorClass.BusOff, timestampNs, channel: channel);

    /// <summary>The controller restarted after bus-off (and is error active again).</summary>
    public static CanFrame Restarted(long timestampNs = 0, ushort channel = 0) =>
        Create(CanErrorClass.Restarted | CanErrorClass.Controller, timestampNs, CanControllerStatus.Active, channel: channel);

    /// <summary>The frame a kernel CAN driver sends when the controller changes state (can_change_state): error active,
    /// warning or passive as CAN_ERR_CRTL with the TX/RX bit of the counter that got there (both when equal), bus-off as
    /// CAN_ERR_BUSOFF; the counters ride along in data[6]/data[7] with CAN_ERR_CNT.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="state"/> is not a fault-confinement state.</exception>
    public static CanFrame ControllerState(CanBusState state, byte txErrors, byte rxErrors, long timestampNs = 0, ushort channel = 0)
    {
        bool tx = txErrors >= rxErrors, rx = rxErrors >= txErrors;
        var status = state switch
        {
            CanBusState.ErrorActive => CanControllerStatus.Active,
            CanBusState.ErrorWarning => (tx ? CanControllerStatus.TxWarning : 0) | (rx ? CanControllerStatus.RxWarning : 0),
            CanBusState.ErrorPassive => (tx ? CanControllerStatus.TxPassive : 0) | (rx ? CanControllerStatus.RxPassive : 0),
            CanBusState.BusOff => CanControllerStatus.None,
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, "error active, warning, passive or bus-off"),
        };
        var classes = (state == CanBusState.BusOff ? CanErrorClass.BusOff : CanErrorClass.Controller) | CanErrorClass.Counters;
        return Create(classes, timestampNs, status, txErrors: txErrors, rxErrors: rxErrors, channel: channel);
    }

    /// <summary>One line for logs and reports, e.g. "bus-off" or "controller: tx error passive (tx 128, rx 0)".</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        void Add(string part) => text.Append(text.Length == 0 ? "" : "; ").Append(part);
        if ((Classes & CanErrorClass.BusOff) != 0) Add("bus-off");
        if ((Classes & CanErrorClass.Restarted) != 0) Add("controller restarted");
        if ((Classes & CanErrorClass.Controller) != 0) Add("controller: " + ControllerText(Controller));
        if ((Classes & CanErrorClass.Protocol) != 0) Add($"protocol violation 0x{ProtocolType:X2} at location 0x{ProtocolLocation:X2}" + ((ProtocolType & ProtocolOnTransmit) != 0 ? " while transmitting" : ""));
        if ((Classes & CanErrorClass.NoAck) != 0) Add("no acknowledge (is another node on the bus?)");
        if ((Classes & CanErrorClass.LostArbitration) != 0) Add(ArbitrationBit == 0 ? "lost arbitration" : $"lost arbitration at bit {ArbitrationBit}");
        if ((Classes & CanErrorClass.TxTimeout) != 0) Add("transmit timeout");
        if ((Classes & CanErrorClass.Transceiver) != 0) Add($"transceiver status 0x{Transceiver:X2}");
        if ((Classes & CanErrorClass.BusError) != 0) Add("bus error");
        if ((Classes & CanErrorClass.Counters) != 0) Add($"tx errors {TxErrors}, rx errors {RxErrors}");
        return text.Length == 0 ? "error frame without class bits" : text.ToString();
    }

    private static string ControllerText(CanControllerStatus status)
    {
        if (status == CanControllerStatus.None) return "unspecified";
        var parts = new List<string>();
        if ((status & CanControllerStatus.RxOverflow) != 0) parts.Add("rx buffer overflow");
        if ((status & CanControllerStatus.TxOverflow) != 0) parts.Add("tx buffer overflow");
        if ((status & CanControllerStatus.RxWarning) != 0) parts.Add("rx error warning");
        if ((status & CanControllerStatus.TxWarning) != 0) parts.Add("tx error warning");
        if ((status & CanControllerStatus.RxPassive) != 0) parts.Add("rx error passive");
        if ((status & CanControllerStatus.TxPassive) != 0) parts.Add("tx error passive");
        if ((status & CanControllerStatus.Active) != 0) parts.Add("back to error active");
        return string.Join(", ", parts);
    }
}
