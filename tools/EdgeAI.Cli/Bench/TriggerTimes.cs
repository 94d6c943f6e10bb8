using System.Diagnostics;
using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Suggestions;

namespace EdgeAI.Cli.Bench;

/// <summary>
/// What each trigger's <see cref="ITrigger.Evaluate"/> took since <see cref="Reset"/> (time and bytes allocated), for
/// the bench to say what a slow tick was doing. <see cref="Wrap"/> puts each trigger behind a timer that forwards
/// everything else unchanged, so the engine behaves as with the bare triggers.
/// </summary>
internal sealed class TriggerTimes
{
    private string[] _kinds = [];
    private long[] _ticks = [], _bytes = [];

    /// <summary>The triggers, each timed into this.</summary>
    public IReadOnlyList<ITrigger> Wrap(IReadOnlyList<ITrigger> triggers)
    {
        _kinds = new string[triggers.Count];
        _ticks = new long[triggers.Count];
        _bytes = new long[triggers.Count];
        var timed = new ITrigger[triggers.Count];
        for (int i = 0; i < triggers.Count; i++)
        {
            _kinds[i] = triggers[i].Kind;
            timed[i] = new Timed(triggers[i], this, i);
        }
        return timed;
    }

    /// <summary>Forgets what was measured.</summary>
    public void Reset()
    {
        Array.Clear(_ticks);
        Array.Clear(_bytes);
    }

    /// <summary>The slowest trigger since <see cref="Reset"/>, with its time and bytes; null when none ran.</summary>
    public (string Kind, double Ms, long Bytes, double TotalMs)? Slowest()
    {
        int slowest = -1;
        long total = 0;
        for (int i = 0; i < _ticks.Length; i++)
        {
            total += _ticks[i];
            if (_ticks[i] > 0 && (slowest < 0 || _ticks[i] > _ticks[slowest])) slowest = i;
        }
        return slowest < 0 ? null
            : (_kinds[slowest], _ticks[slowest] * 1000.0 / Stopwatch.Frequency, _bytes[slowest], total * 1000.0 / Stopwatch.Frequency);
    }

    private sealed class Timed(ITrigger inner, TriggerTimes times, int index) : ITrigger
    {
        public string Kind => inner.Kind;
        public SuggestionPriority Priority => inner.Priority;
        public TriggerPolicy Policy => inner.Policy;

        public Proposal? Evaluate(AssistantMoment moment)
        {
            long bytes = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            var proposal = inner.Evaluate(moment);
            times._ticks[index] += Stopwatch.GetTimestamp() - start;
            times._bytes[index] += GC.GetAllocatedBytesForCurrentThread() - bytes;
            return proposal;
        }

        public void OnAction(Proposal proposal, string actionId, AssistantMoment moment) => inner.OnAction(proposal, actionId, moment);
    }
}
