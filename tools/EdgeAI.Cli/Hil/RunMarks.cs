using EdgeAI.Host.Hil;

namespace EdgeAI.Cli.Hil;

/// <summary>The moments of a HIL run that get an event of their own, in time order: a context snapshot every
/// <c>every</c> seconds and at each state expectation's time, and each fault window's opening and closing.</summary>
internal sealed class RunMarks
{
    private readonly Queue<double> _checkpoints;
    private readonly Queue<(double AtS, HilFault Fault, bool Opens)> _windows;
    private readonly double _every;
    private double _nextContext;

    public RunMarks(HilScenario scenario, double every)
    {
        _checkpoints = new Queue<double>(scenario.StateTimes.Distinct().Order());
        _windows = new Queue<(double, HilFault, bool)>(scenario.Faults.Where(f => double.IsFinite(f.ToS))
            .SelectMany(f => new[] { (f.FromS, f, true), (f.ToS, f, false) }).OrderBy(w => w.Item1));
        _every = every;
        _nextContext = every;
    }

    /// <summary>The next mark at or before <paramref name="atS"/>, or false: a fault mark (<c>Fault</c> set) or a
    /// context mark (<c>Fault</c> null).</summary>
    public bool TryNext(double atS, out (double AtS, HilFault? Fault, bool Opens) mark)
    {
        double window = _windows.Count > 0 ? _windows.Peek().AtS : double.PositiveInfinity;
        double checkpoint = _checkpoints.Count > 0 ? _checkpoints.Peek() : double.PositiveInfinity;
        double next = Math.Min(window, Math.Min(checkpoint, _nextContext));
        if (next > atS) { mark = default; return false; }
        if (window == next)
        {
            var w = _windows.Dequeue();
            mark = (w.AtS, w.Fault, w.Opens);
            return true;
        }
        if (checkpoint == next) _checkpoints.Dequeue();
        if (_nextContext == next) _nextContext += _every;
        while (_checkpoints.Count > 0 && _checkpoints.Peek() == next) _checkpoints.Dequeue();
        mark = (next, null, false);
        return true;
    }
}
