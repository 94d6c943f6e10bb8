namespace EdgeAI.Can.Errors;

/// <summary>Error classes a SocketCAN error frame carries in its id (linux/can/error.h, CAN_ERR_*).</summary>
[Flags]
public enum CanErrorClass : uint
{
    /// <summary>No class bit set.</summary>
    None = 0,
    /// <summary>CAN_ERR_TX_TIMEOUT: the driver timed out sending.</summary>
    TxTimeout = 0x001,
    /// <summary>CAN_ERR_LOSTARB: lost arbitration (bit position in data[0]).</summary>
    LostArbitration = 0x002,
    /// <summary>CAN_ERR_CRTL: controller problem (data[1]).</summary>
    Controller = 0x004,
    /// <summary>CAN_ERR_PROT: protocol violation (type data[2], location data[3]).</summary>
    Protocol = 0x008,
    /// <summary>CAN_ERR_TRX: transceiver status (data[4]).</summary>
    Transceiver = 0x010,
    /// <summary>CAN_ERR_ACK: no acknowledge on transmission (nobody else on the bus?).</summary>
    NoAck = 0x020,
    /// <summary>CAN_ERR_BUSOFF: the controller went bus-off.</summary>
    BusOff = 0x040,
    /// <summary>CAN_ERR_BUSERROR: bus error.</summary>
    BusError = 0x080,
    /// <summary>CAN_ERR_RESTARTED: the controller restarted after bus-off.</summary>
    Restarted = 0x100,
    /// <summary>CAN_ERR_CNT: error counters valid (tx data[6], rx data[7]).</summary>
    Counters = 0x200,
}
