using EdgeAI.Services.Geo;
using EdgeAI.Services.TrafficLights;

namespace EdgeAI.Services.Tests.TrafficLights;

/// <summary>The signal-ahead matching and the display rules, on a straight 400 m approach heading east to a light.</summary>
public sealed class TrafficLightAdvisorTests
{
    private static readonly GeoPoint Start = new(52.43, 13.50);
    private static readonly GeoPoint StopLine = Along(400);
    private static readonly SignalMap Map = new([
        new SignalIntersection("x1", StopLine, [
            new SignalApproach("east", [Start, StopLine], 90, 50 / 3.6, [new SignalManeuver("on", 's', 0), new SignalManeuver("left", 'l', 1)]),
        ]),
    ]);

    private static GeoPoint Along(double metres) => new(52.43, 13.50 + metres / (111_320 * Math.Cos(52.43 * Math.PI / 180)));

    private static SignalPrediction Red(double toGreen, double greenFor = 30, double confidence = 1) =>
        new(0, MovementPhaseState.StopAndRemain, toGreen, 0, toGreen + greenFor, confidence);

    private static SignalPrediction Green(double toRed, double confidence = 1) =>
        new(0, MovementPhaseState.ProtectedMovementAllowed, 0, toRed, toRed - 3, confidence);

    private static SignalAhead AheadAt(double metres) => new SignalAheadFinder(Map).Find(Along(metres), 90)!;

    [Fact]
    public void Find_OnTheApproach_GivesTheStopLineDistanceAndTheRoutesManeuver()
    {
        var ahead = new SignalAheadFinder(Map).Find(Along(150), 92, nextEdge: "left")!;
        Assert.Equal("x1", ahead.Intersection.Id);
        Assert.Equal(1, ahead.Maneuver.SignalGroup);
        Assert.InRange(ahead.DistanceToStopLineM, 249, 251);
        Assert.Equal(0, new SignalAheadFinder(Map).Find(Along(150), 90)!.Maneuver.SignalGroup); // straight on by default
    }

    [Fact]
    public void Find_DrivingTheOtherWayOrOffTheRoad_NoSignal()
    {
        Assert.Null(new SignalAheadFinder(Map).Find(Along(150), 270));
        Assert.Null(new SignalAheadFinder(Map).Find(new GeoPoint(52.4305, 13.502), 90)); // 55 m north of the road
    }

    [Fact]
    public void Countdown_StoppedAtARedWithMoreThan4sToWait_Shown()
    {
        var advice = TrafficLightAdvisor.Advise(AheadAt(398), Red(toGreen: 17.4), speedMps: 0);
        Assert.True(advice.ShowCountdown);
        Assert.Equal("Green in 17 s", advice.Message);
        Assert.Null(advice.GlosaMinKph);
    }

    [Theory]
    [InlineData(4.0)] // a short wait: not worth a number
    [InlineData(2.5)] // the last seconds before green: hidden, the light starts the car
    public void Countdown_FourSecondsOrLessToWait_Hidden(double toGreen)
    {
        var advice = TrafficLightAdvisor.Advise(AheadAt(398), Red(toGreen), speedMps: 0);
        Assert.False(advice.ShowCountdown);
        Assert.Null(advice.Message);
    }

    [Fact]
    public void Countdown_WhileMoving_NotShown()
    {
        Assert.False(TrafficLightAdvisor.Advise(AheadAt(250), Red(toGreen: 20), speedMps: 8).ShowCountdown);
    }

    [Fact]
    public void Glosa_RedTurningGreen_BandArrivesWhileGreenAndNeverAboveTheLimit()
    {
        // 200 m to go; green from 20 s to 50 s: 14.4 km/h would be the slowest (capped at 20), 36 km/h the fastest.
        var advice = TrafficLightAdvisor.Advise(AheadAt(200), Red(toGreen: 20, greenFor: 30), speedMps: 13);
        Assert.Equal(20, advice.GlosaMinKph);
        Assert.Equal(36, advice.GlosaMaxKph);
        Assert.Equal("20-36 km/h for the green", advice.Message);
        // Green now for 10 s more, 100 m to go: 36 km/h at least, but the limit is 50.
        var green = TrafficLightAdvisor.Advise(AheadAt(300), Green(toRed: 10), speedMps: 12);
        Assert.Equal(36, green.GlosaMinKph);
        Assert.Equal(50, green.GlosaMaxKph);
    }

    [Fact]
    public void Glosa_NoSpeedMakesIt_NoBand()
    {
        // Green for 5 s more, 200 m away: 144 km/h would be needed.
        var advice = TrafficLightAdvisor.Advise(AheadAt(200), Green(toRed: 5), speedMps: 13);
        Assert.Null(advice.GlosaMinKph);
        Assert.Null(advice.GlosaMaxKph);
    }

    [Fact]
    public void Glosa_FartherThan250m_NoBand()
    {
        Assert.Null(TrafficLightAdvisor.Advise(AheadAt(100), Red(toGreen: 20, greenFor: 30), speedMps: 13).GlosaMinKph);
    }

    [Fact]
    public void LowConfidence_SaysNothing()
    {
        var moving = TrafficLightAdvisor.Advise(AheadAt(200), Red(toGreen: 20, greenFor: 30, confidence: 0.3), speedMps: 13);
        var waiting = TrafficLightAdvisor.Advise(AheadAt(398), Red(toGreen: 17, confidence: 0.3), speedMps: 0);
        Assert.Null(moving.GlosaMinKph);
        Assert.Null(moving.Message);
        Assert.False(waiting.ShowCountdown);
        Assert.Null(waiting.Message);
    }

    [Fact]
    public void RedLightWarning_RedAndTooCloseToStop_Warns()
    {
        // 14 m/s (50 km/h): 14 m of reaction plus 28 m of braking at 3.5 m/s², 30 m from a red line.
        var advice = TrafficLightAdvisor.Advise(AheadAt(370), Red(toGreen: 15, confidence: 0.2), speedMps: 14);
        Assert.True(advice.RedLightWarning);
        Assert.Equal("Red light ahead: stop!", advice.Message);
    }

    [Fact]
    public void RedLightWarning_FarEnoughToStop_OrPassesBeforeRed_NoWarning()
    {
        Assert.False(TrafficLightAdvisor.Advise(AheadAt(300), Red(toGreen: 15), speedMps: 14).RedLightWarning); // 100 m: it can stop
        Assert.False(TrafficLightAdvisor.Advise(AheadAt(370), Green(toRed: 4), speedMps: 14).RedLightWarning); // 30 m in 2.1 s: through before red
        Assert.True(TrafficLightAdvisor.Advise(AheadAt(360), Green(toRed: 2), speedMps: 14).RedLightWarning);  // 40 m in 2.9 s: red first
    }
}
