using System.Device.Gpio;
using EdgeAI.Drivers.Gpio;
using EdgeAI.Drivers.Simulated;
using EdgeAI.Sensors;
using EdgeAI.Voice.Activation;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAI.Voice.Tests.Activation;

/// <summary>
/// Push-to-talk fed by the real GPIO button driver (<see cref="GpioButtonInput"/> over the real <see cref="GpioController"/>
/// and the simulated chip), with bouncing contacts played on a virtual clock: press and release come out once each,
/// dated at the first edge of their bursts, with the time held.
/// </summary>
public sealed class PushToTalkTests : IDisposable
{
    private const int Pin = 17;
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly SimulatedGpioDriver _chip = new(pinCount: 54);
    private readonly GpioController _controller;

    public PushToTalkTests() => _controller = new GpioController(_chip);

    public void Dispose() => _controller.Dispose();

    private GpioButtonInput Button(bool edges = true) => new(_controller, "gpiochip0",
        [new GpioButtonOptions { Name = "push-to-talk", Pin = Pin, DoublePressWindow = TimeSpan.Zero, ReportPressAndRelease = edges }], _clock);

    // steps of (milliseconds to wait, level to drive); the switch closes to ground, so low is pressed
    private void Play(params (int WaitMs, bool High)[] steps)
    {
        foreach (var (wait, high) in steps)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(wait));
            _chip.SetInput(Pin, high ? PinValue.High : PinValue.Low);
        }
    }

    private static List<PushToTalkEvent> Drain(PushToTalk ptt)
    {
        var events = new List<PushToTalkEvent>();
        while (ptt.Events.TryRead(out var e)) events.Add(e);
        return events;
    }

    private static void Pump(GpioButtonInput input, PushToTalk ptt)
    {
        while (input.Events.TryRead(out var e)) ptt.Follow(e, "push-to-talk");
    }

    [Fact]
    public void BouncyPressHeld1200Ms_GivesPressAndRelease_DatedAtTheFirstEdges()
    {
        using var input = Button();
        var ptt = new PushToTalk(_clock);
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        Play((0, false), (1, true), (2, false), (1, true), (2, false));       // press at 500 ms, contacts chatter for 6 ms
        _clock.Advance(TimeSpan.FromMilliseconds(30));
        Pump(input, ptt);
        var press = Assert.Single(Drain(ptt));
        Assert.Equal(new PushToTalkEvent(true, Start.AddMilliseconds(500), TimeSpan.Zero), press);
        Assert.True(ptt.IsHeld);

        Play((1200 - 36, true), (1, false), (2, true), (1, false), (1, true)); // release at 1700 ms, bouncing
        _clock.Advance(TimeSpan.FromMilliseconds(29));
        Pump(input, ptt);
        Assert.Empty(Drain(ptt));                                                // not settled yet: 30 ms of stillness
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Pump(input, ptt);
        var release = Assert.Single(Drain(ptt));
        Assert.Equal(new PushToTalkEvent(false, Start.AddMilliseconds(1700), TimeSpan.FromMilliseconds(1200)), release);
        Assert.False(ptt.IsHeld);
    }

    [Fact]
    public void GpioInput_ReportsDownAndUpOnlyWhenAsked_AndTheGestureStillFollows()
    {
        using var plain = Button(edges: false);
        Play((0, false));
        Play((300, true));
        _clock.Advance(TimeSpan.FromMilliseconds(40));
        var events = new List<ButtonEvent>();
        while (plain.Events.TryRead(out var e)) events.Add(e);
        Assert.Equal([ButtonGesture.Press], events.Select(e => e.Gesture));
        plain.Dispose();

        using var edges = Button(edges: true);
        Play((0, false));
        Play((300, true));
        _clock.Advance(TimeSpan.FromMilliseconds(40));
        events.Clear();
        while (edges.Events.TryRead(out var e)) events.Add(e);
        Assert.Equal([ButtonGesture.Down, ButtonGesture.Up, ButtonGesture.Press], events.Select(e => e.Gesture));
    }

    [Fact]
    public void ButtonHeldWhenInputStarts_GivesNoRelease()
    {
        _chip.SetInput(Pin, PinValue.Low);
        using var input = Button();
        var ptt = new PushToTalk(_clock);
        Play((500, true));
        _clock.Advance(TimeSpan.FromMilliseconds(40));
        Pump(input, ptt);
        Assert.Empty(Drain(ptt));
        Assert.Equal(0, ptt.Ignored);
    }

    [Fact]
    public async Task FollowAsync_ReadsTheButtonUntilTheInputCloses()
    {
        var input = Button();
        var ptt = new PushToTalk(_clock);
        var follow = ptt.FollowAsync(input, "push-to-talk", TestContext.Current.CancellationToken);
        Play((100, false));
        _clock.Advance(TimeSpan.FromMilliseconds(30));
        Play((400, true));
        _clock.Advance(TimeSpan.FromMilliseconds(30));
        input.Dispose();
        await follow.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var events = Drain(ptt);
        Assert.Equal([true, false], events.Select(e => e.IsPress));
        Assert.Equal(TimeSpan.FromMilliseconds(430), events[1].Held);
    }

    [Fact]
    public void Key_TogglesPressAndRelease_OnTheClock()
    {
        var ptt = new PushToTalk(_clock);
        _clock.Advance(TimeSpan.FromSeconds(2));
        ptt.Toggle();
        _clock.Advance(TimeSpan.FromMilliseconds(2500));
        ptt.Toggle();
        Assert.Equal([new PushToTalkEvent(true, Start.AddSeconds(2), TimeSpan.Zero), new PushToTalkEvent(false, Start.AddSeconds(4.5), TimeSpan.FromMilliseconds(2500))], Drain(ptt));
    }

    [Fact]
    public void PressWhileHeld_AndReleaseWhileUp_AreIgnoredAndCounted()
    {
        var ptt = new PushToTalk(_clock);
        Assert.False(ptt.Release());
        Assert.True(ptt.Press());
        Assert.False(ptt.Press());
        Assert.True(ptt.Release());
        Assert.Equal(2, ptt.Ignored);
        Assert.Equal(2, Drain(ptt).Count);
    }
}
