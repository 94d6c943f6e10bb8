using System.Device.Gpio;
using EdgeAI.Drivers.Simulated;
using EdgeAI.Sensors;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAI.Drivers.Gpio.Tests;

public sealed class GpioButtonInputTests : IDisposable
{
    private const int PushToTalk = 17, Dismiss = 27;
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly SimulatedGpioDriver _chip = new(pinCount: 54, chipName: "gpiochip0");
    private readonly GpioController _controller;

    public GpioButtonInputTests() => _controller = new GpioController(_chip);

    public void Dispose() => _controller.Dispose();

    private GpioButtonInput Buttons(TimeSpan? window = null, bool activeLow = true) => new(_controller, "gpiochip0",
    [
        new GpioButtonOptions { Name = "push-to-talk", Pin = PushToTalk, ActiveLow = activeLow, DoublePressWindow = window ?? TimeSpan.FromMilliseconds(300) },
        new GpioButtonOptions { Name = "dismiss", Pin = Dismiss, ActiveLow = activeLow, DoublePressWindow = window ?? TimeSpan.FromMilliseconds(300) },
    ], _clock);

    // Plays (milliseconds to wait, then the level to drive) steps on a line, advancing the virtual clock between them.
    private void Play(int pin, params (int WaitMs, bool High)[] steps)
    {
        foreach (var (wait, high) in steps)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(wait));
            _chip.SetInput(pin, high ? PinValue.High : PinValue.Low);
        }
    }

    // A press that bounces (contacts chatter for 6 ms, each bounce under 3 ms), held, then a release that bounces too.
    private void BouncyPress(int pin, int holdMs, bool activeLow = true)
    {
        var down = !activeLow;
        Play(pin, (0, down), (1, !down), (2, down), (1, !down), (2, down));
        Play(pin, (holdMs, !down), (1, down), (2, !down), (1, down), (1, !down));
    }

    private List<ButtonEvent> Drain(GpioButtonInput input)
    {
        var events = new List<ButtonEvent>();
        while (input.Events.TryRead(out var e)) events.Add(e);
        return events;
    }

    private static long Ns(TimeSpan sinceStart) => (Start + sinceStart - DateTimeOffset.UnixEpoch).Ticks * 100;

    [Fact]
    public void BouncesShorterThanTheDebounceTime_GiveOnePress()
    {
        using var input = Buttons(window: TimeSpan.Zero);
        BouncyPress(PushToTalk, holdMs: 120);
        _clock.Advance(TimeSpan.FromMilliseconds(29));
        Assert.Empty(Drain(input)); // the release is not settled yet: 30 ms of stillness are needed
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        var events = Drain(input);
        var press = Assert.Single(events);
        Assert.Equal(("push-to-talk", ButtonGesture.Press), (press.Button, press.Gesture));
        Assert.Equal(Ns(TimeSpan.FromMilliseconds(6 + 120 + 5 + 30)), press.TimestampNs);
    }

    [Fact]
    public void GlitchShorterThanTheDebounceTime_IsNoPress()
    {
        using var input = Buttons(window: TimeSpan.Zero);
        Play(PushToTalk, (0, false), (10, true)); // 10 ms of contact: noise, not a press
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Empty(Drain(input));
    }

    [Fact]
    public void LongPress_FiresAtItsThresholdWhileHeld_AndTheReleaseAddsNothing()
    {
        using var input = Buttons();
        Play(PushToTalk, (0, false), (1, true), (2, false)); // bouncing press starting at t = 0
        _clock.Advance(TimeSpan.FromMilliseconds(796));    // t = 799 ms
        Assert.Empty(Drain(input));
        _clock.Advance(TimeSpan.FromMilliseconds(1));      // t = 800 ms: the threshold, counted from the first edge
        var longPress = Assert.Single(Drain(input));
        Assert.Equal(ButtonGesture.LongPress, longPress.Gesture);
        Assert.Equal(Ns(TimeSpan.FromMilliseconds(800)), longPress.TimestampNs);

        _clock.Advance(TimeSpan.FromSeconds(3));           // still held: nothing more
        Play(PushToTalk, (0, true));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(Drain(input));
    }

    [Fact]
    public void TwoShortPressesWithinTheWindow_GiveOneDoublePress_AndNoSinglePress()
    {
        using var input = Buttons();
        BouncyPress(Dismiss, holdMs: 80);
        _clock.Advance(TimeSpan.FromMilliseconds(150)); // within the 300 ms window after the first release
        BouncyPress(Dismiss, holdMs: 80);
        _clock.Advance(TimeSpan.FromSeconds(1));

        var double_ = Assert.Single(Drain(input));
        Assert.Equal(("dismiss", ButtonGesture.DoublePress), (double_.Button, double_.Gesture));
    }

    [Fact]
    public void SinglePressWithADoublePressWindow_IsReportedWhenTheWindowCloses()
    {
        using var input = Buttons();
        BouncyPress(PushToTalk, holdMs: 80);    // first edge at 0, release burst from 86 to 91 ms
        _clock.Advance(TimeSpan.FromMilliseconds(294));
        Assert.Empty(Drain(input));              // 385 ms: within 300 ms of the release a second press could still come
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var press = Assert.Single(Drain(input));
        Assert.Equal(ButtonGesture.Press, press.Gesture);
        Assert.Equal(Ns(TimeSpan.FromMilliseconds(386)), press.TimestampNs);
    }

    [Fact]
    public void SecondPressAfterTheWindow_GivesTwoPresses()
    {
        using var input = Buttons();
        BouncyPress(PushToTalk, holdMs: 80);
        _clock.Advance(TimeSpan.FromMilliseconds(400));
        BouncyPress(PushToTalk, holdMs: 80);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([ButtonGesture.Press, ButtonGesture.Press], Drain(input).Select(e => e.Gesture));
    }

    [Fact]
    public void ShortPressThenLongPressWithinTheWindow_GivesPressThenLongPress()
    {
        using var input = Buttons();
        BouncyPress(PushToTalk, holdMs: 80);
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        Play(PushToTalk, (0, false));
        _clock.Advance(TimeSpan.FromMilliseconds(800));
        Assert.Equal([ButtonGesture.Press, ButtonGesture.LongPress], Drain(input).Select(e => e.Gesture));
    }

    [Fact]
    public void ButtonsAreIndependent_AndActiveHighWiringWorks()
    {
        using var input = Buttons(window: TimeSpan.Zero, activeLow: false);
        BouncyPress(PushToTalk, holdMs: 100, activeLow: false);
        BouncyPress(Dismiss, holdMs: 100, activeLow: false);
        _clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(["push-to-talk", "dismiss"], Drain(input).Select(e => e.Button));
    }

    [Fact]
    public void MissingLine_FailsWithOneLineNamingTheChipAndTheLine()
    {
        var error = Assert.Throws<GpioLineException>(() => new GpioButtonInput(_controller, "gpiochip0",
            [new GpioButtonOptions { Name = "push-to-talk", Pin = 99 }], _clock));
        Assert.Equal("gpiochip0: no GPIO line 99 for button 'push-to-talk' (the chip has lines 0..53)", error.Message);
    }

    [Fact]
    public void MissingSecondLine_ReleasesTheFirst()
    {
        Assert.Throws<GpioLineException>(() => new GpioButtonInput(_controller, "gpiochip0",
            [new GpioButtonOptions { Name = "push-to-talk", Pin = PushToTalk }, new GpioButtonOptions { Name = "dismiss", Pin = 54 }], _clock));
        Assert.False(_controller.IsPinOpen(PushToTalk));
    }

    [Fact]
    public void Lines_AreOpenedWithPullUp_AndClosedOnDispose()
    {
        var input = Buttons();
        Assert.Equal(PinMode.InputPullUp, _controller.GetPinMode(PushToTalk));
        input.Dispose();
        Assert.False(_controller.IsPinOpen(PushToTalk));
        Assert.False(_controller.IsPinOpen(Dismiss));
        Assert.True(input.Events.Completion.IsCompleted);
    }

    [Fact]
    public void UnreadEvents_DropTheOldest_AndAreCounted()
    {
        using var input = new GpioButtonInput(_controller, "gpiochip0",
            [new GpioButtonOptions { Name = "push-to-talk", Pin = PushToTalk, DoublePressWindow = TimeSpan.Zero }], _clock, capacity: 2);
        for (var i = 0; i < 5; i++)
        {
            BouncyPress(PushToTalk, holdMs: 60);
            _clock.Advance(TimeSpan.FromMilliseconds(100));
        }
        Assert.Equal(3, input.EventsDropped);
        Assert.Equal(2, Drain(input).Count);
    }
}
