using System.Device.I2c;
using EdgeAI.Sensors;
using Iot.Device.Bmxx80;
using Iot.Device.Bmxx80.FilteringMode;
using Iot.Device.Bmxx80.ReadResult;

namespace EdgeAI.Drivers.Sensors.Climate;

/// <summary>
/// A Bosch BME280 cabin climate sensor through Iot.Device.Bindings (<see cref="Bme280"/>): temperature, humidity and
/// pressure from one forced conversion per <see cref="Read"/>, compensated by the binding with the chip's own
/// calibration data. Wire it to an I2C bus of the board (address 0x76 with SDO to GND, 0x77 with SDO to VDDIO).
/// </summary>
public sealed class Bme280ClimateSensor : ICabinClimateSensor
{
    /// <summary>The BME280's address with SDO tied to GND.</summary>
    public const int DefaultAddress = 0x76;

    private readonly I2cDevice _device;
    private readonly bool _shouldDispose;
    private readonly Bme280 _bme;
    private readonly TimeProvider _time;

    /// <summary>Drives a BME280 on <paramref name="device"/>; disposes the device with this sensor when <paramref name="shouldDispose"/>.</summary>
    /// <exception cref="IOException">no BME280 answers on the device (one line naming it).</exception>
    public Bme280ClimateSensor(I2cDevice device, bool shouldDispose = true, TimeProvider? time = null, string? name = null)
    {
        _device = device;
        _shouldDispose = shouldDispose;
        _time = time ?? TimeProvider.System;
        Name = name ?? $"bme280@i2c-{device.ConnectionSettings.BusId}:0x{device.ConnectionSettings.DeviceAddress:x2}";
        try
        {
            _bme = new Bme280(device)
            {
                TemperatureSampling = Sampling.Standard,
                PressureSampling = Sampling.Standard,
                HumiditySampling = Sampling.Standard,
                FilterMode = Bmx280FilteringMode.Off,
            };
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException)
        {
            if (shouldDispose) device.Dispose();
            throw new IOException($"{Name}: no BME280 answers ({e.Message})", e);
        }
    }

    /// <summary>Opens the BME280 at <paramref name="address"/> on <c>/dev/i2c-<paramref name="busId"/></c>.</summary>
    /// <exception cref="IOException">the bus device is missing or no BME280 answers (one line naming it).</exception>
    public static Bme280ClimateSensor Open(int busId = 1, int address = DefaultAddress, TimeProvider? time = null)
    {
        var path = $"/dev/i2c-{busId}";
        if (OperatingSystem.IsLinux() && !File.Exists(path))
            throw new IOException($"bme280@i2c-{busId}:0x{address:x2}: {path} not found (enable I2C on the board, e.g. dtparam=i2c_arm=on or jetson-io)");
        return new Bme280ClimateSensor(I2cDevice.Create(new I2cConnectionSettings(busId, address)), shouldDispose: true, time);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public CabinClimateReading Read()
    {
        var timestampNs = (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        Bme280ReadResult result;
        try
        {
            result = _bme.Read();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            throw new IOException($"{Name}: read failed ({e.Message})", e);
        }
        return new CabinClimateReading(
            timestampNs,
            result.Temperature?.DegreesCelsius ?? double.NaN,
            result.Humidity?.Percent ?? double.NaN,
            result.Pressure?.Hectopascals ?? double.NaN);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _bme.Dispose();
        if (_shouldDispose) _device.Dispose();
    }
}
