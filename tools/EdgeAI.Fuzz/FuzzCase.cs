namespace EdgeAI.Fuzz;

/// <summary>What a case did and how it ended.</summary>
/// <param name="Target">The undamaged input, e.g. "drive.blf", "edgeai_demo.dbc", "arguments".</param>
/// <param name="Damage">What was done to it.</param>
/// <param name="Arguments">The edgeai command line.</param>
/// <param name="Verdict">ok, crash, hang, silent loss or multi-line error.</param>
/// <param name="Detail">The exit code and what was said (first line), or the exception.</param>
internal sealed record FuzzCase(string Target, string Damage, string[] Arguments, string Verdict, string Detail)
{
    public const string Ok = "ok", Crash = "crash", Hang = "hang", SilentLoss = "silent loss", MultiLine = "multi-line error";

    /// <summary>True for what the run must not find.</summary>
    public bool IsFailure => Verdict is Crash or Hang or SilentLoss;

    public override string ToString() => $"{Verdict}: {Target} ({Damage}): edgeai {string.Join(' ', Arguments)} -> {Detail}";
}
