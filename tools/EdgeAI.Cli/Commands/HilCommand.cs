using System.CommandLine;

namespace EdgeAI.Cli.Commands;

/// <summary><c>edgeai hil</c>: hardware-in-the-loop scenarios with faults and expectations (docs/hil.md).</summary>
public sealed class HilCommand : Command
{
    public HilCommand() : base("hil", "Hardware-in-the-loop: scenarios with faults and expectations, JUnit XML out")
    {
        Subcommands.Add(new HilRunCommand());
    }
}
