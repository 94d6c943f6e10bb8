namespace EdgeAI.Cli.Commands;

/// <summary>An option value that parses but makes no sense (e.g. <c>--start</c> after <c>--end</c>).</summary>
public sealed class UsageException(string message) : Exception(message);
