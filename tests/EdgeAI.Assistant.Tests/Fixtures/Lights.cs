using EdgeAI.Services.Geo;
using EdgeAI.Services.TrafficLights;

namespace EdgeAI.Assistant.Tests.Fixtures;

/// <summary>
/// The traffic light on the drive's route at intersection 945142211 (Rudower Chaussee, edge 143308542#4, signal group 1;
/// models/scenarios/adlershof-drive/map.json), with the traffic-light advisor's advice for a given red and car.
/// </summary>
public static class Lights
{
    /// <summary>The approach along edge 143308542#4, 50 km/h.</summary>
    public static readonly SignalApproach Approach = new("143308542#4",
        [new GeoPoint(52.429288, 13.529236), new GeoPoint(52.4294, 13.529589), new GeoPoint(52.429509, 13.529886), new GeoPoint(52.429575, 13.530044), new GeoPoint(52.429603, 13.530114)],
        55.8, 13.89, [new SignalManeuver("143308542#6", 's', 1)]);

    /// <summary>The intersection.</summary>
    public static readonly SignalIntersection Intersection = new("945142211", new GeoPoint(52.429615, 13.530101), [Approach]);

    /// <summary>A red turning green in <paramref name="timeToGreenS"/> for 20 s, as the advisor gives it to a car
    /// <paramref name="distanceM"/> before the stop line at <paramref name="speedKmh"/>.</summary>
    public static TrafficLightAdvice Red(double timeToGreenS, double distanceM = 3, double speedKmh = 0, double confidence = 0.9) =>
        TrafficLightAdvisor.Advise(new SignalAhead(Intersection, Approach, Approach.Maneuvers[0], distanceM),
            new SignalPrediction(1, MovementPhaseState.StopAndRemain, timeToGreenS, 0, timeToGreenS + 20, confidence), speedKmh / 3.6);
}
