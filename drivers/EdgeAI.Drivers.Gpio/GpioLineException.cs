namespace EdgeAI.Drivers.Gpio;

/// <summary>A GPIO line could not be used: the chip lacks it, or opening it failed. The message is one line naming the
/// chip, the line and what it was for.</summary>
public sealed class GpioLineException(string message, Exception? inner = null) : IOException(message, inner);
