using System.CommandLine;
using EdgeAI.Cli.Input;
using EdgeAI.Cli.Output;
using EdgeAI.Llm.Chat;
using EdgeAI.Llm.Loading;
using EdgeAI.Llm.Tools;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// <c>edgeai chat [--model DIR] [--prompt TEXT ...] [--json] [--require-tool NAME|any] [--system FILE] [--providers ...]</c>:
/// streaming chat with the vehicle tools. Interactive without <c>--prompt</c>: <c>/reset</c> clears the conversation,
/// Ctrl+C stops the answer (not the program), Ctrl+D or <c>/exit</c> quits. <c>--json</c> writes one event per line
/// (see <see cref="ChatJsonLines"/>). A missing or corrupt model folder is bad input (exit 2).
/// </summary>
public sealed class ChatCommand : Command
{
    private readonly LlmInput _llm = new();
    private readonly Option<string[]> _prompt = new("--prompt") { Description = "send this message and exit; repeat for several turns of one conversation" };
    private readonly Option<bool> _json = new("--json") { Description = "one JSON object per event: token, tool_call, tool_result, done" };
    private readonly Option<string?> _requireTool = new("--require-tool") { Description = "make the model call this tool (or 'any') first, decoded under the tools' JSON schemas" };
    private CancellationTokenSource? _answer;

    public ChatCommand() : base("chat", "Streaming chat with the in-car assistant (Qwen through ORT GenAI, vehicle tools)")
    {
        _llm.AddTo(this);
        Options.Add(_prompt);
        Options.Add(_json);
        Options.Add(_requireTool);
        SetAction((parse, cancellation) => CommandGuard.RunAsync(parse, (stdout, stderr) => ExecuteAsync(parse, stdout, stderr, cancellation)));
    }

    /// <summary>Chat handles Ctrl+C itself (it stops the answer), and run's Generic Host stops gracefully on SIGINT and
    /// SIGTERM, so System.CommandLine must not end the process on them.</summary>
    public static bool HandlesCtrlC(string[] args) => args.Length > 0 && args[0] is "chat" or "run";

    private async Task<int> ExecuteAsync(ParseResult parse, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        using IChatSession session = _llm.Open(parse, stderr, out LlmModel? model);
        using (model)
        {
            string provider = model?.Provider.Name ?? "none";
            ToolChoice choice = parse.GetValue(_requireTool) switch
            {
                null => ToolChoice.Auto,
                "any" => ToolChoice.Any,
                string name => ToolChoice.Named(name),
            };
            if (choice.Required && session is not LlmChatSession)
            {
                throw new UsageException("--require-tool needs a model (the template fallback always answers from its tools)");
            }

            // Checked before the first turn: an unknown name is the user's mistake, not a crash mid-conversation.
            if (choice.Name is { } tool && session is LlmChatSession { Tools: { } tools })
            {
                try
                {
                    ToolCallSchema.For(tools, tool);
                }
                catch (ArgumentException e)
                {
                    throw new UsageException($"--require-tool {tool}: {e.Message.Split(" (Parameter", 2)[0]}, or 'any'");
                }
            }

            using ChatJsonLines? json = parse.GetValue(_json) ? new ChatJsonLines(OutputStream.For(stdout), session.Name, provider) : null;
            string[] prompts = parse.GetValue(_prompt) ?? [];
            if (prompts.Length > 0)
            {
                foreach (string prompt in prompts)
                {
                    await TurnAsync(session, prompt, choice, json, stdout, stderr, cancellation);
                }

                return ExitCodes.Ok;
            }

            return await InteractiveAsync(session, provider, choice, json, stdout, stderr, cancellation);
        }
    }

    private const string Commands = "/help lists commands, /reset clears the conversation, Ctrl+C stops an answer, Ctrl+D or /exit quits.";

    private async Task<int> InteractiveAsync(IChatSession session, string provider, ToolChoice choice, ChatJsonLines? json, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        stderr.WriteLine($"edgeai chat: {session.Name} on {provider}. {Commands}");
        bool quitArmed = false;
        ConsoleCancelEventHandler stop = (_, e) =>
        {
            // Ctrl+C during an answer is barge-in: stop the answer and keep the program.
            if (_answer is { } answer)
            {
                e.Cancel = true;
                answer.Cancel();
                return;
            }

            // At the prompt the first Ctrl+C says how to quit; a second one quits (exit 130), never silently.
            e.Cancel = !quitArmed;
            stderr.WriteLine(quitArmed ? "\nedgeai chat: quit (Ctrl+C)" : "\n(Ctrl+C again quits; so do Ctrl+D and /exit)");
            stderr.Flush();
            quitArmed = true;
        };
        Console.CancelKeyPress += stop;
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                stderr.Write("> ");
                string? line = Console.In.ReadLine();
                quitArmed = false;
                if (line is null || line.Trim() is "/exit" or "/quit") break;
                if (line.Trim() == "/reset")
                {
                    session.Reset();
                    stderr.WriteLine("(conversation cleared)");
                    continue;
                }

                // Slash commands are for the program, never sent to the model.
                if (line.TrimStart().StartsWith('/'))
                {
                    string command = line.Trim();
                    stderr.WriteLine(command is "/help" or "/?" ? Commands : $"unknown command {command}; {Commands}");
                    continue;
                }

                if (line.Trim().Length == 0) continue;
                await TurnAsync(session, line, choice, json, stdout, stderr, cancellation);
            }
        }
        finally
        {
            Console.CancelKeyPress -= stop;
        }

        return ExitCodes.Ok;
    }

    private async Task TurnAsync(IChatSession session, string message, ToolChoice choice, ChatJsonLines? json, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        using var answer = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        _answer = answer;
        try
        {
            await foreach (ChatEvent e in session.SendAsync(message, choice, answer.Token))
            {
                if (json is not null)
                {
                    json.Write(e);
                    continue;
                }

                switch (e.Kind)
                {
                    case ChatEventKind.Token:
                        stdout.Write(e.Text);
                        stdout.Flush();
                        break;
                    case ChatEventKind.ToolCall:
                        stderr.WriteLine($"  [{e.Name} {e.Arguments}]");
                        break;
                    case ChatEventKind.ToolResult:
                        stderr.WriteLine($"  [{(e.IsError ? "error" : "result")}: {e.Text}]");
                        break;
                    case ChatEventKind.Done:
                        stdout.WriteLine();
                        TurnMetrics m = e.Metrics;
                        stderr.WriteLine($"({m.PromptTokens} prompt + {m.NewTokens} new tokens, first token {m.TimeToFirstTokenMs:F0} ms, {m.TokensPerSecond:F0} tokens/s{(m.Interrupted ? ", interrupted" : "")}{(m.DroppedTurns > 0 ? $", {m.DroppedTurns} old turns dropped" : "")})");
                        break;
                }
            }
        }
        finally
        {
            _answer = null;
        }
    }
}
