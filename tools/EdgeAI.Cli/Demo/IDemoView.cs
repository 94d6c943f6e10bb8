using EdgeAI.Assistant.Drive;

namespace EdgeAI.Cli.Demo;

/// <summary>How the demo shows the drive: a live view on a terminal, plain lines or JSON lines otherwise.</summary>
internal interface IDemoView
{
    void Start(string title);
    void OnEvent(TimelineEvent e, DriveDashboard dashboard);
    void Update(DriveDashboard dashboard);
    void Finish(DriveDashboard dashboard);
}
