namespace EdgeAI.Cli.Doctor;

/// <summary>How a finding reads: ✔ fine, ! works with a caveat, ✘ missing (with what to do).</summary>
public enum DoctorStatus
{
    /// <summary>Present and usable.</summary>
    Ok,
    /// <summary>Usable, but something is worth knowing.</summary>
    Warning,
    /// <summary>Missing or broken.</summary>
    Missing,
}

/// <summary>One line of the doctor's report.</summary>
/// <param name="Area">what was checked (e.g. "SocketCAN").</param>
/// <param name="Status">the verdict.</param>
/// <param name="Detail">what was found.</param>
/// <param name="Fix">what to do about it, when something is missing.</param>
public sealed record DoctorCheck(string Area, DoctorStatus Status, string Detail, string? Fix = null)
{
    /// <summary>The mark the text report starts the line with.</summary>
    public string Mark => Status switch { DoctorStatus.Ok => "✔", DoctorStatus.Warning => "!", _ => "✘" };
}
