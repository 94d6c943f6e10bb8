namespace EdgeAI.Host.Hil;

/// <summary>Which clock a latency bound is measured on.</summary>
public enum LatencyClock
{
    /// <summary>Drive time (the events' <c>at_s</c>): what the car would see, the same at any replay speed.</summary>
    Virtual,
    /// <summary>Wall time between the events' arrival at the runner: the computer's own speed.</summary>
    Wall,
}
