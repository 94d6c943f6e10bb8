namespace EdgeAI.Can.Logs;

/// <summary>
/// Writes frames to a log file. Output goes to a temporary file that <see cref="Complete"/> renames
/// into place, so a failure never leaves a half-written log.
/// </summary>
public interface ICanLogWriter : IDisposable
{
    /// <summary>Names for the frames' channel indexes.</summary>
    CanChannelTable Channels { get; }

    /// <summary>Information the format could not hold, by what was lost, with a count of frames.</summary>
    IReadOnlyDictionary<string, long> Losses { get; }

    /// <summary>Appends one frame.</summary>
    /// <exception cref="CanLogLossException">strict mode and the format cannot hold the frame as it is.</exception>
    void Write(in CanFrame frame);

    /// <summary>Finishes the file (trailers, flush, fsync) and moves it into place.</summary>
    void Complete();
}
