namespace EdgeAI.Sensors;

/// <summary>A cabin temperature / humidity / pressure sensor: a BME280 on I2C (drivers/EdgeAI.Drivers.Sensors) or a
/// scripted one (drivers/EdgeAI.Drivers.Simulated).</summary>
public interface ICabinClimateSensor : IDisposable
{
    /// <summary>What the user named, e.g. <c>bme280@i2c-1:0x76</c> or <c>sim</c>.</summary>
    string Name { get; }

    /// <summary>Takes one measurement (a forced conversion on a BME280: a few milliseconds).</summary>
    /// <exception cref="IOException">the bus or device failed (the message names the device).</exception>
    CabinClimateReading Read();
}
