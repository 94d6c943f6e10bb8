using System.Globalization;

namespace EdgeAI.Services.TrafficLights;

/// <summary>
/// Turns the signal ahead and its prediction into advice, with the rules drivers know from production traffic-light
/// information (Audi's TLI, the GLOSA field trials):
/// <list type="bullet">
/// <item>the countdown to green only while stopped at a red with more than <see cref="CountdownMinWaitS"/> s to wait,
/// which also hides it in the last seconds before green (the light, not a number, should start the car);</item>
/// <item>a speed band (GLOSA) only while moving within <see cref="GlosaRangeM"/> of the stop line: arrive while green,
/// never above the limit, never below <see cref="GlosaMinKph"/>, none when no speed makes it;</item>
/// <item>nothing at all (no countdown, no band) when the prediction's confidence is below <see cref="MinConfidence"/>;</item>
/// <item>a red-light warning when, at the current speed, the car can neither stop comfortably (reaction
/// <see cref="ReactionS"/> s, then <see cref="ComfortDecelMps2"/> m/s²) nor reach the line before red. It needs no
/// prediction beyond the current state and its minimum end, so it is given whatever the confidence.</item>
/// </list>
/// </summary>
public static class TrafficLightAdvisor
{
    /// <summary>Seconds of waiting below which no countdown is shown.</summary>
    public const double CountdownMinWaitS = 4;
    /// <summary>Distance to the stop line within which a speed band is given, metres.</summary>
    public const double GlosaRangeM = 250;
    /// <summary>The lowest speed ever advised, km/h (slower holds up the traffic behind).</summary>
    public const double GlosaMinKph = 20;
    /// <summary>Confidence below which the advisor says nothing.</summary>
    public const double MinConfidence = 0.5;
    /// <summary>Driver reaction time, seconds.</summary>
    public const double ReactionS = 1.0;
    /// <summary>Comfortable braking, m/s².</summary>
    public const double ComfortDecelMps2 = 3.5;
    /// <summary>Below this speed the car counts as stopped, m/s.</summary>
    public const double StoppedMps = 0.5;

    /// <summary>The advice for a car at <paramref name="speedMps"/> towards <paramref name="ahead"/>.</summary>
    public static TrafficLightAdvice Advise(SignalAhead ahead, SignalPrediction prediction, double speedMps)
    {
        ArgumentNullException.ThrowIfNull(ahead);
        ArgumentNullException.ThrowIfNull(prediction);
        double d = Math.Max(0, ahead.DistanceToStopLineM);
        bool stopped = speedMps < StoppedMps;
        bool confident = prediction.Confidence >= MinConfidence;
        bool green = prediction.State.IsGreen();

        // Red-light warning: not green (or turning red before the car gets there) and too close to stop.
        double stopping = speedMps * ReactionS + speedMps * speedMps / (2 * ComfortDecelMps2);
        double reach = speedMps > StoppedMps ? d / speedMps : double.PositiveInfinity;
        bool redBeforeArrival = prediction.State.IsRed() || (!double.IsNaN(prediction.TimeToRedS) && prediction.TimeToRedS < reach);
        bool warning = !stopped && d > 0 && stopping > d && redBeforeArrival;

        bool countdown = confident && stopped && !green && !double.IsNaN(prediction.TimeToGreenS) && prediction.TimeToGreenS > CountdownMinWaitS;

        double? low = null, high = null;
        if (confident && !stopped && d > 0 && d <= GlosaRangeM) (low, high) = Band(d, prediction, ahead.Approach.SpeedLimitMps * 3.6);

        var inv = CultureInfo.InvariantCulture;
        string? message = warning ? "Red light ahead: stop!"
            : countdown ? string.Create(inv, $"Green in {Math.Round(prediction.TimeToGreenS):F0} s")
            : low is { } l && high is { } h ? (Math.Round(l) == Math.Round(h) ? string.Create(inv, $"{h:F0} km/h for the green") : string.Create(inv, $"{l:F0}-{h:F0} km/h for the green"))
            : null;
        return new TrafficLightAdvice(ahead, prediction, countdown, low, high, warning, message);
    }

    // Arrive at the line while it is green: after the next green starts and before it ends.
    private static (double?, double?) Band(double d, SignalPrediction p, double limitKph)
    {
        double opens = p.State.IsGreen() ? 0 : p.TimeToGreenS;
        double closes = p.State.IsGreen() ? p.TimeToRedS : p.GreenEndS;
        if (double.IsNaN(opens) || double.IsNaN(closes) || closes <= opens) return (null, null);
        double fastest = opens > 0 ? d / opens * 3.6 : double.PositiveInfinity; // arriving earlier meets the red
        double slowest = d / closes * 3.6;                                      // arriving later misses the green
        double low = Math.Max(slowest, GlosaMinKph), high = Math.Min(fastest, limitKph);
        // Whole km/h, as a display shows them.
        return low <= high ? (Math.Round(low), Math.Round(high)) : (null, null);
    }
}
