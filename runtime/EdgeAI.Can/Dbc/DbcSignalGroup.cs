namespace EdgeAI.Can.Dbc;

/// <summary>A <c>SIG_GROUP_</c>: signals of one message that belong together.</summary>
public sealed class DbcSignalGroup
{
    internal DbcSignalGroup(string name, int repetitions, IReadOnlyList<string> signalNames)
    {
        Name = name;
        Repetitions = repetitions;
        SignalNames = signalNames;
    }

    /// <summary>Group name.</summary>
    public string Name { get; }

    /// <summary>Repetitions as written (usually 1).</summary>
    public int Repetitions { get; }

    /// <summary>Names of the signals in the group.</summary>
    public IReadOnlyList<string> SignalNames { get; }
}
