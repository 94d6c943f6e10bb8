namespace EdgeAI.Drivers.Sensors.Tests;

/// <summary>Writes test sentences: the body between $ and * with its checksum.</summary>
internal static class Nmea
{
    public static string Sentence(string body)
    {
        var sum = 0;
        foreach (var c in body) sum ^= c;
        return $"${body}*{sum:X2}";
    }

    public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    public static long Ns(DateTimeOffset when) => (when - DateTimeOffset.UnixEpoch).Ticks * 100;
}
