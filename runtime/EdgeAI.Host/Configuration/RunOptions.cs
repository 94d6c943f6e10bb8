using System.Globalization;
using EdgeAI.Host.Pipeline;

namespace EdgeAI.Host.Configuration;

/// <summary>
/// The <c>Run</c> section of edgeai.json: what <c>edgeai run</c> runs and how (docs/host.md). Every key can also come
/// from <c>EDGEAI__Run__Key</c> or <c>--Run:Key=value</c>; the command's own options win.
/// </summary>
public sealed class RunOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Run";

    /// <summary>The scenario folder (default: the bundled drive).</summary>
    public string? Scenario { get; set; }

    /// <summary>CAN in: <c>replay</c> (the scenario's log), or an interface (<c>can0</c>, <c>vcan0</c>, <c>sim</c>).</summary>
    public string Can { get; set; } = "replay";

    /// <summary>Replay speed: a factor of real time, or <c>max</c>.</summary>
    public string Speed { get; set; } = "1";

    /// <summary>How many times the replay plays its log (0: for ever).</summary>
    public int Loops { get; set; } = 1;

    /// <summary>Stop once the replay has ended and every queue is drained (else run until SIGTERM).</summary>
    public bool ExitAtEnd { get; set; }

    /// <summary>The state folder (SQLite state, status socket); default $STATE_DIRECTORY, else ~/.local/state/edgeai.</summary>
    public string? State { get; set; }

    /// <summary>Where the v1 JSON events go: <c>-</c> (stdout), a file (appended), or <c>none</c>.</summary>
    public string Events { get; set; } = "-";

    /// <summary>Run the driver monitor (false: attention stays unknown).</summary>
    public bool Vision { get; set; } = true;

    /// <summary>The cabin camera: <c>scenario</c> (the scenario's clip on the drive clock), a V4L2 camera
    /// (<c>/dev/video0</c>), a GStreamer pipeline ending in an appsink (<c>gst:...</c>), or <c>none</c>.</summary>
    public string Camera { get; set; } = "scenario";

    /// <summary>GPS in: <c>scenario</c> (the scenario's NMEA fixes on the drive clock), <c>gpsd</c> or
    /// <c>gpsd:HOST[:PORT]</c> (a running gpsd), <c>nmea:DEVICE[:BAUD]</c> (a serial receiver), or <c>none</c>.</summary>
    public string Gps { get; set; } = "scenario";

    /// <summary>The cabin climate sensor: <c>none</c>, or <c>bme280[:BUS[:ADDRESS]]</c> (I2C, default bus 1, address 0x76).</summary>
    public string Climate { get; set; } = "none";

    /// <summary>The cabin buttons: <c>none</c>, or <c>gpio:CHIP:LINE=NAME[,LINE=NAME...]</c> (e.g. <c>gpio:0:17=talk</c>; the
    /// button named <c>talk</c> is push-to-talk; <c>accept</c> and <c>dismiss</c> act on the shown suggestion).</summary>
    public string Buttons { get; set; } = "none";

    /// <summary>The status LED: <c>none</c>, or <c>gpio:CHIP:LINE[:active-low]</c> (lit while the host runs, blinking once
    /// a second while a suggestion waits for the occupant, four times a second while a stage is faulted).</summary>
    public string Led { get; set; } = "none";

    /// <summary>The cabin microphone: <c>scenario</c> (the scenario's recorded utterances on the drive clock; none without
    /// a voice section), <c>mic</c> or <c>mic:DEVICE</c> (ALSA capture), a WAV file (played from the drive's start), or
    /// <c>none</c>.</summary>
    public string Audio { get; set; } = "scenario";

    /// <summary>How speech activates the assistant: <c>wake</c> (the wake phrase), <c>always</c>, or <c>ptt</c> (the talk
    /// button of <see cref="Buttons"/>); default: the scenario's voice section, else <c>wake</c>.</summary>
    public string? Activation { get; set; }

    /// <summary>Where spoken answers go: <c>none</c> (the answer events carry the text), <c>alsa</c> or <c>alsa:DEVICE</c>,
    /// or a WAV file.</summary>
    public string Speaker { get; set; } = "none";

    /// <summary>The spoken answers' voice: <c>espeak</c> (espeak-ng), or <c>sherpa:DIR</c>, a piper or kokoro voice folder
    /// through sherpa-onnx.</summary>
    public string Voice { get; set; } = "espeak";

    /// <summary>A Qwen model folder that words suggestions and answers questions (default: the cached test model words).</summary>
    public string? Model { get; set; }

    /// <summary>No language model: templates word and answer everything.</summary>
    public bool Templates { get; set; }

    /// <summary>Seconds a stage may go without progress before the watchdog withholds its pings.</summary>
    public double StageDeadlineS { get; set; } = 5;

    /// <summary>The assistant's deadline (a model's answer can take a while).</summary>
    public double AssistantDeadlineS { get; set; } = 60;

    /// <summary>Seconds the host has to stop on SIGTERM (drain, flush, checkpoint).</summary>
    public double ShutdownS { get; set; } = 5;

    /// <summary>Seconds of drive between two <c>"type":"context"</c> events (0: none; one more on the stop).</summary>
    public double ContextEveryS { get; set; } = 30;

    /// <summary>Seconds of drive between two assistant ticks.</summary>
    public double TickS { get; set; } = 0.5;

    /// <summary>An OTLP/HTTP collector to export meter <c>EdgeAI</c> to (e.g. <c>http://127.0.0.1:4318</c>), or null.</summary>
    public string? Otlp { get; set; }

    /// <summary>Seconds between two OTLP exports.</summary>
    public double OtlpEveryS { get; set; } = 10;

    /// <summary>Serve the HMI (docs/hmi.md) on this TCP port of 127.0.0.1 (0: any free port), or null: no HMI.</summary>
    public int? Serve { get; set; }

    /// <summary>With <see cref="Serve"/>: a Unix socket to listen on instead of TCP (a head unit on the same board).</summary>
    public string? ServeSocket { get; set; }

    /// <summary>With <see cref="Serve"/>: origins besides the page's own that may use the HMI (comma-separated, e.g. a head
    /// unit's web app at <c>https://hu.local</c>), or null.</summary>
    public string? ServeOrigins { get; set; }

    /// <summary>With <see cref="Serve"/>: requests per second the HMI takes from all clients together (a burst of twice that).</summary>
    public int ServeRequestsPerSecond { get; set; } = 200;

    /// <summary>An injected stall, <c>STAGE@AFTER_S+FOR_S</c> (tests, HIL), or null.</summary>
    public string? Stall { get; set; }

    /// <summary>The replay speed as a number (infinity for <c>max</c>).</summary>
    /// <exception cref="InvalidDataException">not a factor from 0.1 to 1000 or <c>max</c>.</exception>
    public double ReplaySpeed()
    {
        if (Speed.Equals("max", StringComparison.OrdinalIgnoreCase)) return double.PositiveInfinity;
        if (double.TryParse(Speed, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s is >= 0.1 and <= 1000) return s;
        throw new InvalidDataException($"--speed (Run:Speed): expected a factor from 0.1 to 1000 or 'max', found '{Speed}'");
    }

    /// <summary>The state folder to use.</summary>
    public string StateFolder() =>
        State ?? Environment.GetEnvironmentVariable("STATE_DIRECTORY")?.Split(':')[0]
        ?? Path.Combine(Environment.GetEnvironmentVariable("XDG_STATE_HOME") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state"), "edgeai");

    /// <summary>The injected stall, or null.</summary>
    /// <exception cref="InvalidDataException">not <c>STAGE@AFTER_S+FOR_S</c>.</exception>
    public StageStall? ParseStall()
    {
        if (string.IsNullOrEmpty(Stall)) return null;
        int at = Stall.IndexOf('@'), plus = Stall.IndexOf('+');
        if (at > 0 && plus > at
            && double.TryParse(Stall.AsSpan(at + 1, plus - at - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double after) && after >= 0
            && double.TryParse(Stall.AsSpan(plus + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double length) && length > 0)
            return new StageStall(Stall[..at], TimeSpan.FromSeconds(after), TimeSpan.FromSeconds(length));
        throw new InvalidDataException($"--stall (Run:Stall): expected STAGE@AFTER_S+FOR_S (e.g. fusion@3+10), found '{Stall}'");
    }
}
