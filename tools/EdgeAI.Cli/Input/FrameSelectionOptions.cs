using System.CommandLine;
using EdgeAI.Can;
using EdgeAI.Can.Filters;
using EdgeAI.Can.Logs;
using EdgeAI.Cli.Commands;

namespace EdgeAI.Cli.Input;

/// <summary>The options every command that reads a log shares: which frames, bad records, header time zone.</summary>
internal sealed class FrameSelectionOptions
{
    public Option<string> Channel { get; } = new("--channel") { Description = "keep one channel, by name (can0; in .asc/.blf/.trc channel 1 is can0)" };
    public Option<double?> Start { get; } = new("--start") { Description = "seconds from the first frame to start at" };
    public Option<double?> End { get; } = new("--end") { Description = "seconds from the first frame to stop at" };
    public Option<string> Ids { get; } = new("--ids") { Description = "hex ids and ranges to keep, e.g. 0x123,200-2FF" };
    public Option<bool> SkipBad { get; } = new("--skip-bad") { Description = "skip and count malformed records instead of failing" };
    public Option<string> TimeZone { get; } = new("--tz") { Description = "time zone of .asc/.blf header dates (default: local), e.g. UTC or Europe/Berlin" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Channel, Start, End, Ids, SkipBad, TimeZone }) command.Options.Add(option);
    }

    public CanLogReadOptions ReadOptions(ParseResult parse) =>
        new() { SkipBad = parse.GetValue(SkipBad), TimeZone = TimeZoneOf(parse) };

    public TimeZoneInfo? TimeZoneOf(ParseResult parse) => TimeZones.Parse(parse.GetValue(TimeZone));

    /// <summary>The filter the options ask for; with a <paramref name="database"/>, --ids may name messages.</summary>
    public CanFrameFilter Filter(ParseResult parse, CanChannelTable channels, EdgeAI.Can.Dbc.DbcDatabase? database = null)
    {
        var start = parse.GetValue(Start);
        var end = parse.GetValue(End);
        if (start is { } s && !(s >= 0 && double.IsFinite(s)) || end is { } e && !(e >= 0 && double.IsFinite(e)) || (start is not null && end is not null && end < start))
            throw new UsageException("--start/--end: expected seconds from the first frame with 0 <= start <= end");
        string? ids = parse.GetValue(Ids);
        return new CanFrameFilter
        {
            ChannelName = parse.GetValue(Channel),
            Channels = channels,
            StartSeconds = start,
            EndSeconds = end,
            Ids = CanIdSelection.Parse(ids, database),
        };
    }
}
