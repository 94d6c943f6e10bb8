namespace EdgeAI.Can.Dbc;

/// <summary>A signal's part in multiplexing.</summary>
public enum DbcMultiplexRole
{
    /// <summary>Always present.</summary>
    None = 0,
    /// <summary>Selects which multiplexed signals a frame carries (<c>M</c>).</summary>
    Multiplexor,
    /// <summary>Present only for some values of its multiplexor (<c>mN</c>).</summary>
    Multiplexed,
    /// <summary>Multiplexed itself and a multiplexor for others (<c>mNM</c>, extended multiplexing).</summary>
    MultiplexedMultiplexor,
}
