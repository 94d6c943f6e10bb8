using System.CommandLine;

namespace EdgeAI.Cli.Commands;

/// <summary><c>edgeai can</c>: CAN log conversion, statistics, decoding, replay and capture.</summary>
public sealed class CanCommand : Command
{
    public CanCommand() : base("can", "CAN logs and buses: convert, stats, decode, replay, dump")
    {
        Subcommands.Add(new CanConvertCommand());
        Subcommands.Add(new CanStatsCommand());
        Subcommands.Add(new CanDecodeCommand());
        Subcommands.Add(new CanReplayCommand());
        Subcommands.Add(new CanDumpCommand());
    }
}
