using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using System.Globalization;
using EdgeAI.Assistant.Drive;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Cli.Commands;
using EdgeAI.Drivers.Gpio;
using EdgeAI.Drivers.Sensors.Climate;
using EdgeAI.Host.Configuration;
using EdgeAI.Host.Pipeline;
using EdgeAI.Sensors;

namespace EdgeAI.Cli.Run;

/// <summary>
/// The host's sensors-and-GPIO inputs from <c>Run:Climate</c> and <c>Run:Buttons</c>: a BME280 on I2C, and buttons on
/// GPIO lines through libgpiod. A device that cannot be opened here leaves that input off, said on the status line.
/// </summary>
internal static class HostSensors
{
    /// <summary>The name of the push-to-talk button.</summary>
    public const string Talk = "talk";

    /// <summary>The name of the button that accepts the shown suggestion.</summary>
    public const string Accept = "accept";

    /// <summary>The name of the button that dismisses the shown suggestion.</summary>
    public const string Dismiss = "dismiss";

    /// <summary>The LED blinks this fast while a suggestion waits for the occupant.</summary>
    public static readonly TimeSpan SuggestionBlink = TimeSpan.FromSeconds(1);

    /// <summary>The LED blinks this fast while a stage is faulted.</summary>
    public static readonly TimeSpan FaultBlink = TimeSpan.FromMilliseconds(250);

    /// <summary>The climate sensor <paramref name="options"/> name, or null (none, or it cannot be opened: the reason in
    /// <paramref name="notes"/>).</summary>
    /// <exception cref="UsageException">not none or bme280[:BUS[:ADDRESS]].</exception>
    public static ICabinClimateSensor? OpenClimate(RunOptions options, List<string> notes)
    {
        string climate = options.Climate;
        if (climate.Equals("none", StringComparison.OrdinalIgnoreCase)) return null;
        var parts = climate.Split(':');
        int bus = 1, address = Bme280ClimateSensor.DefaultAddress;
        if (parts[0] != "bme280" || parts.Length > 3
            || parts.Length > 1 && !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out bus)
            || parts.Length > 2 && !TryAddress(parts[2], out address))
            throw new UsageException($"--Run:Climate={climate}: expected 'none' or 'bme280[:BUS[:ADDRESS]]' (e.g. bme280:1:0x76)");
        try
        {
            return Bme280ClimateSensor.Open(bus, address);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException or InvalidOperationException)
        {
            notes.Add($"sensors: no cabin climate sensor ({climate}: {e.Message.ReplaceLineEndings(" ")})");
            return null;
        }
    }

    /// <summary>The buttons <paramref name="options"/> name, or null (none, or the chip cannot be opened: the reason in
    /// <paramref name="notes"/>).</summary>
    /// <exception cref="UsageException">not none or gpio:CHIP:LINE=NAME[,LINE=NAME...].</exception>
    public static IButtonInput? OpenButtons(RunOptions options, List<string> notes)
    {
        string buttons = options.Buttons;
        if (buttons.Equals("none", StringComparison.OrdinalIgnoreCase)) return null;
        var parts = buttons.Split(':', 3);
        var lines = new List<GpioButtonOptions>();
        if (parts.Length != 3 || parts[0] != "gpio" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int chip))
            throw Bad(buttons);
        foreach (var item in parts[2].Split(','))
        {
            var pair = item.Split('=');
            if (pair.Length != 2 || !int.TryParse(pair[0], NumberStyles.None, CultureInfo.InvariantCulture, out int line) || pair[1].Length == 0) throw Bad(buttons);
            // The talk button reports down and up: push-to-talk holds the ear open while it is held.
            lines.Add(new GpioButtonOptions { Name = pair[1], Pin = line, ReportPressAndRelease = pair[1] == Talk });
        }
        return OpenGpio(chip, controller => new GpioButtonInput(controller, $"gpiochip{chip}", lines, shouldDispose: true), $"no buttons ({buttons}", notes);
    }

    /// <summary>The status LED <paramref name="options"/> name, or null (none, or the chip cannot be opened: the reason in
    /// <paramref name="notes"/>).</summary>
    /// <exception cref="UsageException">not none or gpio:CHIP:LINE[:active-low].</exception>
    public static IStatusLed? OpenLed(RunOptions options, List<string> notes)
    {
        string led = options.Led;
        if (led.Equals("none", StringComparison.OrdinalIgnoreCase)) return null;
        var parts = led.Split(':');
        if (parts.Length is < 3 or > 4 || parts[0] != "gpio"
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int chip)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int line)
            || parts.Length == 4 && parts[3] != "active-low")
            throw new UsageException($"--Run:Led={led}: expected 'none' or 'gpio:CHIP:LINE[:active-low]' (e.g. gpio:0:27)");
        return OpenGpio(chip, controller => new GpioStatusLed(controller, $"gpiochip{chip}", line, "status", activeLow: parts.Length == 4, shouldDispose: true),
            $"no status LED ({led}", notes);
    }

    /// <summary>Opens <c>/dev/gpiochip<paramref name="chip"/></c> through libgpiod and <paramref name="open"/>s a device on
    /// it (which then owns the controller); null when that fails, with "sensors: <paramref name="what"/>: REASON)" in
    /// <paramref name="notes"/>.</summary>
    private static T? OpenGpio<T>(int chip, Func<GpioController, T> open, string what, List<string> notes) where T : class
    {
        var device = OpenGpio(chip, open, out string? reason);
        if (device is null) notes.Add($"sensors: {what}: {reason})");
        return device;
    }

    /// <summary>Opens <c>/dev/gpiochip<paramref name="chip"/></c> through libgpiod and <paramref name="open"/>s a device on
    /// it (which then owns the controller); null when that fails, with the reason in one line.</summary>
    internal static T? OpenGpio<T>(int chip, Func<GpioController, T> open, out string? reason) where T : class
    {
        GpioController? controller = null;
        reason = null;
        try
        {
            controller = new GpioController(new LibGpiodDriver(chip));
            return open(controller);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException or InvalidOperationException or GpioLineException or DllNotFoundException)
        {
            controller?.Dispose();
            reason = e.Message.ReplaceLineEndings(" ");
            return null;
        }
    }

    /// <summary>
    /// A cabin button's press: <c>talk</c> holds the voice stage's ear open while held (push-to-talk); <c>accept</c> and
    /// <c>dismiss</c> act on the shown suggestion at the assistant's next tick. Other buttons are ignored.
    /// </summary>
    public static void Press(ButtonEvent press, AssistantTicker ticker, Action? talkDown, Action? talkUp)
    {
        switch (press.Button)
        {
            case Talk when press.Gesture is ButtonGesture.Down or ButtonGesture.Press:
                talkDown?.Invoke();
                break;
            case Talk when press.Gesture == ButtonGesture.Up:
                talkUp?.Invoke();
                break;
            case Accept when press.Gesture == ButtonGesture.Press:
                ticker.PostActOnFirst(SuggestionAction.AcceptId);
                break;
            case Dismiss when press.Gesture == ButtonGesture.Press:
                ticker.PostActOnFirst(SuggestionAction.DismissId);
                break;
        }
    }

    /// <summary>What the status LED shows: a fast blink while a stage is faulted, a slow one while a suggestion is shown,
    /// else steadily lit (null).</summary>
    public static TimeSpan? LedBlink(IEnumerable<StageHealth> stages, AssistantTicker ticker) =>
        stages.Any(h => h.State == StageState.Faulted) ? FaultBlink : ticker.ShownCount > 0 ? SuggestionBlink : null;

    private static UsageException Bad(string buttons) =>
        new($"--Run:Buttons={buttons}: expected 'none' or 'gpio:CHIP:LINE=NAME[,LINE=NAME...]' (e.g. gpio:0:17=talk)");

    private static bool TryAddress(string text, out int address) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? int.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out address)
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out address);
}
