using System.CommandLine;
using EdgeAI.Can;
using EdgeAI.Can.Logs;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// Turns bad input into one line on stderr and exit code 2, and a failing file system (a full disk, a folder that
/// refuses the file) into one line and exit code 1: never a stack trace.
/// </summary>
internal static class CommandGuard
{
    /// <summary>Runs a command body; bad-input exceptions become <see cref="ExitCodes.BadInput"/>.</summary>
    public static int Run(ParseResult parse, Func<TextWriter, TextWriter, int> body) =>
        RunAsync(parse, (output, error) => Task.FromResult(body(output, error))).GetAwaiter().GetResult();

    /// <summary>Runs an asynchronous command body; bad-input exceptions become <see cref="ExitCodes.BadInput"/>.</summary>
    public static async Task<int> RunAsync(ParseResult parse, Func<TextWriter, TextWriter, Task<int>> body)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return await body(output, error);
        }
        catch (Exception e) when (IsBadInput(e))
        {
            Report(output, error, e);
            return ExitCodes.BadInput;
        }
        catch (IOException e)
        {
            Report(output, error, e);
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException e)
        {
            Report(output, error, new OperationCanceledException("interrupted before the end (Ctrl+C or SIGTERM); unfinished output files were removed", e));
            return ExitCodes.Interrupted;
        }
    }

    // The line itself may fail to go out (stderr closed: EBADF arrives as UnauthorizedAccessException; stdout a closed
    // pipe): the exit code still tells.
    private static void Report(TextWriter output, TextWriter error, Exception e)
    {
        try
        {
            output.Flush();
        }
        catch (Exception unwritable) when (unwritable is IOException or UnauthorizedAccessException)
        {
        }

        try
        {
            error.WriteLine("edgeai: " + OneLine(e));
        }
        catch (Exception unwritable) when (unwritable is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Exceptions that mean the user's input is wrong, not that EdgeAI is.</summary>
    public static bool IsBadInput(Exception e) => e is FormatException or CanLogLossException or FileNotFoundException or PathTooLongException
        or DirectoryNotFoundException or UnauthorizedAccessException or UsageException or InvalidDataException or CanBusException
        or EdgeAI.Inference.Providers.NoExecutionProviderException or EdgeAI.Inference.Native.OrtUnavailableException
        or EdgeAI.Services.Map.MapFormatException or EdgeAI.Services.Feeds.FeedFormatException
        // a speech engine, voice or echo canceller that is not installed or refuses its model: named in one line
        or EdgeAI.Voice.Pocketsphinx.PocketsphinxException or EdgeAI.Voice.Speech.SpeechSynthesisException
        or EdgeAI.Voice.Echo.EchoCancellerUnavailableException
        or ArgumentException { ParamName: "path" }; // an empty path given to an option (--dbc "", --cache "")

    private static string OneLine(Exception e) => e switch
    {
        ArgumentException { ParamName: "path" } => "expected a file or folder path, found ''",
        FileNotFoundException f when f.FileName is not null && !f.Message.StartsWith(f.FileName, StringComparison.Ordinal) => $"{f.FileName}: no such file",
        _ => e.Message.ReplaceLineEndings(" "),
    };
}
