namespace EdgeAI.DriveGen;

/// <summary>The GPS receiver of the bundled city drive (see <see cref="NmeaWriter"/>).</summary>
public static class CityDriveGps
{
    /// <summary>The drive's NMEA 0183 text.</summary>
    public static string Nmea(int seed = CityDrive.DefaultSeed)
    {
        var script = new DriveScript(seed);
        return NmeaWriter.Write(new VehicleModel(script, seed), script.DurationSeconds, CityDrive.StartNs);
    }
}
