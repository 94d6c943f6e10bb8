namespace EdgeAI.Voice.Tests;

/// <summary>
/// A simulated loudspeaker-to-microphone path, streaming: a delay, then a short decaying impulse response (a direct
/// tap and a reverberant tail of seeded random taps decaying with a time constant), scaled to a set echo level. Tests
/// add its output to the user's speech and noise to make the microphone signal.
/// </summary>
internal sealed class EchoPath
{
    private readonly float[] _response;
    private readonly float[] _history;
    private long _played;

    /// <param name="delayMs">Before the first tap (device buffers, distance).</param>
    /// <param name="gain">The echo's level relative to what was played (RMS ratio of a white input).</param>
    /// <param name="tailMs">Length of the decaying tail.</param>
    /// <param name="decayMs">Its time constant.</param>
    /// <param name="seed">For the tail's taps.</param>
    public EchoPath(double delayMs = 20, double gain = 0.5, double tailMs = 60, double decayMs = 12, int seed = 7)
    {
        int delay = (int)(delayMs * 16);
        int tail = (int)(tailMs * 16);
        _response = new float[delay + tail];
        var random = new Random(seed);
        _response[delay] = 1f;
        for (int i = 1; i < tail; i++) _response[delay + i] = (float)((random.NextDouble() * 2 - 1) * 0.6 * Math.Exp(-i / (decayMs * 16)));
        double energy = 0;
        foreach (float h in _response) energy += h * h;
        float scale = (float)(gain / Math.Sqrt(energy));
        for (int i = 0; i < _response.Length; i++) _response[i] *= scale;
        _history = new float[_response.Length];
        DelaySamples = delay;
    }

    /// <summary>Samples before the first tap.</summary>
    public int DelaySamples { get; }

    /// <summary>Adds to <paramref name="microphone"/> the echo of <paramref name="played"/> (the next samples played;
    /// the same length) and of what was played before.</summary>
    public void Add(ReadOnlySpan<float> played, Span<float> microphone)
    {
        int n = _history.Length;
        for (int i = 0; i < played.Length; i++)
        {
            _history[(int)(_played % n)] = played[i];
            double sum = 0;
            for (int k = 0; k < n; k++)
            {
                float h = _response[k];
                if (h == 0 || k > _played) continue;
                sum += h * _history[(int)((_played - k) % n)];
            }
            microphone[i] += (float)sum;
            _played++;
        }
    }

    /// <summary>The echo of a whole recording, played from its first sample.</summary>
    public static float[] Of(float[] played, EchoPath path)
    {
        var echo = new float[played.Length];
        path.Add(played, echo);
        return echo;
    }
}
