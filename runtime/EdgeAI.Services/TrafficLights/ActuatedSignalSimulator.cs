using EdgeAI.Services.Map;

namespace EdgeAI.Services.TrafficLights;

/// <summary>
/// A seeded stand-in for a traffic-actuated controller, for tests: it runs a program's phases in order. A phase with
/// MinDuration &lt; MaxDuration is extended second by second past its minimum while a car keeps arriving
/// (probability <see cref="ExtendProbability"/> per second, as gap-out control does), up to its maximum; a fixed phase
/// lasts its duration plus uniform jitter of ±<see cref="FixedJitterS"/>.
/// </summary>
/// <param name="ExtendProbability">Chance per second that an actuated green is extended.</param>
/// <param name="FixedJitterS">Half-width of the uniform jitter on fixed phases, seconds.</param>
public sealed record ActuatedSignalSimulator(double ExtendProbability = 0.6, double FixedJitterS = 0.3)
{
    /// <summary>Runs <paramref name="signal"/>'s program from <paramref name="fromS"/> to <paramref name="toS"/>.</summary>
    public SignalTimeline Run(TrafficSignal signal, double fromS, double toS, int seed)
    {
        var rng = new Random(seed);
        var switches = new List<PhaseSwitch>();
        var t = fromS;
        var phase = 0;
        while (t < toS)
        {
            switches.Add(new PhaseSwitch(t, phase));
            var p = signal.Phases[phase];
            double d;
            if (p.MaxDurationS > p.MinDurationS)
            {
                d = p.MinDurationS;
                while (d + 1 <= p.MaxDurationS && rng.NextDouble() < ExtendProbability) d += 1;
            }
            else d = Math.Max(1, p.DurationS + (2 * rng.NextDouble() - 1) * FixedJitterS);
            t += d;
            phase = (phase + 1) % signal.Phases.Count;
        }
        return new SignalTimeline(signal.Id, switches);
    }
}
