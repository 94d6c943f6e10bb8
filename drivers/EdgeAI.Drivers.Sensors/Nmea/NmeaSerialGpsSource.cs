using System.IO.Ports;
using System.Runtime.CompilerServices;
using EdgeAI.Sensors;

namespace EdgeAI.Drivers.Sensors.Nmea;

/// <summary>
/// GPS fixes from an NMEA 0183 receiver on a serial device (<c>/dev/ttyUSB0</c>, <c>/dev/ttyACM0</c>, <c>/dev/ttyTHS1</c>
/// on a Jetson header) through System.IO.Ports, 8N1 at the given baud rate (most receivers: 9600; u-blox M8/M9 also 38400).
/// </summary>
public sealed class NmeaSerialGpsSource : IGpsSource
{
    private readonly NmeaFixAssembler _assembler;
    private readonly int _baudRate;
    private SerialPort? _port;

    /// <summary>Reads <paramref name="device"/> at <paramref name="baudRate"/>; the port is opened when reading starts.</summary>
    public NmeaSerialGpsSource(string device, int baudRate = 9600, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baudRate);
        Name = device;
        _baudRate = baudRate;
        _assembler = new NmeaFixAssembler(time);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public long SentencesRead => _assembler.SentencesRead;

    /// <inheritdoc />
    public long SentencesSkipped => _assembler.SentencesSkipped;

    /// <inheritdoc />
    /// <exception cref="IOException">the device is missing or cannot be opened (one line naming it).</exception>
    public async IAsyncEnumerable<GpsFix> ReadFixesAsync([EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var port = Open();
        var reader = new NmeaStreamReader(_assembler);
        await foreach (var fix in reader.ReadAsync(port.BaseStream, flushAtEnd: false, cancellation).ConfigureAwait(false))
            yield return fix;
    }

    private SerialPort Open()
    {
        if (OperatingSystem.IsLinux() && !File.Exists(Name))
            throw new IOException($"GPS serial device {Name}: not found (is the receiver plugged in? see ls /dev/ttyUSB* /dev/ttyACM* /dev/serial/by-id)");
        var port = new SerialPort(Name, _baudRate, Parity.None, 8, StopBits.One);
        try
        {
            port.Open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            throw new IOException($"GPS serial device {Name}: cannot open at {_baudRate} baud: {e.Message}", e);
        }
        _port = port;
        return port;
    }

    /// <inheritdoc />
    public void Dispose() => _port?.Dispose();
}
