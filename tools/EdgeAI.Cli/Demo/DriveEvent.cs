namespace EdgeAI.Cli.Demo;

/// <summary>Something a driver would notice, at seconds into the drive.</summary>
/// <param name="Seconds">Seconds since the drive's first frame.</param>
/// <param name="What">What happened, in words.</param>
/// <param name="Kind">Its kind (the event envelope's <c>kind</c>).</param>
/// <param name="TimeNs">When, ns since the Unix epoch.</param>
internal readonly record struct DriveEvent(double Seconds, string What, string Kind, long TimeNs);
