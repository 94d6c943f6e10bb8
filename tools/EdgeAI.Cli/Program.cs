using System.CommandLine;
using EdgeAI.Cli.Commands;
using EdgeAI.Cli.Output;

namespace EdgeAI.Cli;

/// <summary>The <c>edgeai</c> command: builds the command tree and runs it. Each command is a class under Commands/.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        StandardStreams.EnsureOpen();
        return Run(args, Console.Out, new BestEffortWriter(Console.Error));
    }

    /// <summary>Runs one command line with the given output streams (tests call this in-process).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = BuildCommandTree();
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
        {
            // One line, as for every bad input: the problems, then where the options are explained.
            string command = string.Join(' ', ["edgeai", .. args.TakeWhile(a => !a.StartsWith('-')).Take(2), "--help"]);
            error.WriteLine($"edgeai: {string.Join("; ", parsed.Errors.Select(e => UsageText.Plain(e.Message)))}; see '{command}'");
            return ExitCodes.BadInput;
        }
        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (ChatCommand.HandlesCtrlC(args)) invocation.ProcessTerminationTimeout = null;
        return parsed.Invoke(invocation);
    }

    /// <summary>Every command the tool has.</summary>
    public static RootCommand BuildCommandTree()
    {
        var root = new RootCommand("EdgeAI: on-device runtime for in-car AI assistants (CAN, vision, voice, Qwen).");
        root.Subcommands.Add(new DemoCommand());
        root.Subcommands.Add(new RunCommand());
        root.Subcommands.Add(new StatusCommand());
        root.Subcommands.Add(new CanCommand());
        root.Subcommands.Add(new ContextCommand());
        root.Subcommands.Add(new BenchCommand());
        root.Subcommands.Add(new DoctorCommand());
        root.Subcommands.Add(new VisionCommand());
        root.Subcommands.Add(new ModelsCommand());
        root.Subcommands.Add(new ChatCommand());
        root.Subcommands.Add(new MapCommand());
        root.Subcommands.Add(new RouteCommand());
        root.Subcommands.Add(new PoiCommand());
        root.Subcommands.Add(new LightsCommand());
        root.Subcommands.Add(new VoiceCommand());
        root.Subcommands.Add(new HilCommand());
        return root;
    }
}
