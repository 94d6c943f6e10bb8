using EdgeAI.Services.Feeds;
using EdgeAI.Services.Map;

namespace EdgeAI.MapGen;

/// <summary>
/// The demo region's live feeds, generated for the day of the Adlershof drive and the day before (the history the
/// parking forecast learns from): parking occupancy every 5 minutes with a daily profile per kind of car park, charger
/// availability as points come and go, and traffic speed factors on the main roads in the rush hours. Only changes
/// are written (a sample holds until the next), which keeps the files small.
/// </summary>
public static class AdlershofFeeds
{
    /// <summary>The first moment of the feeds: the day before the drive (Thursday 11 June 2026), local time.</summary>
    public static readonly DateTime Start = new(2026, 6, 11, 0, 0, 0);

    /// <summary>Number of days.</summary>
    public const int Days = 2;

    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    /// <summary>The parking feed's file name in the feeds folder.</summary>
    public const string ParkingFile = "parking.csv";

    /// <summary>The charger feed's file name.</summary>
    public const string ChargerFile = "chargers.csv";

    /// <summary>The traffic feed's file name.</summary>
    public const string TrafficFile = "traffic.csv";

    /// <summary>Free spaces of every car park in <paramref name="pois"/>.</summary>
    public static Feed Parking(PoiFile pois, ulong seed)
    {
        var rng = new SplitMix64(seed ^ 0x5041524BUL);
        var series = new List<(string, long[], double[])>();
        foreach (var poi in pois.Pois)
        {
            if (poi.Parking is not { } info) continue;
            // Commuters fill the station's car parks, staff the campus garages; open lots fill at lunch and in the evening.
            bool commuter = poi.Name.StartsWith("P+R", StringComparison.Ordinal), office = info.Covered;
            double peak = commuter ? 0.97 : rng.Between(0.75, 0.92);
            var (ticks, values) = (new List<long>(), new List<double>());
            double noise = 0;
            for (var t = Start; t < Start.AddDays(Days); t += Step)
            {
                double h = t.TimeOfDay.TotalHours, weekdayShare = t.DayOfWeek == DayOfWeek.Friday ? 0.92 : 1.0;
                double occupied = commuter ? 0.08 + (peak - 0.08) * Rise(h, 7.0, 0.6) * (1 - Rise(h, 17.5, 0.8)) * weekdayShare
                    : office ? 0.05 + (peak - 0.05) * Rise(h, 8.3, 0.7) * (1 - Rise(h, 17.0, 0.9)) * weekdayShare
                    : 0.15 + peak * (0.55 * Bump(h, 12.5, 1.3) + 0.6 * Bump(h, 19.5, 1.6));
                noise = 0.8 * noise + rng.Between(-0.015, 0.015);
                double free = Math.Round(info.Capacity * (1 - Math.Clamp(occupied + noise, 0, 1)));
                if (values.Count == 0 || values[^1] != free) { ticks.Add(t.Ticks); values.Add(free); }
            }
            series.Add((poi.Id, ticks.ToArray(), values.ToArray()));
        }
        return new Feed(FeedKind.ParkingOccupancy, series);
    }

    /// <summary>Free points of every charger in <paramref name="pois"/>: cars arrive more often by day, leave a DC charger
    /// after about 25 minutes and an AC one after about 2 hours.</summary>
    public static Feed Chargers(PoiFile pois, ulong seed)
    {
        var rng = new SplitMix64(seed ^ 0x43484752UL);
        var series = new List<(string, long[], double[])>();
        foreach (var poi in pois.Pois)
        {
            if (poi.Charger is not { } info) continue;
            bool dc = info.PowerKw >= 50;
            int busy = 0;
            var (ticks, values) = (new List<long>(), new List<double>());
            for (var t = Start; t < Start.AddDays(Days); t += Step)
            {
                double h = t.TimeOfDay.TotalHours, arrive = 0.01 + 0.12 * Bump(h, 12, 4);
                int after = busy;
                for (var p = 0; p < busy; p++) if (rng.Chance(dc ? 0.2 : 0.04)) after--;
                for (var p = busy; p < info.Points; p++) if (rng.Chance(arrive)) after++;
                busy = after;
                double free = info.Points - busy;
                if (values.Count == 0 || values[^1] != free) { ticks.Add(t.Ticks); values.Add(free); }
            }
            series.Add((poi.Id, ticks.ToArray(), values.ToArray()));
        }
        return new Feed(FeedKind.ChargerAvailability, series);
    }

    /// <summary>Speed factors on the primary roads, every 15 minutes, in steps of 0.1: slower in the morning and evening
    /// rush hours, by a depth drawn per edge.</summary>
    public static Feed Traffic(RoadGraph graph, ulong seed)
    {
        var rng = new SplitMix64(seed ^ 0x54524146UL);
        var series = new List<(string, long[], double[])>();
        foreach (var edge in graph.Edges)
        {
            if (edge.RoadClass != "primary") continue;
            double depth = rng.Between(0.2, 0.5);
            var (ticks, values) = (new List<long>(), new List<double>());
            for (var t = Start; t < Start.AddDays(Days); t += TimeSpan.FromMinutes(15))
            {
                double h = t.TimeOfDay.TotalHours, rush = Math.Max(Bump(h, 8.0, 0.7), Bump(h, 17.2, 0.9));
                double factor = Math.Round(Math.Clamp(1 - depth * rush, 0.3, 1) * 10) / 10;
                if (values.Count == 0 || values[^1] != factor) { ticks.Add(t.Ticks); values.Add(factor); }
            }
            series.Add((edge.Id, ticks.ToArray(), values.ToArray()));
        }
        return new Feed(FeedKind.TrafficSpeed, series);
    }

    // A smooth step from 0 to 1 around hour c, width w (logistic).
    private static double Rise(double h, double c, double w) => 1 / (1 + Math.Exp(-(h - c) / w * 2.5));

    // A bell around hour c, width w, height 1.
    private static double Bump(double h, double c, double w) => Math.Exp(-0.5 * (h - c) * (h - c) / (w * w));
}
