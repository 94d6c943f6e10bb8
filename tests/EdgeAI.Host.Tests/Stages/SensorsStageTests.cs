using System.Threading.Channels;
using EdgeAI.Drivers.Sensors.Climate;
using EdgeAI.Drivers.Simulated;
using EdgeAI.Host.Pipeline;
using EdgeAI.Host.Stages;
using EdgeAI.Sensors;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAI.Host.Tests.Stages;

/// <summary>
/// The sensors-and-GPIO stage: the real BME280 driver on a simulated chip (Bosch's worked example: 25.08 °C), read on
/// its period and stamped with the drive's time; a chip that stops answering; and the cabin buttons handed on in order.
/// </summary>
public sealed class SensorsStageTests
{
    private const long T0 = 1_781_257_950_000_000_000;

    [Fact]
    public async Task Bme280_ReadingsOnThePeriod_StampedWithTheDrivesTime()
    {
        using var chip = new SimulatedBme280(Bme280Calibration.DatasheetExample);
        chip.SetRawSample(adcT: 519888, adcP: 415148, adcH: 30000);
        using var sensor = new Bme280ClimateSensor(chip, shouldDispose: false);
        var clock = new DriveClock(TimeProvider.System, 10);
        clock.Anchor(T0);
        var output = new StageChannel<CabinClimateReading>("climate", 100, BoundedChannelFullMode.Wait);
        var stage = new SensorsStage(new StageHealth("sensors", TimeSpan.FromSeconds(5), TimeProvider.System), NullLogger.Instance, sensor, null, output, clock)
        {
            ClimateEvery = TimeSpan.FromMilliseconds(50),
        };

        await stage.StartAsync(TestContext.Current.CancellationToken);
        var readings = new List<CabinClimateReading>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (readings.Count < 4 && DateTime.UtcNow < deadline)
        {
            if (output.Reader.TryRead(out var r)) readings.Add(r);
            else await Task.Delay(10, TestContext.Current.CancellationToken);
        }
        await stage.StopAsync(CancellationToken.None);

        Assert.Equal(4, readings.Count);
        Assert.All(readings, r => Assert.Equal(25.08, r.TemperatureC, 2));
        Assert.All(readings, r => Assert.Equal(1006.53, r.PressureHpa, 2));
        // On the drive's clock (10x from T0), not the sensor's wall clock, and in order.
        Assert.All(readings, r => Assert.InRange(r.TimestampNs, T0, T0 + 200_000_000_000));
        Assert.Equal(readings.Select(r => r.TimestampNs).Order(), readings.Select(r => r.TimestampNs));
        Assert.True(chip.Conversions >= 4, $"{chip.Conversions} conversions");
        Assert.Null(stage.Health.Detail);
    }

    [Fact]
    public async Task SensorThatStopsAnswering_SaidOnTheStatusLine_ButtonsStillHandedOn()
    {
        var clock = new DriveClock(TimeProvider.System, 1);
        clock.Anchor(T0);
        var output = new StageChannel<CabinClimateReading>("climate", 100, BoundedChannelFullMode.Wait);
        using var sensor = new FailingSensor();
        using var buttons = new ScriptedButtonInput(
            [(TimeSpan.FromMilliseconds(50), "talk", ButtonGesture.Down), (TimeSpan.FromMilliseconds(300), "talk", ButtonGesture.Up), (TimeSpan.FromMilliseconds(400), "accept", ButtonGesture.Press)],
            TimeProvider.System);
        var pressed = new List<(string, ButtonGesture)>();
        var stage = new SensorsStage(new StageHealth("sensors", TimeSpan.FromSeconds(5), TimeProvider.System), NullLogger.Instance, sensor, buttons, output, clock)
        {
            ClimateEvery = TimeSpan.FromMilliseconds(50),
            OnButton = b => { lock (pressed) pressed.Add((b.Button, b.Gesture)); },
        };

        await stage.StartAsync(TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((stage.Presses < 3 || stage.ClimateFailures < 2) && DateTime.UtcNow < deadline) await Task.Delay(10, TestContext.Current.CancellationToken);
        await stage.StopAsync(CancellationToken.None);

        Assert.Equal([("talk", ButtonGesture.Down), ("talk", ButtonGesture.Up), ("accept", ButtonGesture.Press)], pressed);
        Assert.True(stage.ClimateFailures >= 2, $"{stage.ClimateFailures} failed readings");
        Assert.Equal("bme280@i2c-1:0x76: Error 121 performing I2C data transfer; cabin climate goes stale", stage.Health.Detail);
        Assert.False(output.Reader.TryRead(out _));
    }

    [Fact]
    public async Task StatusLed_LitWhileRunning_BlinksAsAsked_DarkOnceStopped()
    {
        var clock = new DriveClock(TimeProvider.System, 1);
        clock.Anchor(T0);
        var output = new StageChannel<CabinClimateReading>("climate", 100, BoundedChannelFullMode.Wait);
        using var led = new SimulatedStatusLed(TimeProvider.System);
        long blinkMs = 0;
        var stage = new SensorsStage(new StageHealth("sensors", TimeSpan.FromSeconds(5), TimeProvider.System), NullLogger.Instance, null, null, output, clock)
        {
            Led = led,
            LedBlink = () => Interlocked.Read(ref blinkMs) is > 0 and var ms ? TimeSpan.FromMilliseconds(ms) : null,
        };

        await stage.StartAsync(TestContext.Current.CancellationToken);
        await Until(() => led.Mode == StatusLedMode.On);
        Assert.True(led.IsLit);
        Interlocked.Exchange(ref blinkMs, 100);
        await Until(() => led.Mode == StatusLedMode.Blink && led.TimesLit >= 3);
        Interlocked.Exchange(ref blinkMs, 0);
        await Until(() => led.Mode == StatusLedMode.On);
        await stage.StopAsync(CancellationToken.None);

        Assert.Equal(StatusLedMode.Off, led.Mode);
        Assert.False(led.IsLit);
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(10, TestContext.Current.CancellationToken);
        Assert.True(condition(), "the LED did not get there in 20 s");
    }

    /// <summary>A BME280 whose bus fails as Linux reports a device that stopped answering (EREMOTEIO).</summary>
    private sealed class FailingSensor : ICabinClimateSensor
    {
        public string Name => "bme280@i2c-1:0x76";
        public CabinClimateReading Read() => throw new IOException("Error 121 performing I2C data transfer");
        public void Dispose() { }
    }
}
