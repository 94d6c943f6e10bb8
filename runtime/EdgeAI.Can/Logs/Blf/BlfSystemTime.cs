using System.Buffers.Binary;

namespace EdgeAI.Can.Logs.Blf;

/// <summary>
/// The Windows SYSTEMTIME a BLF header holds its start and stop time in: eight little-endian
/// 16-bit fields (year, month, day of week, day, hour, minute, second, milliseconds) of local time
/// in a zone the file does not name.
/// </summary>
internal static class BlfSystemTime
{
    public const int Size = 16;

    private const long NanosPerTick = 100;
    private const long NanosPerMilli = 1_000_000;

    /// <summary>python-can writes no date for times before 1990: they are offsets, not wall-clock times.</summary>
    private const long EarliestDatedNs = 631_152_000L * 1_000_000_000;

    /// <summary>The instant a SYSTEMTIME names in <paramref name="zone"/>, as ns since the Unix epoch;
    /// 0 when it holds no valid date (then object times are offsets from 0, as python-can reads them).</summary>
    public static long ToUnixNs(ReadOnlySpan<byte> systemTime, TimeZoneInfo zone)
    {
        int year = Field(systemTime, 0), month = Field(systemTime, 1), day = Field(systemTime, 3);
        int hour = Field(systemTime, 4), minute = Field(systemTime, 5), second = Field(systemTime, 6), milli = Field(systemTime, 7);
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) ||
            hour > 23 || minute > 59 || second > 59 || milli > 999)
            return 0;
        var local = new DateTime(year, month, day, hour, minute, second, milli, DateTimeKind.Unspecified);
        // A repeated hour (DST ending) reads as its first occurrence, like Python's datetime.timestamp (fold=0).
        TimeSpan offset = zone.IsAmbiguousTime(local) ? Max(zone.GetAmbiguousTimeOffsets(local)) : zone.GetUtcOffset(local);
        return (local.Ticks - offset.Ticks - DateTime.UnixEpoch.Ticks) * NanosPerTick;
    }

    /// <summary>Writes <paramref name="unixNs"/> (to the millisecond, rounded down) as local time in <paramref name="zone"/>;
    /// all zeros for times before 1990.</summary>
    public static void Write(Span<byte> systemTime, long unixNs, TimeZoneInfo zone)
    {
        systemTime[..Size].Clear();
        if (unixNs < EarliestDatedNs) return;
        var utc = new DateTime(DateTime.UnixEpoch.Ticks + unixNs / NanosPerTick, DateTimeKind.Utc);
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        SetField(systemTime, 0, local.Year);
        SetField(systemTime, 1, local.Month);
        SetField(systemTime, 2, (int)local.DayOfWeek);
        SetField(systemTime, 3, local.Day);
        SetField(systemTime, 4, local.Hour);
        SetField(systemTime, 5, local.Minute);
        SetField(systemTime, 6, local.Second);
        SetField(systemTime, 7, local.Millisecond);
    }

    /// <summary>
    /// The start time for a file whose first frame is at <paramref name="firstNs"/>: that instant to the
    /// millisecond, moved back an hour when its local time falls in a repeated hour and would read back as
    /// the earlier one, so start + object offset always gives the frame's exact time. 0 before 1990.
    /// </summary>
    public static long ChooseStart(long firstNs, TimeZoneInfo zone)
    {
        if (firstNs < EarliestDatedNs) return 0;
        long start = firstNs - firstNs % NanosPerMilli;
        Span<byte> systemTime = stackalloc byte[Size];
        Write(systemTime, start, zone);
        long readBack = ToUnixNs(systemTime, zone);
        return readBack <= start ? readBack : start;
    }

    private static int Field(ReadOnlySpan<byte> systemTime, int index) => BinaryPrimitives.ReadUInt16LittleEndian(systemTime[(index * 2)..]);

    private static void SetField(Span<byte> systemTime, int index, int value) =>
        BinaryPrimitives.WriteUInt16LittleEndian(systemTime[(index * 2)..], (ushort)value);

    private static TimeSpan Max(TimeSpan[] offsets)
    {
        var max = offsets[0];
        foreach (var offset in offsets) if (offset > max) max = offset;
        return max;
    }
}
