namespace EdgeAI.Can.Logs;

/// <summary>Streams frames out of a log file in constant memory.</summary>
public interface ICanLogReader : IDisposable
{
    /// <summary>Channel names met so far; frames carry indexes into it.</summary>
    CanChannelTable Channels { get; }

    /// <summary>Records that are not CAN frames (LIN, Ethernet, comments, trigger events) that were skipped.</summary>
    long SkippedRecords { get; }

    /// <summary>Malformed CAN records skipped because <see cref="CanLogReadOptions.SkipBad"/> was set.</summary>
    long BadRecords { get; }

    /// <summary>Bytes of the (uncompressed) input consumed so far, for progress.</summary>
    long Position { get; }

    /// <summary>Reads the next frame; false at the end of the log.</summary>
    /// <exception cref="CanLogFormatException">a malformed CAN record (unless skipping bad records).</exception>
    bool TryRead(out CanFrame frame);

    /// <summary>What the reader noticed but read through (a file that ends inside a line), one line each naming the file.</summary>
    IReadOnlyList<string> Warnings => [];
}
