using System.Runtime.InteropServices;

namespace EdgeAI.Cli.Doctor;

/// <summary>OS, kernel, CPU architecture and cores, .NET.</summary>
public sealed class SystemProbe : IDoctorProbe
{
    /// <inheritdoc/>
    public IEnumerable<DoctorCheck> Run()
    {
        string kernel = ReadOrEmpty("/proc/sys/kernel/osrelease");
        yield return new DoctorCheck("OS", DoctorStatus.Ok, RuntimeInformation.OSDescription + (kernel.Length > 0 ? $", kernel {kernel}" : ""));
        yield return new DoctorCheck("CPU", DoctorStatus.Ok, $"{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}, {Environment.ProcessorCount} cores");
        yield return new DoctorCheck(".NET", DoctorStatus.Ok, $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})");
    }

    internal static string ReadOrEmpty(string path)
    {
        try { return File.Exists(path) ? File.ReadAllText(path).Trim() : ""; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }
}
