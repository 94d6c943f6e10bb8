using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Profile;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Assistant.Words;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Tests.Fixtures;

/// <summary>
/// The fake clock and the bus: an engine over a <see cref="ScriptedContext"/>, ticked every <see cref="TickS"/> of
/// virtual time from <see cref="StartNs"/> (the bundled drive's start). Keys a test sends (<see cref="Send(string, double)"/>) are re-sent at
/// every tick, as a CAN bus does, until <see cref="Silence"/> stops them (they then go stale); <see cref="SetOnce"/>
/// writes a value once, at a given age.
/// </summary>
public sealed class ScriptedDrive
{
    /// <summary>Seconds between two ticks.</summary>
    public const double TickS = 0.5;

    /// <summary>2026-06-12 09:52:30 UTC, when the bundled Adlershof drive starts.</summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 12, 9, 52, 30, TimeSpan.Zero);

    /// <summary><see cref="Start"/> in ns since the Unix epoch.</summary>
    public static readonly long StartNs = (Start - DateTimeOffset.UnixEpoch).Ticks * 100;

    /// <summary>The drive's time zone.</summary>
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private readonly Dictionary<string, double> _live = new(StringComparer.Ordinal);
    private long _ticks;

    /// <summary>A drive over <paramref name="triggers"/>, written by <paramref name="writer"/> (default: the echo writer),
    /// starting at <paramref name="startNs"/> (default <see cref="StartNs"/>), with a calm driver (workload 0.1, attentive)
    /// unless <paramref name="calm"/> is false.</summary>
    public ScriptedDrive(IEnumerable<ITrigger> triggers, ISuggestionWriter? writer = null, UserProfile? profile = null, long? startNs = null, bool calm = true)
    {
        Context = new ScriptedContext();
        Moment = new AssistantMoment(Context);
        Engine = new AssistantEngine(triggers, writer ?? new EchoWriter(), profile);
        BeginNs = startNs ?? StartNs;
        NowNs = BeginNs;
        Moment.NowNs = NowNs;
        Moment.LocalTime = LocalTime(NowNs);
        if (calm)
        {
            Send(ContextKeys.Workload, 0.1);
            Send(ContextKeys.Attention, (int)DriverAttention.Attentive);
        }
    }

    /// <summary>The inputs.</summary>
    public ScriptedContext Context { get; }

    /// <summary>What the triggers see.</summary>
    public AssistantMoment Moment { get; }

    /// <summary>The engine under test.</summary>
    public AssistantEngine Engine { get; }

    /// <summary>Every event so far.</summary>
    public List<AssistantEvent> Events { get; } = [];

    /// <summary>The clock at the first tick's origin.</summary>
    public long BeginNs { get; }

    /// <summary>The clock now.</summary>
    public long NowNs { get; private set; }

    /// <summary>Seconds since the drive began.</summary>
    public double T => (NowNs - BeginNs) / 1e9;

    /// <summary>Runs before every tick (after the live keys are sent): a test moves the car or the light here.</summary>
    public Action<ScriptedDrive>? BeforeTick { get; set; }

    /// <summary>The clock at <paramref name="seconds"/> after the drive began.</summary>
    public long At(double seconds) => BeginNs + (long)Math.Round(seconds * 1e9);

    /// <summary>Keeps sending <paramref name="key"/> = <paramref name="value"/> at every tick, from now.</summary>
    public void Send(string key, double value)
    {
        _live[key] = value;
        Context.Set(key, value, NowNs);
    }

    /// <summary>Keeps sending a flag.</summary>
    public void Send(string key, bool value) => Send(key, value ? 1 : 0);

    /// <summary>Stops sending <paramref name="key"/>: its last value stays and goes stale.</summary>
    public void Silence(string key) => _live.Remove(key);

    /// <summary>Stops sending <paramref name="key"/> and leaves it never seen.</summary>
    public void Forget(string key)
    {
        _live.Remove(key);
        Context.Forget(key);
    }

    /// <summary>Writes <paramref name="value"/> once, <paramref name="ageS"/> before now, and stops sending the key.</summary>
    public void SetOnce(string key, double value, double ageS = 0)
    {
        _live.Remove(key);
        Context.Set(key, value, NowNs - (long)(ageS * 1e9));
    }

    /// <summary>Writes a value that is already stale now (one millisecond past the key's limit) and stops sending it.</summary>
    public void SetStale(string key, double value)
    {
        long limit = ScriptedContext.Key(key).StaleAfterNs;
        if (limit == long.MaxValue) throw new InvalidOperationException($"{key} never goes stale");
        _live.Remove(key);
        Context.Set(key, value, NowNs - limit - 1_000_000);
    }

    /// <summary>Advances the clock by one tick, sends the live keys and ticks the engine. Returns the events of this tick.</summary>
    public List<AssistantEvent> Step()
    {
        _ticks++;
        NowNs = BeginNs + _ticks * (long)(TickS * 1e9);
        foreach (var (key, value) in _live) Context.Set(key, value, NowNs);
        Moment.NowNs = NowNs;
        Moment.DriveSeconds = T;
        Moment.LocalTime = LocalTime(NowNs);
        BeforeTick?.Invoke(this);
        int before = Events.Count;
        Engine.Tick(Moment, Events);
        return Events.GetRange(before, Events.Count - before);
    }

    /// <summary>Ticks until <see cref="T"/> reaches <paramref name="seconds"/>.</summary>
    public void RunTo(double seconds)
    {
        while (T < seconds - 1e-9) Step();
    }

    /// <summary>Ticks for <paramref name="seconds"/>.</summary>
    public void RunFor(double seconds) => RunTo(T + seconds);

    /// <summary>Ticks until an event of <paramref name="type"/> (and <paramref name="kind"/>, when given) happens, at most
    /// until <paramref name="limitS"/>; returns it, or null.</summary>
    public AssistantEvent? RunUntil(string type, double limitS, string? kind = null)
    {
        while (T < limitS - 1e-9)
            foreach (var e in Step())
                if (e.Type == type && (kind is null || e.Kind == kind)) return e;
        return null;
    }

    /// <summary>The events of <paramref name="type"/>.</summary>
    public List<AssistantEvent> Of(string type) => Events.Where(e => e.Type == type).ToList();

    /// <summary>Seconds after the drive began of the clock <paramref name="ns"/>.</summary>
    public double SecondsOf(long ns) => (ns - BeginNs) / 1e9;

    /// <summary>The occupant acts on the shown suggestion of <paramref name="kind"/>.</summary>
    public bool Act(string kind, string actionId)
    {
        var shown = Engine.ShownOf(kind) ?? throw new InvalidOperationException($"no {kind} suggestion is shown at {T} s");
        return Engine.Act(shown.Id, actionId, Moment, Events);
    }

    /// <summary>The local time of <paramref name="ns"/> in Berlin.</summary>
    public static DateTime LocalTime(long ns) => TimeZoneInfo.ConvertTime(DateTimeOffset.UnixEpoch.AddTicks(ns / 100), Berlin).DateTime;

    /// <summary>Writes a suggestion as its template's name and facts, so the engine's tests need no template file.</summary>
    public sealed class EchoWriter : ISuggestionWriter
    {
        /// <inheritdoc/>
        public string Write(string kind, Proposal proposal, AssistantMoment moment) =>
            proposal.Template + "(" + string.Join(", ", proposal.Facts.Select(f => f.Name + "=" + f.Shown)) + ")";
    }
}
