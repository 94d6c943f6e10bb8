using EdgeAI.Services.Feeds;

namespace EdgeAI.Services.Parking;

/// <summary>
/// Predicts a car park's free spaces at the arrival time from the live occupancy feed, using only samples at or before
/// the virtual clock's now: the live value, blended with a seasonal forecast, the same time of day on the past days.
/// </summary>
/// <remarks>
/// <para>live = the last sample at or before now, if at most <see cref="MaxLiveAge"/> old; h = arrival − its sample time;
/// w = exp(−h / 60 min); profile(t) = the mean of the values at t − 1 day … t − 7 days that the feed has.</para>
/// <para>With both: free = w·live + (1 − w)·profile(arrival), confidence = 0.95 − 0.45·(1 − w) (0.82 at 20 min, 0.5 far
/// ahead). Live only: free = live, confidence = 0.95·w. History only: free = profile(arrival), confidence 0.4.
/// Neither: no prediction, confidence 0.</para>
/// </remarks>
public sealed class OccupancyForecaster(Feed? feed)
{
    /// <summary>A live value older than this is not used.</summary>
    public static readonly TimeSpan MaxLiveAge = TimeSpan.FromHours(2);

    private const int HistoryDays = 7;

    /// <summary>The forecast for car park <paramref name="poiId"/> of <paramref name="capacity"/> spaces.</summary>
    public ParkingForecast Forecast(string poiId, int capacity, DateTime now, DateTime arrival)
    {
        if (feed is null || !feed.TryGetSeries(poiId, out var series)) return new ParkingForecast(null, null, 0);
        bool live = series.TryValueAt(now, out var liveValue, out var sampledAt) && now - sampledAt <= MaxLiveAge;
        double profile = Profile(series, arrival, now);
        double? free;
        double confidence;
        if (live && !double.IsNaN(profile))
        {
            double w = Math.Exp(-Math.Max(0, (arrival - sampledAt).TotalMinutes) / 60);
            free = w * liveValue + (1 - w) * profile;
            confidence = 0.95 - 0.45 * (1 - w);
        }
        else if (live)
        {
            free = liveValue;
            confidence = 0.95 * Math.Exp(-Math.Max(0, (arrival - sampledAt).TotalMinutes) / 60);
        }
        else if (!double.IsNaN(profile))
        {
            free = profile;
            confidence = 0.4;
        }
        else return new ParkingForecast(null, null, 0);
        return new ParkingForecast(Math.Clamp(free.Value, 0, capacity), live ? sampledAt : null, confidence);
    }

    // The mean value at the same time of day on the past days, from samples at or before now; NaN when there is none.
    private static double Profile(FeedSeries series, DateTime at, DateTime now)
    {
        double sum = 0;
        int n = 0;
        for (var d = 1; d <= HistoryDays; d++)
        {
            var past = at.AddDays(-d);
            if (past > now) continue;
            var i = series.IndexAt(past);
            if (i < 0) continue;
            sum += series.ValueAt(i);
            n++;
        }
        return n == 0 ? double.NaN : sum / n;
    }
}
