using System.CommandLine;
using EdgeAI.Can;
using EdgeAI.Can.Logs;

namespace EdgeAI.Cli.Commands;

/// <summary>Turns bad input into one line on stderr and exit code 2, never a stack trace.</summary>
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
            output.Flush();
            error.WriteLine("edgeai: " + OneLine(e));
            return ExitCodes.BadInput;
        }
    }

    /// <summary>Exceptions that mean the user's input is wrong, not that EdgeAI is.</summary>
    public static bool IsBadInput(Exception e) => e is FormatException or CanLogLossException or FileNotFoundException
        or DirectoryNotFoundException or UnauthorizedAccessException or UsageException or InvalidDataException or CanBusException
        or EdgeAI.Inference.Providers.NoExecutionProviderException or EdgeAI.Inference.Native.OrtUnavailableException;

    private static string OneLine(Exception e) => e switch
    {
        FileNotFoundException f when f.FileName is not null && !f.Message.StartsWith(f.FileName, StringComparison.Ordinal) => $"{f.FileName}: no such file",
        _ => e.Message.ReplaceLineEndings(" "),
    };
}
