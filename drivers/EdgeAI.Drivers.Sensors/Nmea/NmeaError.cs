namespace EdgeAI.Drivers.Sensors.Nmea;

/// <summary>Why a line was not applied as an NMEA 0183 sentence.</summary>
public enum NmeaError
{
    /// <summary>It was applied (or is a valid sentence of a type this reader does not use).</summary>
    None = 0,
    /// <summary>It does not start with <c>$</c> or holds non-ASCII bytes.</summary>
    NotASentence,
    /// <summary>It has no <c>*hh</c> checksum at its end.</summary>
    MissingChecksum,
    /// <summary>The XOR of its characters does not match its <c>*hh</c> checksum.</summary>
    ChecksumMismatch,
    /// <summary>It has more or fewer fields than its sentence type defines.</summary>
    WrongFieldCount,
    /// <summary>A field does not hold what its sentence type defines there.</summary>
    BadField,
    /// <summary>It is longer than any NMEA sentence can be.</summary>
    TooLong,
}
