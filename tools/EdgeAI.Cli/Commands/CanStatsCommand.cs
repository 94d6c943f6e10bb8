using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeAI.Can;
using EdgeAI.Can.Stats;
using EdgeAI.Cli.Input;

namespace EdgeAI.Cli.Commands;

/// <summary><c>edgeai can stats IN</c>: frames, ids, rates, periods, jitter, DLC/FD mix and bus load per channel.</summary>
public sealed class CanStatsCommand : Command
{
    private readonly Argument<string> _input = new("IN") { Description = "log file (.log .asc .blf .trc .csv, optionally .gz), or - for candump -L lines on standard input" };
    private readonly Option<string> _bitrate = new("--bitrate") { Description = "nominal bit rate for bus load (default 500k)", DefaultValueFactory = _ => "500k" };
    private readonly Option<string> _dataBitrate = new("--data-bitrate") { Description = "CAN FD data bit rate (default 2M)", DefaultValueFactory = _ => "2M" };
    private readonly Option<bool> _json = new("--json") { Description = "one JSON document instead of tables" };
    private readonly Option<string> _signals = new("--signals") { Description = "a vehicle signal map: check the end-to-end protection it declares (checksum and alive-counter failures per message)" };
    private readonly FrameSelectionOptions _selection = new();

    public CanStatsCommand() : base("stats", "Frames, ids, rates, periods, jitter, DLC/FD mix and bus load per channel")
    {
        Arguments.Add(_input);
        Options.Add(_bitrate);
        Options.Add(_dataBitrate);
        Options.Add(_json);
        Options.Add(_signals);
        _selection.AddTo(this);
        SetAction(parse => CommandGuard.Run(parse, (stdout, stderr) => Execute(parse, stdout, stderr)));
    }

    private int Execute(ParseResult parse, TextWriter stdout, TextWriter stderr)
    {
        string input = parse.GetRequiredValue(_input);
        var stats = new CanBusStatistics(BitRate.Parse(parse.GetValue(_bitrate)!, "--bitrate"), BitRate.Parse(parse.GetValue(_dataBitrate)!, "--data-bitrate"));
        var e2e = parse.GetValue(_signals) is { } mapPath ? E2EInput.Load(mapPath, stderr) : null;
        using var log = LogInput.Open(input, _selection.ReadOptions(parse), stderr);
        var filter = _selection.Filter(parse, log.Reader.Channels);
        while (log.TryRead(out var frame))
        {
            if (filter.IsPastEnd(in frame)) break;
            if (!filter.Accepts(in frame)) continue;
            stats.Add(in frame);
            e2e?.Check(in frame);
        }
        log.ReportSkipped(stderr);
        foreach (var ch in stats.Channels)
        {
            string name = log.Reader.Channels.NameOf(ch.Channel);
            if (ch.OutOfOrder > 0)
                stderr.WriteLine($"edgeai: warning: {input}: channel {name}: {ch.OutOfOrder} frames are earlier than the frame before them; durations use the earliest and latest time, periods skip the steps back");
            if (ch.BusLoadNominalPercent > 100)
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"edgeai: warning: {input}: channel {name}: bus load {ch.BusLoadNominalPercent:F0} % at {stats.NominalBitRate / 1e3:G4} kbit/s is more than the bus can carry; is --bitrate right?"));
        }
        if (parse.GetValue(_json)) WriteJson(stdout, input, stats, log.Reader.Channels, e2e);
        else
        {
            WriteText(stdout, input, stats, log.Reader.Channels);
            e2e?.WriteText(stdout);
        }
        return ExitCodes.Ok;
    }

    private static string IdText(uint id, bool extended) => extended ? id.ToString("X8", CultureInfo.InvariantCulture) : id.ToString("X3", CultureInfo.InvariantCulture);

    private static string Dlcs(ushort mask) => string.Join(",", Enumerable.Range(0, 16).Where(d => (mask & (1 << d)) != 0));

    private static string Ms(double seconds) => double.IsNaN(seconds) ? "-" : (seconds * 1e3).ToString("F2", CultureInfo.InvariantCulture);

    private static void WriteText(TextWriter o, string input, CanBusStatistics stats, CanChannelTable names)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine($"{input}: {stats.Frames} frames");
        foreach (var ch in stats.Channels)
        {
            o.WriteLine(string.Format(inv, "channel {0}: {1} frames in {2:F1} s ({3:F1} frames/s); bus load {4:F1} % (worst-case stuffing {5:F1} %) at {6:G4} kbit/s",
                names.NameOf(ch.Channel), ch.Frames, ch.DurationSeconds, ch.FramesPerSecond, ch.BusLoadNominalPercent, ch.BusLoadWorstCasePercent, stats.NominalBitRate / 1e3));
            o.WriteLine(string.Format(inv, "  extended {0}, CAN FD {1} (BRS {2}), remote {3}, error frames {4}", ch.Extended, ch.Fd, ch.Brs, ch.Remote, ch.ErrorFrames));
            o.WriteLine("  id        count    rate/s  period ms: mean     min      max   jitter ms  DLC        FD");
            foreach (var id in stats.Ids.Where(s => s.Channel == ch.Channel))
            {
                double rate = ch.DurationSeconds > 0 ? id.Count / ch.DurationSeconds : 0;
                o.WriteLine(string.Format(inv, "  {0,-8} {1,7} {2,9:F1} {3,16} {4,8} {5,8} {6,11}  {7,-10} {8}",
                    IdText(id.Id, id.IsExtended), id.Count, rate, Ms(id.PeriodMean), Ms(id.PeriodMin), Ms(id.PeriodMax), Ms(id.Jitter), Dlcs(id.DlcMask), id.FdCount));
            }
        }
    }

    private static void WriteJson(TextWriter o, string input, CanBusStatistics stats, CanChannelTable names, E2EInput? e2e)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("file", input);
            w.WriteNumber("frames", stats.Frames);
            w.WriteNumber("bitrate", stats.NominalBitRate);
            w.WriteNumber("data_bitrate", stats.DataBitRate);
            w.WriteStartArray("channels");
            foreach (var ch in stats.Channels)
            {
                w.WriteStartObject();
                w.WriteString("channel", names.NameOf(ch.Channel));
                w.WriteNumber("frames", ch.Frames);
                w.WriteNumber("duration_s", Math.Round(ch.DurationSeconds, 6));
                w.WriteNumber("frames_per_s", Math.Round(ch.FramesPerSecond, 3));
                w.WriteNumber("bus_load_percent", Math.Round(ch.BusLoadNominalPercent, 3));
                w.WriteNumber("bus_load_worst_case_percent", Math.Round(ch.BusLoadWorstCasePercent, 3));
                w.WriteNumber("out_of_order", ch.OutOfOrder);
                w.WriteNumber("extended", ch.Extended);
                w.WriteNumber("fd", ch.Fd);
                w.WriteNumber("brs", ch.Brs);
                w.WriteNumber("remote", ch.Remote);
                w.WriteNumber("error_frames", ch.ErrorFrames);
                w.WriteStartArray("ids");
                foreach (var id in stats.Ids.Where(s => s.Channel == ch.Channel))
                {
                    w.WriteStartObject();
                    w.WriteNumber("id", id.Id);
                    w.WriteString("hex", IdText(id.Id, id.IsExtended));
                    w.WriteBoolean("extended", id.IsExtended);
                    w.WriteNumber("count", id.Count);
                    w.WriteNumber("rate_per_s", ch.DurationSeconds > 0 ? Math.Round(id.Count / ch.DurationSeconds, 3) : 0);
                    WriteMs(w, "period_mean_ms", id.PeriodMean);
                    WriteMs(w, "period_min_ms", id.PeriodMin);
                    WriteMs(w, "period_max_ms", id.PeriodMax);
                    WriteMs(w, "jitter_ms", id.Jitter);
                    w.WriteStartArray("dlcs");
                    for (int d = 0; d < 16; d++) if ((id.DlcMask & (1 << d)) != 0) w.WriteNumberValue(d);
                    w.WriteEndArray();
                    w.WriteNumber("fd", id.FdCount);
                    w.WriteNumber("remote", id.RemoteCount);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            e2e?.WriteJson(w);
            w.WriteEndObject();
        }
        o.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteMs(Utf8JsonWriter w, string name, double seconds)
    {
        if (double.IsNaN(seconds)) w.WriteNull(name);
        else w.WriteNumber(name, Math.Round(seconds * 1e3, 6));
    }
}
