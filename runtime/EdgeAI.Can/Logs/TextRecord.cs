namespace EdgeAI.Can.Logs;

/// <summary>What a line of a text log is.</summary>
internal enum TextRecord
{
    /// <summary>A CAN frame.</summary>
    Frame,
    /// <summary>A header or directive the reader used (date, base, columns); not counted.</summary>
    Header,
    /// <summary>A record that is not a CAN frame (comment, LIN, statistics): skipped and counted.</summary>
    NotCan,
    /// <summary>A malformed CAN record.</summary>
    Bad,
}
