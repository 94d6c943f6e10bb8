using System.Globalization;

namespace EdgeAI.TestKit;

/// <summary>
/// Whether a child process can be sent Ctrl+C. A shell starts a background job (<c>./test.sh &amp;</c>) with SIGINT
/// ignored; children inherit that, and .NET keeps an inherited ignore, so a child never sees the signal. Checked on
/// Linux in <c>/proc/self/status</c> (SigIgn).
/// </summary>
public static class Interrupts
{
    /// <summary>Why Ctrl+C cannot reach a child here, or null when it can.</summary>
    public static string? IgnoredReason()
    {
        if (!OperatingSystem.IsLinux()) return null;
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (!line.StartsWith("SigIgn:", StringComparison.Ordinal)) continue;
            ulong ignored = ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            return (ignored & (1UL << (2 - 1))) != 0
                ? "SIGINT is ignored in this process (the suite was started as a background job), so a child cannot receive Ctrl+C"
                : null;
        }
        return null;
    }
}
