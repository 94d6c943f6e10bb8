using EdgeAI.Audio;

namespace EdgeAI.Voice.Tests.Dialog;

/// <summary>
/// A cabin that reacts: the dialog's loudspeaker (<see cref="IAudioSink"/>) and its microphone (<see cref="IAudioSource"/>)
/// in one. What is played while mic chunk k is being handled comes back through an <see cref="EchoPath"/> in the chunks
/// after k (sound cannot reach a chunk already delivered), added to the recorded user speech and a noise floor; so an
/// answer that is stopped stops echoing, and a later answer echoes too. Records where on the timeline each write fell.
/// </summary>
internal sealed class SimulatedCabin(float[] user, EchoPath path, double noiseRms = 0.002) : IAudioSource, IAudioSink
{
    private readonly float[] _noise = SpokenScene.WhiteNoise(user.Length / 16000.0 + 1, noiseRms, 9);
    private readonly float[] _played = new float[user.Length + 512];
    private long _position, _lastChunk;

    /// <summary>For each write: where the microphone was (the start of the chunk being handled) and how many samples.</summary>
    public List<(long At, int Count)> Writes { get; } = [];

    public string Name => "cabin";
    public bool IsLive => false;
    public int SampleRate => 16000;
    public int ChunkSamples => 512;
    public long DroppedSamples => 0;
    public long SamplesWritten { get; private set; }

    public ValueTask<AudioChunk> ReadAsync(Memory<float> destination, CancellationToken cancellation = default)
    {
        var stamp = TimeSpan.FromTicks(_position * TimeSpan.TicksPerSecond / 16000);
        if (_position >= user.Length) return ValueTask.FromResult(AudioChunk.End(_position, stamp));
        int count = (int)Math.Min(512, user.Length - _position);
        var mic = destination.Span[..count];
        for (int i = 0; i < count; i++) mic[i] = user[_position + i] + _noise[_position + i];
        // The previous chunk's playback reaches this one.
        path.Add(_position == 0 ? new float[count] : _played.AsSpan((int)(_position - 512), count), mic);
        _lastChunk = _position;
        var chunk = new AudioChunk(count, _position, stamp);
        _position += count;
        return ValueTask.FromResult(chunk);
    }

    public void Write(ReadOnlySpan<float> samples)
    {
        Writes.Add((_lastChunk, samples.Length));
        if (_lastChunk + samples.Length <= _played.Length) samples.CopyTo(_played.AsSpan((int)_lastChunk));
        SamplesWritten += samples.Length;
    }

    public void Stop() { }
    public void Complete() { }
    public void Dispose() { }
}
