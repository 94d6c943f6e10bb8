namespace EdgeAI.Cli.Doctor;

/// <summary>Looks at one concern of the device. Probes never throw: what they cannot find becomes a finding.</summary>
public interface IDoctorProbe
{
    /// <summary>The findings, in the order they should print.</summary>
    IEnumerable<DoctorCheck> Run();
}
