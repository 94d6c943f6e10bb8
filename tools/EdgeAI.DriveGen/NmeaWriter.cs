using System.Globalization;
using System.Text;

namespace EdgeAI.DriveGen;

/// <summary>
/// A GPS receiver on a simulated car: one GGA and one RMC sentence per second (talker GP) from the same vehicle model
/// that drives the CAN log, so position, speed and course agree with the bus. The receiver reports with the car's
/// clock: the log's first second is the drive's start.
/// </summary>
internal static class NmeaWriter
{
    private const long StepNs = 10_000_000;

    /// <summary>Steps <paramref name="model"/> through <paramref name="durationSeconds"/> and writes a fix each second.</summary>
    public static string Write(VehicleModel model, double durationSeconds, long startNs)
    {
        var text = new StringBuilder();
        long stepsPerSecond = 1_000_000_000 / StepNs;
        for (long second = 1; second <= (long)durationSeconds; second++)
        {
            for (long i = 0; i < stepsPerSecond; i++) model.Step(StepNs / 1e9);
            var s = model.State;
            var time = DateTimeOffset.FromUnixTimeMilliseconds(startNs / 1_000_000).AddSeconds(second);
            string hms = time.ToString("HHmmss.ff", CultureInfo.InvariantCulture);
            string lat = Angle(Math.Abs(s.Latitude), 2) + (s.Latitude >= 0 ? ",N" : ",S");
            string lon = Angle(Math.Abs(s.Longitude), 3) + (s.Longitude >= 0 ? ",E" : ",W");
            Sentence(text, string.Create(CultureInfo.InvariantCulture, $"GPGGA,{hms},{lat},{lon},1,09,0.9,519.0,M,47.0,M,,"));
            double knots = s.SpeedKph / 1.852;
            Sentence(text, string.Create(CultureInfo.InvariantCulture, $"GPRMC,{hms},A,{lat},{lon},{knots:F2},{s.HeadingDeg:F1},{time:ddMMyy},,,A"));
        }
        return text.ToString();
    }

    /// <summary>Degrees as NMEA's (d)ddmm.mmmmm.</summary>
    private static string Angle(double degrees, int degreeDigits)
    {
        int whole = (int)degrees;
        double minutes = (degrees - whole) * 60;
        return whole.ToString(new string('0', degreeDigits), CultureInfo.InvariantCulture) + minutes.ToString("00.00000", CultureInfo.InvariantCulture);
    }

    private static void Sentence(StringBuilder text, string body)
    {
        byte checksum = 0;
        foreach (char c in body) checksum ^= (byte)c;
        text.Append('$').Append(body).Append('*').Append(checksum.ToString("X2", CultureInfo.InvariantCulture)).Append("\r\n");
    }
}
