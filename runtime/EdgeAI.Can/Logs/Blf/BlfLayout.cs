namespace EdgeAI.Can.Logs.Blf;

/// <summary>Byte layout of Vector BLF files: signatures, sizes, offsets and flag bits (all little-endian).</summary>
internal static class BlfLayout
{
    /// <summary>"LOGG": the file signature.</summary>
    public const uint FileSignature = 0x4747_4F4C;
    /// <summary>"LOBJ": every object's signature.</summary>
    public const uint ObjectSignature = 0x4A42_4F4C;

    /// <summary>Fields of the file header up to and including the stop time.</summary>
    public const int FileHeaderFields = 72;
    /// <summary>Size of the file header as Vector's tools and python-can write it.</summary>
    public const int FileHeaderSize = 144;
    public const int FileSizeOffset = 16;
    public const int UncompressedSizeOffset = 24;
    public const int ObjectCountOffset = 32;
    public const int StartTimeOffset = 40;
    public const int StopTimeOffset = 56;

    /// <summary>signature, header size, header version, object size, object type.</summary>
    public const int BaseHeaderSize = 16;
    /// <summary>Base header + flags, client index, object version, timestamp.</summary>
    public const int HeaderV1Size = 32;
    /// <summary>Base header + flags, timestamp status, object version, timestamp, original timestamp.</summary>
    public const int HeaderV2Size = 48;
    /// <summary>Base header + compression method, reserved, uncompressed size, reserved.</summary>
    public const int ContainerHeaderSize = 32;

    public const ushort CompressionNone = 0;
    public const ushort CompressionZlib = 2;

    public const uint TimeTenMicros = 0x1;
    public const uint TimeOneNanos = 0x2;

    /// <summary>CAN_MESSAGE / CAN_FD_MESSAGE flags byte: the low nibble is the direction (0 Rx, 1 Tx, 2 Tx request).</summary>
    public const byte DirectionMask = 0x0F;
    public const byte DirectionTx = 1;
    public const byte DirectionTxRequest = 2;
    public const byte RemoteFlag = 0x80;
    /// <summary>Bit 31 of every CAN id field: a 29-bit id.</summary>
    public const uint ExtendedIdFlag = 0x8000_0000;

    /// <summary>CAN_FD_MESSAGE FD flags byte.</summary>
    public const byte FdEdl = 0x1;
    public const byte FdBrs = 0x2;
    public const byte FdEsi = 0x4;

    /// <summary>CAN_FD_MESSAGE_64 flags word.</summary>
    public const uint Fd64Remote = 0x0010;
    public const uint Fd64Edl = 0x1000;
    public const uint Fd64Brs = 0x2000;
    public const uint Fd64Esi = 0x4000;

    /// <summary>CAN_ERROR_EXT extended flags: bit 5 set for a received frame, bits 12-13 the extended direction (2 Rx, 3 Tx).</summary>
    public const ushort ErrorExtRxBit = 1 << 5;
    public const int ErrorExtDirectionShift = 12;
    public const int ErrorExtDirectionRx = 2;
    public const int ErrorExtDirectionTx = 3;

    /// <summary>Bodies after the object header.</summary>
    public const int CanMessageBody = 16;
    public const int CanFdMessageBody = 84;
    public const int CanFdMessageDataOffset = 20;
    public const int CanFd64Fixed = 40;
    public const int ErrorExtBody = 32;
}
