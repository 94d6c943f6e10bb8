using System.Globalization;
using EdgeAI.Cli.Commands;
using EdgeAI.Cli.Run;
using EdgeAI.Drivers.Gpio;
using EdgeAI.Sensors;
using EdgeAI.Voice.Dialog;

namespace EdgeAI.Cli.Voice;

/// <summary>
/// <c>--ptt gpio:CHIP:LINE</c>: a push-to-talk button on a GPIO line through libgpiod (the host's talk button, docs/host.md):
/// pressed, the ear opens; released, the request ends. Debounced by the GPIO driver, double presses off.
/// </summary>
internal sealed class PushToTalkButton : IDisposable
{
    private readonly IButtonInput _input;
    private Task _follow = Task.CompletedTask;

    private PushToTalkButton(IButtonInput input) => _input = input;

    /// <summary>From now on, the button presses and releases push-to-talk in <paramref name="dialog"/>.</summary>
    public void Start(VoiceDialog dialog)
    {
        _follow = Task.Run(async () =>
        {
            var reader = _input.Events;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
                while (reader.TryRead(out var e))
                {
                    if (e.Gesture == ButtonGesture.Down) dialog.Press();
                    else if (e.Gesture == ButtonGesture.Up) dialog.Release();
                }
        });
    }

    /// <summary>True when <paramref name="spec"/> names a GPIO line rather than a key.</summary>
    public static bool IsGpio(string spec) => spec.StartsWith("gpio:", StringComparison.Ordinal);

    /// <summary>Opens the button <paramref name="spec"/> names (before anything slow, so a wrong line fails at once).</summary>
    /// <exception cref="UsageException">not gpio:CHIP:LINE, or the line cannot be opened (the reason in one line).</exception>
    public static PushToTalkButton Open(string spec)
    {
        var parts = spec.Split(':');
        if (parts.Length != 3 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int chip)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int line))
            throw new UsageException($"--ptt '{spec}': expected 'key' or 'gpio:CHIP:LINE' (e.g. gpio:0:17)");
        var options = new GpioButtonOptions { Name = "talk", Pin = line, ReportPressAndRelease = true, DoublePressWindow = TimeSpan.Zero };
        var input = HostSensors.OpenGpio(chip, controller => new GpioButtonInput(controller, $"gpiochip{chip}", [options], shouldDispose: true), out string? reason);
        return input is null
            ? throw new UsageException($"--ptt {spec}: the button cannot be opened: {reason}")
            : new PushToTalkButton(input);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _input.Dispose();
        try { _follow.Wait(TimeSpan.FromSeconds(1)); }
        catch (AggregateException) { }
    }
}
