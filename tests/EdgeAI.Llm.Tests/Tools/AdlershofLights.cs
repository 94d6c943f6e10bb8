using EdgeAI.Can.Logs;
using EdgeAI.Drivers.Sensors.Nmea;
using EdgeAI.Services.Geo;
using EdgeAI.Services.TrafficLights;

namespace EdgeAI.Llm.Tests.Tools;

/// <summary>
/// The traffic light ahead at a second of the Adlershof drive, as <c>edgeai lights --at S</c> computes it: the GPS fix
/// at S, the signal the car drives towards in the scenario's MAP, the predictor fed the SPaT messages received up to S,
/// and the advisor's rules.
/// </summary>
internal static class AdlershofLights
{
    /// <summary>The advice at <paramref name="seconds"/> from the drive's start; null when no light is ahead.</summary>
    public static TrafficLightAdvice? AdviceAt(double seconds)
    {
        string folder = AdlershofServices.Scenario;
        var feed = SpatFeed.Read(folder);
        var predictor = new TimeToGreenPredictor();
        foreach (var message in feed.Messages)
        {
            if (message.T > seconds) break;
            predictor.Observe(message);
        }
        long startNs;
        using (var reader = CanLogFiles.OpenReader(Path.Combine(folder, "can.log.gz")))
            startNs = reader.TryRead(out var first) ? first.TimestampNs : throw new InvalidDataException("the drive's CAN log has no frames");
        long atNs = startNs + (long)(seconds * 1e9);
        var fix = new NmeaFileGpsSource(Path.Combine(folder, "gps.nmea")).ReadFixesAsync().ToBlockingEnumerable()
            .Where(f => f.HasPosition && f.TimestampNs <= atNs + 500_000_000).Last();
        var ahead = new SignalAheadFinder(feed.Map).Find(new GeoPoint(fix.Latitude, fix.Longitude), fix.HeadingDeg);
        if (ahead is null || predictor.Predict(ahead.Intersection.Id, ahead.Maneuver.SignalGroup, seconds) is not { } prediction) return null;
        return TrafficLightAdvisor.Advise(ahead, prediction, double.IsFinite(fix.SpeedMps) ? fix.SpeedMps : 0);
    }
}
