namespace EdgeAI.Can;

/// <summary>Data length code arithmetic for classic CAN and CAN FD (ISO 11898-1).</summary>
public static class CanDlc
{
    private static ReadOnlySpan<byte> DlcToLength => [0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 20, 24, 32, 48, 64];

    /// <summary>Payload length of a CAN FD DLC (0..15); for classic CAN a DLC above 8 still means 8 bytes.</summary>
    public static int ToLength(int dlc, bool fd) =>
        (uint)dlc > 15 ? throw new ArgumentOutOfRangeException(nameof(dlc)) : fd ? DlcToLength[dlc] : Math.Min(dlc, 8);

    /// <summary>Smallest DLC whose length holds <paramref name="length"/> bytes.</summary>
    public static byte FromLength(int length)
    {
        if (length <= 8) return (byte)Math.Max(length, 0);
        if (length <= 12) return 9;
        if (length <= 16) return 10;
        if (length <= 20) return 11;
        if (length <= 24) return 12;
        if (length <= 32) return 13;
        if (length <= 48) return 14;
        return 15;
    }

    /// <summary>True when a CAN FD frame can have exactly this many data bytes.</summary>
    public static bool IsValidFdLength(int length) =>
        (uint)length <= 8 || length is 12 or 16 or 20 or 24 or 32 or 48 or 64;
}
