using System.Device.Gpio;
using EdgeAI.Drivers.Simulated;
using EdgeAI.Sensors;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAI.Drivers.Gpio.Tests;

public sealed class GpioStatusLedTests : IDisposable
{
    private const int Pin = 22;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));
    private readonly SimulatedGpioDriver _chip = new(pinCount: 54);
    private readonly GpioController _controller;

    public GpioStatusLedTests() => _controller = new GpioController(_chip);

    public void Dispose() => _controller.Dispose();

    [Fact]
    public void OnAndOff_DriveTheLine()
    {
        using var led = new GpioStatusLed(_controller, "gpiochip0", Pin, "listening", time: _clock);
        Assert.Equal(PinValue.Low, _chip.LevelOf(Pin));
        led.On();
        Assert.Equal((PinValue.High, true, StatusLedMode.On), (_chip.LevelOf(Pin), led.IsLit, led.Mode));
        led.Off();
        Assert.Equal((PinValue.Low, false, StatusLedMode.Off), (_chip.LevelOf(Pin), led.IsLit, led.Mode));
    }

    [Fact]
    public void Blink_TogglesEveryHalfPeriodOnTheClock_UntilSwitchedOn()
    {
        using var led = new GpioStatusLed(_controller, "gpiochip0", Pin, time: _clock);
        led.Blink(TimeSpan.FromMilliseconds(500));
        var levels = new List<PinValue> { _chip.LevelOf(Pin) };
        for (var i = 0; i < 4; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(250));
            levels.Add(_chip.LevelOf(Pin));
        }
        Assert.Equal([PinValue.High, PinValue.Low, PinValue.High, PinValue.Low, PinValue.High], levels);

        led.On();
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(PinValue.High, _chip.LevelOf(Pin));
    }

    [Fact]
    public void ActiveLowLed_IsLitByALowLine_AndDarkOnDispose()
    {
        var led = new GpioStatusLed(_controller, "gpiochip0", Pin, activeLow: true, time: _clock);
        led.On();
        Assert.Equal(PinValue.Low, _chip.LevelOf(Pin));
        led.Dispose();
        Assert.False(_controller.IsPinOpen(Pin));
    }

    [Fact]
    public void MissingLine_FailsWithOneLineNamingTheChipAndTheLine()
    {
        var error = Assert.Throws<GpioLineException>(() => new GpioStatusLed(_controller, "gpiochip4", 60, "listening", time: _clock));
        Assert.Equal("gpiochip4: no GPIO line 60 for LED 'listening' (the chip has lines 0..53)", error.Message);
    }

    [Fact]
    public void Blink_NonPositivePeriod_IsRefused()
    {
        using var led = new GpioStatusLed(_controller, "gpiochip0", Pin, time: _clock);
        Assert.Throws<ArgumentOutOfRangeException>(() => led.Blink(TimeSpan.Zero));
    }
}
