namespace EdgeAI.Vision.Monitoring;

/// <summary>Which family of rules a <see cref="DriverMonitorProfile"/> follows.</summary>
public enum DriverMonitorKind
{
    /// <summary>openpilot-style awareness that decays while distracted and recovers when the driver looks back.</summary>
    Awareness,
    /// <summary>Euro NCAP long distraction and visual time-sharing, with EU ADDW speed bands.</summary>
    Regulation,
}
