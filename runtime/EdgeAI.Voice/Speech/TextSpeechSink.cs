namespace EdgeAI.Voice.Speech;

/// <summary>
/// Answers as text: each one is written as a line to a <see cref="TextWriter"/> (the console when no loudspeaker is
/// wanted, a log, a test's <see cref="StringWriter"/>). There is nothing to stop: the text is out at once.
/// </summary>
public sealed class TextSpeechSink : ISpeechSink
{
    private readonly TextWriter _writer;
    private readonly bool _shouldDispose;

    /// <summary>Writes to <paramref name="writer"/>; disposes it with the sink when <paramref name="shouldDispose"/>.</summary>
    public TextSpeechSink(TextWriter writer, bool shouldDispose = false)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        _shouldDispose = shouldDispose;
    }

    /// <inheritdoc/>
    public string Name => "text";

    /// <summary>Answers written so far.</summary>
    public int Answers { get; private set; }

    /// <inheritdoc/>
    public async Task SpeakAsync(string text, string language, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        cancellation.ThrowIfCancellationRequested();
        await _writer.WriteLineAsync(text.AsMemory(), cancellation).ConfigureAwait(false);
        await _writer.FlushAsync(cancellation).ConfigureAwait(false);
        Answers++;
    }

    /// <summary>A no-op: a text answer is out in full as soon as it is written.</summary>
    public void Stop() { }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_shouldDispose) _writer.Dispose();
    }
}
