namespace EdgeAI.Can.Dbc;

/// <summary>Bit arithmetic shared by the parser and the decoders.</summary>
internal static class SignalLayout
{
    /// <summary>Position of the Motorola start bit (MSB, sawtooth numbering) counted from the MSB of byte 0.</summary>
    public static int MotorolaMsbPosition(int startBit) => (startBit / 8) * 8 + 7 - startBit % 8;

    /// <summary>The signal's last bit: Intel in little-endian numbering, Motorola counted from the MSB of byte 0.</summary>
    public static int LastLinearBit(int startBit, int length, DbcByteOrder order) =>
        order == DbcByteOrder.LittleEndian ? startBit + length - 1 : MotorolaMsbPosition(startBit) + length - 1;

    /// <summary>Payload bytes a frame needs to hold the whole signal.</summary>
    public static int EndByte(int startBit, int length, DbcByteOrder order) => LastLinearBit(startBit, length, order) / 8 + 1;
}
