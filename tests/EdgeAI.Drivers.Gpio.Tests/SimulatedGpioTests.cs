using EdgeAI.Drivers.Simulated;
using EdgeAI.Sensors;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAI.Drivers.Gpio.Tests;

public sealed class SimulatedGpioTests
{
    [Fact]
    public void ScriptedButtons_PublishEachGestureWhenTheClockReachesIt()
    {
        var start = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        using var buttons = new ScriptedButtonInput(
        [
            (TimeSpan.FromSeconds(2), "push-to-talk", ButtonGesture.Press),
            (TimeSpan.FromSeconds(5), "dismiss", ButtonGesture.DoublePress),
        ], clock);

        clock.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(buttons.Events.TryRead(out _));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(buttons.Events.TryRead(out var first));
        Assert.Equal(new ButtonEvent((start.AddSeconds(2) - DateTimeOffset.UnixEpoch).Ticks * 100, "push-to-talk", ButtonGesture.Press), first);
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.True(buttons.Events.TryRead(out var second));
        Assert.Equal(ButtonGesture.DoublePress, second.Gesture);
    }

    [Fact]
    public void SimulatedLed_BlinksOnTheClock()
    {
        var clock = new FakeTimeProvider();
        using var led = new SimulatedStatusLed(clock);
        led.Blink(TimeSpan.FromSeconds(1));
        Assert.True(led.IsLit);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.False(led.IsLit);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(led.IsLit);
        Assert.Equal(2, led.TimesLit);
        led.Off();
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.False(led.IsLit);
    }
}
