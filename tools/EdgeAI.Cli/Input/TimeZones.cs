using EdgeAI.Cli.Commands;

namespace EdgeAI.Cli.Input;

/// <summary>Reads a <c>--tz</c> value: an IANA time zone id.</summary>
internal static class TimeZones
{
    /// <summary>The zone, or null when none was given.</summary>
    /// <exception cref="UsageException">no such zone.</exception>
    public static TimeZoneInfo? Parse(string? zone)
    {
        if (zone is null) return null;
        try { return TimeZoneInfo.FindSystemTimeZoneById(zone); }
        // "America" is a folder of the zone database, not a zone: every way the lookup can fail is the same bad input.
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or IOException or UnauthorizedAccessException or ArgumentException or System.Security.SecurityException)
        {
            throw new UsageException($"--tz: expected a time zone id such as UTC or Europe/Berlin, found '{zone}'");
        }
    }
}
