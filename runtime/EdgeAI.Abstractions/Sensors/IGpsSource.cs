namespace EdgeAI.Sensors;

/// <summary>
/// Where GPS fixes come from: an NMEA 0183 receiver on a serial port, a replayed <c>.nmea</c> file, a gpsd daemon
/// (drivers/EdgeAI.Drivers.Sensors) or a scripted track on the virtual clock (drivers/EdgeAI.Drivers.Simulated).
/// A bad input record (checksum, field count, garbage) is counted in <see cref="SentencesSkipped"/> and never applied.
/// </summary>
public interface IGpsSource : IDisposable
{
    /// <summary>What the user named: a path, a serial device, <c>gpsd://host:port</c> or <c>sim</c>.</summary>
    string Name { get; }

    /// <summary>Records read so far (NMEA sentences, or gpsd JSON objects), good and bad.</summary>
    long SentencesRead { get; }

    /// <summary>Records that were malformed and skipped, cumulative.</summary>
    long SentencesSkipped { get; }

    /// <summary>The fixes in order, until the file ends, the device or daemon closes, or <paramref name="cancellation"/> fires.
    /// Enumerate once per source.</summary>
    /// <exception cref="IOException">the device or daemon could not be opened (the message names it).</exception>
    IAsyncEnumerable<GpsFix> ReadFixesAsync(CancellationToken cancellation = default);
}
