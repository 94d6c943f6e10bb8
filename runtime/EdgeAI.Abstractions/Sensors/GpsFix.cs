namespace EdgeAI.Sensors;

/// <summary>
/// One position report from a GPS receiver (an NMEA sentence group, or a gpsd TPV/SKY pair). Values the receiver did
/// not give are NaN (doubles) or -1 (<see cref="Satellites"/>), so a fix is a plain value that allocates nothing.
/// </summary>
/// <param name="TimestampNs">When the fix was taken, ns since the Unix epoch (UTC): the receiver's UTC time where it
/// gives a date, else the time it was read.</param>
/// <param name="Latitude">WGS84 degrees, north positive.</param>
/// <param name="Longitude">WGS84 degrees, east positive.</param>
/// <param name="AltitudeM">Altitude above mean sea level in metres.</param>
/// <param name="SpeedMps">Speed over ground in m/s.</param>
/// <param name="HeadingDeg">Course over ground, degrees from true north (0..360).</param>
/// <param name="Quality">What kind of fix it is; <see cref="GpsFixQuality.None"/> means the position is not to be used.</param>
/// <param name="Hdop">Horizontal dilution of precision.</param>
/// <param name="Satellites">Satellites used in the fix, -1 when unknown.</param>
public readonly record struct GpsFix(
    long TimestampNs,
    double Latitude,
    double Longitude,
    double AltitudeM,
    double SpeedMps,
    double HeadingDeg,
    GpsFixQuality Quality,
    double Hdop,
    int Satellites)
{
    /// <summary>True when the fix has a usable position.</summary>
    public bool HasPosition => Quality != GpsFixQuality.None && double.IsFinite(Latitude) && double.IsFinite(Longitude);
}
