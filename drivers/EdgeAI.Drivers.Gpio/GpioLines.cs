using System.Device.Gpio;

namespace EdgeAI.Drivers.Gpio;

/// <summary>Opens lines with one-line errors that name the chip, the line and its use.</summary>
internal static class GpioLines
{
    public static void Check(GpioController controller, string chipName, int pin, string use)
    {
        var count = controller.PinCount;
        if (pin < 0 || pin >= count)
            throw new GpioLineException($"{chipName}: no GPIO line {pin} for {use} (the chip has lines 0..{count - 1})");
    }

    public static void Open(GpioController controller, string chipName, int pin, PinMode mode, string use)
    {
        try
        {
            controller.OpenPin(pin, mode);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new GpioLineException($"{chipName}: cannot open GPIO line {pin} for {use}: {e.Message}", e);
        }
    }
}
