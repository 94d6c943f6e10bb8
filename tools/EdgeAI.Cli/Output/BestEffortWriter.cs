using System.Text;

namespace EdgeAI.Cli.Output;

/// <summary>
/// Standard error for commands: a warning or error line that cannot be written (stderr closed with <c>2&gt;&amp;-</c>)
/// is dropped, never turned into a failure of the work itself; the exit code still tells the outcome.
/// </summary>
internal sealed class BestEffortWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Try(() => inner.Write(value));

    public override void Write(string? value) => Try(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Try(() => inner.Write(buffer, index, count));

    public override void WriteLine(string? value) => Try(() => inner.WriteLine(value));

    public override void Flush() => Try(inner.Flush);

    private static void Try(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
        }
    }
}
