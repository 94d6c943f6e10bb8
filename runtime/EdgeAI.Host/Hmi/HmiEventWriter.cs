using System.Text;

namespace EdgeAI.Host.Hmi;

/// <summary>
/// Passes the host's event lines on to where they went before (stdout, a file or nowhere) and hands each to the
/// <see cref="EventHub"/> as well, so <c>edgeai run --serve</c> streams exactly what it writes.
/// </summary>
public sealed class HmiEventWriter(TextWriter inner, EventHub hub) : TextWriter
{
    /// <inheritdoc/>
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc/>
    public override void Write(char value) => inner.Write(value);

    /// <inheritdoc/>
    public override void WriteLine(string? value)
    {
        inner.WriteLine(value);
        if (!string.IsNullOrEmpty(value)) hub.Publish(value);
    }

    /// <inheritdoc/>
    public override void Flush() => inner.Flush();
}
