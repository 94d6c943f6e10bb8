namespace EdgeAI.Can.Errors;

/// <summary>Controller status bits of an error frame's data[1] (linux/can/error.h, CAN_ERR_CRTL_*).</summary>
[Flags]
public enum CanControllerStatus : byte
{
    /// <summary>Unspecified.</summary>
    None = 0,
    /// <summary>CAN_ERR_CRTL_RX_OVERFLOW.</summary>
    RxOverflow = 0x01,
    /// <summary>CAN_ERR_CRTL_TX_OVERFLOW.</summary>
    TxOverflow = 0x02,
    /// <summary>CAN_ERR_CRTL_RX_WARNING: receive errors reached the warning level.</summary>
    RxWarning = 0x04,
    /// <summary>CAN_ERR_CRTL_TX_WARNING: transmit errors reached the warning level.</summary>
    TxWarning = 0x08,
    /// <summary>CAN_ERR_CRTL_RX_PASSIVE: error passive because of receive errors.</summary>
    RxPassive = 0x10,
    /// <summary>CAN_ERR_CRTL_TX_PASSIVE: error passive because of transmit errors.</summary>
    TxPassive = 0x20,
    /// <summary>CAN_ERR_CRTL_ACTIVE: back to error active.</summary>
    Active = 0x40,
}
