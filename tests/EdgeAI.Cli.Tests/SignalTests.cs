namespace EdgeAI.Cli.Tests;

/// <summary>
/// Tests that send SIGINT to a child process run alone, after the parallel ones: in two fresh-clone runs of the whole
/// suite the child never saw the signal while other tests of the same process ran models in-process (they pass alone).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SignalTests
{
    public const string Name = "signals";
}
