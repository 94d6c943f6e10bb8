namespace EdgeAI.Cli.Demo;

/// <summary>How the demo shows the drive: a live table on a terminal, plain lines otherwise.</summary>
internal interface IDemoView
{
    void Start(string title);
    void Update(DriveDashboard dashboard);
    void Finish(DriveDashboard dashboard);
}
