using EdgeAI.Audio;

namespace EdgeAI.Voice.Tests.Dialog;

/// <summary>
/// Samples in memory as a recorded source (16 kHz, 512-sample chunks), with actions run just before given chunks are
/// delivered: a push-to-talk press at a known point of the recording.
/// </summary>
internal sealed class ScriptedSource(float[] samples, string name = "scripted") : IAudioSource
{
    private readonly Dictionary<int, Action> _before = [];
    private long _position;

    public string Name => name;
    public bool IsLive => false;
    public int SampleRate => 16000;
    public int ChunkSamples => 512;
    public long DroppedSamples => 0;

    /// <summary>Runs <paramref name="action"/> before the chunk that starts at <paramref name="seconds"/> is delivered.</summary>
    public ScriptedSource At(double seconds, Action action)
    {
        _before[(int)(seconds * 16000) / 512] = action;
        return this;
    }

    public ValueTask<AudioChunk> ReadAsync(Memory<float> destination, CancellationToken cancellation = default)
    {
        var stamp = TimeSpan.FromTicks(_position * TimeSpan.TicksPerSecond / 16000);
        if (_position >= samples.Length) return ValueTask.FromResult(AudioChunk.End(_position, stamp));
        if (_before.TryGetValue((int)(_position / 512), out var action)) action();
        int count = (int)Math.Min(512, samples.Length - _position);
        samples.AsSpan((int)_position, count).CopyTo(destination.Span);
        var chunk = new AudioChunk(count, _position, stamp);
        _position += count;
        return ValueTask.FromResult(chunk);
    }

    public void Dispose() { }
}
