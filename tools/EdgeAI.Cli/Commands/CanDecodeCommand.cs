using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeAI.Can;
using EdgeAI.Can.Dbc;
using EdgeAI.Cli.Input;
using EdgeAI.Cli.Output;

namespace EdgeAI.Cli.Commands;

/// <summary><c>edgeai can decode IN --dbc F [--json] [--all]</c>: physical signal values of every frame.</summary>
public sealed class CanDecodeCommand : Command
{
    private readonly Argument<string> _input = new("IN") { Description = "log file (.log .asc .blf .trc .csv, optionally .gz), or - for candump -L lines on standard input" };
    private readonly Option<string> _dbc = new("--dbc") { Description = "DBC file describing the messages", Required = true };
    private readonly Option<bool> _json = new("--json") { Description = "one JSON object per decoded frame" };
    private readonly Option<bool> _all = new("--all") { Description = "also list frames whose id the DBC lacks" };
    private readonly Option<bool> _strict = new("--strict") { Description = "refuse a DBC that would decode some frames wrong (a signal outside its frame, a duplicate id, factor 0, ...) and a log that ends inside a line" };
    private readonly FrameSelectionOptions _selection = new();

    public CanDecodeCommand() : base("decode", "Decode frames into physical signal values with a DBC")
    {
        Arguments.Add(_input);
        Options.Add(_dbc);
        Options.Add(_json);
        Options.Add(_all);
        Options.Add(_strict);
        _selection.AddTo(this);
        SetAction(parse => CommandGuard.Run(parse, (stdout, stderr) => Execute(parse, stdout, stderr)));
    }

    private int Execute(ParseResult parse, TextWriter stdout, TextWriter stderr)
    {
        var database = DbcInput.Load(parse.GetRequiredValue(_dbc), parse.GetValue(_strict), stderr);
        bool json = parse.GetValue(_json), all = parse.GetValue(_all);
        using var log = LogInput.Open(parse.GetRequiredValue(_input), _selection.ReadOptions(parse) with { Strict = parse.GetValue(_strict) }, stderr);
        var filter = _selection.Filter(parse, log.Reader.Channels);
        var values = new double[Math.Max(database.MaxSignalCount, 1)];
        using var output = OutputStream.For(stdout);
        var printer = new FramePrinter(output, log.Reader.Channels, json);
        long decoded = 0, unknown = 0;
        while (log.TryRead(out var frame))
        {
            if (filter.IsPastEnd(in frame)) break;
            if (!filter.Accepts(in frame)) continue;
            if (database.TryGetDecoder(in frame, out var decoder))
            {
                decoder.Decode(in frame, values);
                printer.Decoded(in frame, decoder, values);
                decoded++;
            }
            else
            {
                unknown++;
                if (all) printer.Unknown(in frame);
            }
            if (log.IsLive)
            {
                // A live bus: each frame reaches the next program in the pipe as it arrives.
                printer.Flush();
                output.Flush();
            }
        }
        printer.Flush();
        output.Flush();
        log.ReportSkipped(stderr);
        if (!json) stderr.WriteLine($"edgeai: {decoded} frames decoded, {unknown} with ids the DBC lacks" + (all ? "" : " (left out; --all lists them)"));
        return ExitCodes.Ok;
    }

    /// <summary>Writes decoded frames as JSON lines or readable text, reusing one buffer for every frame.</summary>
    private sealed class FramePrinter(Stream output, CanChannelTable channels, bool json)
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
        private readonly Utf8JsonWriter _json = new(Stream.Null);
        private readonly byte[] _number = new byte[32];

        public void Decoded(in CanFrame frame, MessageDecoder decoder, double[] values)
        {
            var signals = decoder.Message.Signals;
            if (json)
            {
                var w = Begin(in frame);
                w.WriteString("message"u8, decoder.Message.Name);
                w.WriteStartObject("signals"u8);
                // JSON has no infinity: a value past double's range (a huge factor) is left out like a signal not in the frame.
                for (int i = 0; i < decoder.SignalCount; i++)
                    if (double.IsFinite(values[i])) w.WriteNumber(signals[i].Name, signals[i].Round(values[i]));
                w.WriteEndObject();
                bool labels = false;
                for (int i = 0; i < decoder.SignalCount; i++)
                {
                    if (double.IsNaN(values[i]) || !decoder.TryGetLabel(i, values[i], out string label)) continue;
                    if (!labels) { w.WriteStartObject("labels"u8); labels = true; }
                    w.WriteString(signals[i].Name, label);
                }
                if (labels) w.WriteEndObject();
                End();
                return;
            }
            var text = new System.Text.StringBuilder();
            text.Append(Time(frame.TimestampNs)).Append(' ').Append(channels.NameOf(frame.Channel)).Append(' ')
                .Append(IdText(in frame)).Append(' ').Append(decoder.Message.Name).Append('\n');
            for (int i = 0; i < decoder.SignalCount; i++)
            {
                if (double.IsNaN(values[i])) continue;
                text.Append("    ").Append(signals[i].Name.PadRight(28)).Append(signals[i].Round(values[i]).ToString(CultureInfo.InvariantCulture));
                if (signals[i].Unit.Length > 0) text.Append(' ').Append(signals[i].Unit);
                if (decoder.TryGetLabel(i, values[i], out string label)) text.Append(" (").Append(label).Append(')');
                text.Append('\n');
            }
            WriteText(text.ToString());
        }

        public void Unknown(in CanFrame frame)
        {
            if (json)
            {
                var w = Begin(in frame);
                w.WriteNull("message"u8);
                w.WriteString("data"u8, Convert.ToHexString(frame.Data));
                End();
                return;
            }
            WriteText($"{Time(frame.TimestampNs)} {channels.NameOf(frame.Channel)} {IdText(in frame)} (not in the DBC) {Convert.ToHexString(frame.Data)}\n");
        }

        public void Flush()
        {
            output.Write(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
        }

        private Utf8JsonWriter Begin(in CanFrame frame)
        {
            _json.Reset(_buffer);
            _json.WriteStartObject();
            int n = EdgeAI.Can.Text.DecimalSeconds.Format(frame.TimestampNs, 6, _number);
            _json.WritePropertyName("t"u8);
            _json.WriteRawValue(_number.AsSpan(0, n), skipInputValidation: true);
            _json.WriteString("channel"u8, channels.NameOf(frame.Channel));
            _json.WriteNumber("id"u8, frame.Id);
            return _json;
        }

        private void End()
        {
            _json.WriteEndObject();
            _json.Flush();
            _buffer.Write("\n"u8);
            if (_buffer.WrittenCount > 60_000) Flush();
        }

        private void WriteText(string text)
        {
            int n = System.Text.Encoding.UTF8.GetBytes(text, _buffer.GetSpan(System.Text.Encoding.UTF8.GetMaxByteCount(text.Length)));
            _buffer.Advance(n);
            if (_buffer.WrittenCount > 60_000) Flush();
        }

        private static string Time(long ns) => (ns / 1_000_000_000L).ToString(CultureInfo.InvariantCulture) + "." + (ns % 1_000_000_000L / 1000).ToString("D6", CultureInfo.InvariantCulture);

        private static string IdText(in CanFrame frame) => frame.IsExtended ? frame.Id.ToString("X8", CultureInfo.InvariantCulture) : frame.Id.ToString("X3", CultureInfo.InvariantCulture);
    }
}
