namespace EdgeAI.Services.TrafficLights;

/// <summary>How a simulated road-side unit broadcasts and how wrong it is.</summary>
/// <param name="PeriodS">Broadcast period, seconds (1 Hz as typical RSUs do).</param>
/// <param name="LikelyJitterS">Standard deviation of the error added to each message's likelyTime, seconds.</param>
/// <param name="LatencyS">Normal latency from generation to reception, seconds.</param>
/// <param name="DelayProbability">Chance that a message arrives late.</param>
/// <param name="MaxDelayS">A late message arrives up to this long after it was generated, seconds.</param>
/// <param name="DropProbability">Chance that a message is lost.</param>
public sealed record RoadSideUnitOptions(
    double PeriodS = 1.0, double LikelyJitterS = 2.0, double LatencyS = 0.05,
    double DelayProbability = 0.05, double MaxDelayS = 1.5, double DropProbability = 0.02)
{
    /// <summary>The defaults.</summary>
    public static RoadSideUnitOptions Default { get; } = new();
}
