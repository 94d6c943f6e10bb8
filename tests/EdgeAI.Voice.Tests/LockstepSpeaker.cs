using EdgeAI.Audio;

namespace EdgeAI.Voice.Tests;

/// <summary>
/// A loudspeaker that plays at the microphone's pace, as a real device does: each <see cref="Write"/> hands its chunk to
/// the file behind it and then waits until the test's microphone loop has heard that chunk (<see cref="Heard"/>).
/// <see cref="Stop"/> releases a waiting write. Counts what was written after the stop.
/// </summary>
internal sealed class LockstepSpeaker : IAudioSink
{
    private readonly IAudioSink _inner;
    private readonly SemaphoreSlim _written = new(0), _heard = new(0);
    private readonly float[] _last = new float[512];
    private volatile bool _stopped;
    private int _lastCount;

    public LockstepSpeaker(IAudioSink inner) => _inner = inner;

    public string Name => _inner.Name;
    public int SampleRate => _inner.SampleRate;
    public long SamplesWritten => _inner.SamplesWritten;
    /// <summary>Chunks written after <see cref="Stop"/>.</summary>
    public int ChunksAfterStop { get; private set; }
    public bool Stopped => _stopped;

    public void Write(ReadOnlySpan<float> samples)
    {
        if (_stopped) ChunksAfterStop++;
        _inner.Write(samples);
        samples.CopyTo(_last);
        _lastCount = samples.Length;
        _written.Release();
        if (!_stopped) _heard.Wait();
    }

    /// <summary>The next chunk played, or -1 once <paramref name="speaking"/> has ended with nothing more written.</summary>
    public async Task<int> NextAsync(Task speaking, float[] played)
    {
        while (!await _written.WaitAsync(5))
            if (speaking.IsCompleted && _written.CurrentCount == 0) return -1;
        _last.AsSpan(0, _lastCount).CopyTo(played);
        played.AsSpan(_lastCount).Clear();
        return _lastCount;
    }

    /// <summary>The microphone has heard the last chunk: the speaker may play the next.</summary>
    public void Heard() => _heard.Release();

    public void Stop()
    {
        _stopped = true;
        _inner.Stop();
        _heard.Release();
    }

    public void Complete() => _inner.Complete();

    public void Dispose() => _inner.Dispose();
}
