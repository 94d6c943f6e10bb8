namespace EdgeAI.Cli.Commands;

/// <summary>The exit codes every command uses.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;
    /// <summary>The work ran and failed (e.g. a HIL expectation).</summary>
    public const int Failed = 1;
    /// <summary>Bad input or usage: a one-line message says which file, line and what was expected.</summary>
    public const int BadInput = 2;
    /// <summary>Stopped by Ctrl+C or SIGTERM before the end (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
