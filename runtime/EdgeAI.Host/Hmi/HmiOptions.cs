namespace EdgeAI.Host.Hmi;

/// <summary>How the HMI listens and what it allows (<c>Run:Serve</c>, <c>--serve</c>; docs/hmi.md).</summary>
public sealed class HmiOptions
{
    /// <summary>The TCP port (0: any free port).</summary>
    public int Port { get; set; }

    /// <summary>The address to bind: loopback by default; anything else is reachable from the network.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>A Unix socket to listen on instead of TCP (a head unit on the same board), or null.</summary>
    public string? UnixSocket { get; set; }

    /// <summary>The state folder the token lives in.</summary>
    public string StateFolder { get; set; } = ".";

    /// <summary>Origins besides the page's own that may open the event stream and post (e.g. a head unit's web app).</summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>Events a client may have waiting before it is dropped.</summary>
    public int QueueCapacity { get; set; } = EventHub.DefaultCapacity;

    /// <summary>The largest request body taken, bytes.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024;

    /// <summary>The longest question taken, characters.</summary>
    public int MaxQuestionChars { get; set; } = 500;

    /// <summary>Requests per second allowed from all clients together (a burst of twice that).</summary>
    public int RequestsPerSecond { get; set; } = 200;

    /// <summary>Seconds an ordinary request may take (the event stream and answers are exempt).</summary>
    public double RequestTimeoutS { get; set; } = 15;

    /// <summary>Seconds an answer may stream.</summary>
    public double AskTimeoutS { get; set; } = 120;
}
