namespace EdgeAI.Cli.Demo;

/// <summary>Something a driver would notice, at seconds into the drive.</summary>
internal readonly record struct DriveEvent(double Seconds, string What);
