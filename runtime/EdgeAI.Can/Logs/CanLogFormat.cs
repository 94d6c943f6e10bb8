namespace EdgeAI.Can.Logs;

/// <summary>The log formats EdgeAI reads and writes.</summary>
public enum CanLogFormat
{
    /// <summary>can-utils candump -L (<c>.log</c>).</summary>
    Candump,
    /// <summary>Vector ASCII (<c>.asc</c>).</summary>
    Asc,
    /// <summary>Vector binary logging format (<c>.blf</c>).</summary>
    Blf,
    /// <summary>PEAK trace (<c>.trc</c>).</summary>
    Trc,
    /// <summary>python-can CSV (<c>.csv</c>).</summary>
    Csv,
    /// <summary>Apache Parquet, one row per frame (<c>.parquet</c>; never <c>.gz</c>: the columns are compressed inside).</summary>
    Parquet,
}
