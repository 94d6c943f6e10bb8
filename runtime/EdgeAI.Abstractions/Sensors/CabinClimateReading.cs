namespace EdgeAI.Sensors;

/// <summary>One reading of a cabin climate sensor (e.g. a BME280). A quantity the sensor lacks is NaN.</summary>
/// <param name="TimestampNs">When it was read, ns since the Unix epoch (UTC).</param>
/// <param name="TemperatureC">Air temperature in °C.</param>
/// <param name="RelativeHumidityPercent">Relative humidity in %.</param>
/// <param name="PressureHpa">Barometric pressure in hPa.</param>
public readonly record struct CabinClimateReading(long TimestampNs, double TemperatureC, double RelativeHumidityPercent, double PressureHpa);
