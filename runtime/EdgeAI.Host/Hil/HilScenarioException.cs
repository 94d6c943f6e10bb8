namespace EdgeAI.Host.Hil;

/// <summary>A HIL scenario that cannot be run as written: one line naming the file, the line and what was expected.</summary>
public sealed class HilScenarioException(string message) : FormatException(message)
{
    /// <summary>The message for <paramref name="file"/> at <paramref name="line"/> (0: the line is not known).</summary>
    public static HilScenarioException At(string file, int line, string what) =>
        new(line > 0 ? $"{file}:{line}: {what}" : $"{file}: {what}");
}
