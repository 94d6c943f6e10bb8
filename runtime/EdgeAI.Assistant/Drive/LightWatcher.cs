using EdgeAI.Services.Geo;
using EdgeAI.Services.TrafficLights;

namespace EdgeAI.Assistant.Drive;

/// <summary>
/// The traffic light ahead as the drive goes: feeds the predictor every SPaT message received up to the moment (and
/// none after), finds the approach the car is on in the MAP, and asks the advisor what may be shown.
/// </summary>
public sealed class LightWatcher(SpatFeed feed)
{
    private readonly TimeToGreenPredictor _predictor = new();
    private readonly SignalAheadFinder _finder = new(feed.Map);
    private int _next;

    /// <summary>The advice at <paramref name="driveSeconds"/>, or null when no light is ahead or nothing is predicted.</summary>
    public TrafficLightAdvice? At(double driveSeconds, GeoPoint position, double headingDeg, double speedMps)
    {
        var messages = feed.Messages;
        while (_next < messages.Count && messages[_next].T <= driveSeconds) _predictor.Observe(messages[_next++]);
        if (_finder.Find(position, headingDeg) is not { } ahead) return null;
        if (_predictor.Predict(ahead.Intersection.Id, ahead.Maneuver.SignalGroup, driveSeconds) is not { } prediction) return null;
        return TrafficLightAdvisor.Advise(ahead, prediction, speedMps);
    }
}
