namespace EdgeAI.Cli.Output;

/// <summary>
/// Standard input, output and error that were closed by the caller (<c>2&gt;&amp;-</c>) are opened on /dev/null before
/// anything else: otherwise the next file opened takes the free descriptor, and error lines would be written into an
/// output log, or fail and abort the process.
/// </summary>
internal static class StandardStreams
{
    // Held for the life of the process: each keeps one descriptor of 0..2 pointing at /dev/null.
    private static readonly List<FileStream> Placeholders = [];

    /// <summary>Fills closed descriptors 0, 1 and 2 (open() returns the lowest free one, so order matters).</summary>
    public static void EnsureOpen()
    {
        if (!OperatingSystem.IsLinux()) return;
        for (int fd = 0; fd <= 2; fd++)
        {
            // Every open descriptor is a link in /proc/self/fd, whatever it points at (a pipe, a socket, a file).
            if (new FileInfo($"/proc/self/fd/{fd}").LinkTarget is not null) continue;
            Placeholders.Add(new FileStream("/dev/null", FileMode.Open, fd == 0 ? FileAccess.Read : FileAccess.Write));
        }
    }
}
