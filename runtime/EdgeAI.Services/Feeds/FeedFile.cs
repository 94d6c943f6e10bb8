using System.Globalization;
using System.Text;

namespace EdgeAI.Services.Feeds;

/// <summary>
/// Reads and writes live-feed CSV files (docs/scenarios.md, "Feeds"): a header naming the kind, then
/// <c>time,key,value</c> rows, time as local <c>yyyy-MM-ddTHH:mm[:ss]</c> in the scenario's time zone. Lines starting
/// with <c>#</c> and blank lines are skipped. A key's samples must be in increasing time order. Every error is one line
/// naming the file, the line and what was expected.
/// </summary>
public static class FeedFile
{
    /// <summary>The header line of a kind.</summary>
    public static string Header(FeedKind kind) => kind switch
    {
        FeedKind.ParkingOccupancy => "time,poi,free",
        FeedKind.ChargerAvailability => "time,poi,free_points",
        _ => "time,edge,factor",
    };

    /// <summary>Reads a feed file; its header says the kind. When <paramref name="expected"/> is given, another kind is an error.</summary>
    /// <exception cref="FeedFormatException">missing file or a line that does not follow the format.</exception>
    public static Feed Read(string path, FeedKind? expected = null)
    {
        if (!File.Exists(path)) throw new FeedFormatException(path, 0, "no such file (expected a feed CSV, docs/scenarios.md)");
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Parse(reader, path, expected);
    }

    /// <summary>Parses a feed from text; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="FeedFormatException">a line that does not follow the format.</exception>
    public static Feed Parse(TextReader text, string name, FeedKind? expected = null)
    {
        FeedKind? kind = null;
        var keys = new Dictionary<string, (List<long> Ticks, List<double> Values, int LastLine)>(StringComparer.Ordinal);
        var order = new List<string>();
        var number = 0;
        while (text.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line[0] == '#') continue;
            if (kind is null)
            {
                kind = line.TrimEnd('\r') switch
                {
                    "time,poi,free" => FeedKind.ParkingOccupancy,
                    "time,poi,free_points" => FeedKind.ChargerAvailability,
                    "time,edge,factor" => FeedKind.TrafficSpeed,
                    _ => throw new FeedFormatException(name, number, "expected the header time,poi,free or time,poi,free_points or time,edge,factor"),
                };
                if (expected is { } e && e != kind)
                    throw new FeedFormatException(name, number, $"expected the header {Header(e)} (a {e} feed), found {line}");
                continue;
            }
            var row = line.AsSpan().TrimEnd('\r');
            int c1 = row.IndexOf(','), c2 = c1 < 0 ? -1 : row[(c1 + 1)..].IndexOf(',') + c1 + 1;
            if (c1 < 0 || c2 <= c1 || row[(c2 + 1)..].Contains(','))
                throw new FeedFormatException(name, number, $"expected 3 fields: {Header(kind.Value)}");
            var timeText = row[..c1];
            if (!DateTime.TryParseExact(timeText, (string[])["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
                throw new FeedFormatException(name, number, $"time: expected local yyyy-MM-ddTHH:mm[:ss], found '{timeText}'");
            var key = row[(c1 + 1)..c2];
            if (key.IsEmpty) throw new FeedFormatException(name, number, $"{(kind == FeedKind.TrafficSpeed ? "edge" : "poi")}: expected an id");
            var value = ParseValue(row[(c2 + 1)..], kind.Value, name, number);
            var keyText = key.ToString();
            if (!keys.TryGetValue(keyText, out var series))
            {
                series = ([], [], 0);
                order.Add(keyText);
            }
            else if (series.Ticks[^1] >= time.Ticks)
                throw new FeedFormatException(name, number, $"time: expected a time after {new DateTime(series.Ticks[^1]):yyyy-MM-ddTHH:mm:ss} (line {series.LastLine}, same {(kind == FeedKind.TrafficSpeed ? "edge" : "poi")})");
            series.Ticks.Add(time.Ticks);
            series.Values.Add(value);
            keys[keyText] = (series.Ticks, series.Values, number);
        }
        if (kind is null) throw new FeedFormatException(name, 0, "empty (expected a header line and rows)");
        return new Feed(kind.Value, order.Select(k => (k, keys[k].Ticks.ToArray(), keys[k].Values.ToArray())));
    }

    /// <summary>The CSV text of a feed: the header, then every sample ordered by time and, within a time, by key
    /// (ordinal). <see cref="Parse"/> of this text gives the same feed; a file written so round-trips byte for byte.</summary>
    public static string ToCsv(Feed feed)
    {
        var rows = new List<(long Ticks, string Key, double Value)>();
        foreach (var key in feed.Keys)
        {
            feed.TryGetSeries(key, out var s);
            for (var i = 0; i < s.Count; i++) rows.Add((s.TimeAt(i).Ticks, key, s.ValueAt(i)));
        }
        rows.Sort((a, b) => a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks) : string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder(Header(feed.Kind)).Append('\n');
        foreach (var (ticks, key, value) in rows)
        {
            var t = new DateTime(ticks);
            text.Append(t.ToString(t.Second == 0 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture))
                .Append(',').Append(key).Append(',').Append(value.ToString("0.###", CultureInfo.InvariantCulture)).Append('\n');
        }
        return text.ToString();
    }

    private static double ParseValue(ReadOnlySpan<char> text, FeedKind kind, string name, int line)
    {
        if (kind == FeedKind.TrafficSpeed)
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0 && f <= 2 ? f
                : throw new FeedFormatException(name, line, $"factor: expected a number above 0 and at most 2, found '{text}'");
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : throw new FeedFormatException(name, line, $"{(kind == FeedKind.ParkingOccupancy ? "free" : "free_points")}: expected an integer ≥ 0, found '{text}'");
    }
}
