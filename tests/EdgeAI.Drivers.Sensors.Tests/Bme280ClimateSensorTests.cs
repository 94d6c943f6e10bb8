using System.Device.I2c;
using EdgeAI.Drivers.Sensors.Climate;
using EdgeAI.Drivers.Simulated;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAI.Drivers.Sensors.Tests;

public sealed class Bme280ClimateSensorTests
{
    [Fact]
    public void Read_DatasheetCalibrationAndRawValues_GivesTheDatasheetsTemperatureAndPressure()
    {
        // Bosch BMP280/BME280 worked example: dig_T1..3 = 27504, 26435, -1000; dig_P1..9 = 36477, -10685, 3024, 2855,
        // 140, -7, 15500, -14600, 6000; adc_T = 519888 -> 25.08 °C (t_fine 128422); adc_P = 415148 -> 100653 Pa.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));
        using var chip = new SimulatedBme280(Bme280Calibration.DatasheetExample);
        chip.SetRawSample(adcT: 519888, adcP: 415148, adcH: 30000);
        using var sensor = new Bme280ClimateSensor(chip, shouldDispose: false, clock);

        var reading = sensor.Read();

        Assert.Equal(25.08, reading.TemperatureC, 2);
        Assert.Equal(1006.53, reading.PressureHpa, 2);
        Assert.Equal(Nmea.Ns(clock.GetUtcNow()), reading.TimestampNs);
        Assert.Equal("bme280@i2c-1:0x76", sensor.Name);
        Assert.True(chip.Conversions >= 1); // the binding used forced mode: the chip converted on request
        Assert.Equal(0, chip.Register(0xF4) & 0x03); // and the chip went back to sleep after it
        Assert.Equal((3, 3, 3), (chip.Register(0xF4) >> 5, (chip.Register(0xF4) >> 2) & 0x07, chip.Register(0xF2) & 0x07)); // x4 oversampling
    }

    [Theory]
    [InlineData(30000)]
    [InlineData(26000)]
    [InlineData(35500)]
    public void Read_Humidity_MatchesTheDatasheetCompensationFormula(int adcH)
    {
        var c = Bme280Calibration.DatasheetExample;
        using var chip = new SimulatedBme280(c);
        chip.SetRawSample(519888, 415148, adcH);
        using var sensor = new Bme280ClimateSensor(chip, shouldDispose: false);

        var reading = sensor.Read();

        // BME280 datasheet 4.2.3, bme280_compensate_H_int32 (result in Q22.10 %RH), t_fine 128422 from the example
        var expected = DatasheetHumidity(adcH, tFine: 128422, c) / 1024.0;
        Assert.InRange(reading.RelativeHumidityPercent, expected - 0.01, expected + 0.01);
        Assert.InRange(reading.RelativeHumidityPercent, 0, 100);
    }

    [Fact]
    public void Construct_NothingOnTheBus_FailsWithOneLineNamingTheDevice()
    {
        using var empty = new EmptyI2cAddress(busId: 1, address: 0x77);
        var error = Assert.Throws<IOException>(() => new Bme280ClimateSensor(empty, shouldDispose: false));
        Assert.StartsWith("bme280@i2c-1:0x77: no BME280 answers", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Open_MissingBus_FailsWithOneLineNamingIt()
    {
        var error = Assert.Throws<IOException>(() => Bme280ClimateSensor.Open(busId: 97));
        Assert.StartsWith("bme280@i2c-97:0x76: /dev/i2c-97 not found", error.Message);
    }

    private static long DatasheetHumidity(int adcH, int tFine, Bme280Calibration c)
    {
        int v = tFine - 76800;
        v = ((((adcH << 14) - (c.H4 << 20) - (c.H5 * v)) + 16384) >> 15)
            * (((((((v * c.H6) >> 10) * (((v * c.H3) >> 11) + 32768)) >> 10) + 2097152) * c.H2 + 8192) >> 14);
        v -= ((((v >> 15) * (v >> 15)) >> 7) * c.H1) >> 4;
        v = Math.Clamp(v, 0, 419430400);
        return v >> 12;
    }

    // An I2C address where no device answers: reads return 0xFF as an open bus does.
    private sealed class EmptyI2cAddress(int busId, int address) : I2cDevice
    {
        public override I2cConnectionSettings ConnectionSettings { get; } = new(busId, address);
        public override void Read(Span<byte> buffer) => buffer.Fill(0xFF);
        public override void Write(ReadOnlySpan<byte> buffer) { }
        public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => readBuffer.Fill(0xFF);
    }
}
