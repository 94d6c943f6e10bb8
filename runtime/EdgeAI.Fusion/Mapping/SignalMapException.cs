namespace EdgeAI.Fusion.Mapping;

/// <summary>A signal map that cannot be used. The message is one line: <c>file:line: what was expected</c>.</summary>
public sealed class SignalMapException(string message) : FormatException(message);
