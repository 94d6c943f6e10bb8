using EdgeAI.Audio;
using EdgeAI.Drivers.Audio.Interop;
using EdgeAI.Drivers.Audio.Pcm;

namespace EdgeAI.Drivers.Audio.Alsa;

/// <summary>
/// Plays mono speech on an ALSA device through alsa-lib (the same P/Invoke as <see cref="AlsaCapture"/>), as 16-bit
/// samples. <see cref="Write"/> blocks while the device's buffer is full, so playback paces the speaker; it hands
/// samples to ALSA one <see cref="AlsaPlaybackOptions.PeriodFrames"/> at a time, so <see cref="Stop"/> (barge-in, from
/// any thread) waits for at most one period before it drops everything queued (<c>snd_pcm_drop</c>) and makes the
/// interrupted <see cref="Write"/> return. Underruns (the speaker paused between sentences) are recovered and counted.
/// </summary>
public sealed unsafe class AlsaPlayback : IAudioSink
{
    private readonly SafePcmHandle _pcm;
    private readonly SafeAlsaConfig? _config;
    private readonly Lock _gate = new();
    private readonly byte[] _bytes;
    private int _stops;
    private long _underruns;
    private bool _disposed;

    /// <summary>Opens the device for playback.</summary>
    /// <exception cref="AlsaException">the device cannot be opened or set up.</exception>
    public AlsaPlayback(AlsaPlaybackOptions? options = null)
    {
        Options = options ??= new AlsaPlaybackOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.SampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.PeriodFrames);
        (_pcm, _config, _, BufferFrames) = AlsaPcm.Open(options.Device, LibAsound.StreamPlayback, 0, options.SampleRate, 1, options.LatencyMs, options.ConfigFile);
        _bytes = GC.AllocateArray<byte>(options.PeriodFrames * 2, pinned: true);
    }

    /// <summary>What the device was opened with.</summary>
    public AlsaPlaybackOptions Options { get; }
    /// <summary>Frames in ALSA's buffer.</summary>
    public int BufferFrames { get; }
    /// <summary>Underruns recovered (the device ran dry between writes).</summary>
    public long Underruns => Interlocked.Read(ref _underruns);
    /// <summary>Times <see cref="Stop"/> dropped queued audio.</summary>
    public int Stops => Volatile.Read(ref _stops);

    /// <inheritdoc/>
    public string Name => Options.Device;
    /// <inheritdoc/>
    public int SampleRate => Options.SampleRate;
    /// <inheritdoc/>
    public long SamplesWritten { get; private set; }

    /// <inheritdoc/>
    /// <remarks>Returns early, with the rest dropped, when <see cref="Stop"/> is called meanwhile.</remarks>
    public void Write(ReadOnlySpan<float> samples)
    {
        int generation = Volatile.Read(ref _stops);
        while (!samples.IsEmpty && Volatile.Read(ref _stops) == generation)
        {
            int n = Math.Min(samples.Length, Options.PeriodFrames);
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (Volatile.Read(ref _stops) != generation) return;
                PcmCodec.EncodeSigned16(samples[..n], _bytes);
                WritePeriod(n);
            }
            SamplesWritten += n;
            samples = samples[n..];
        }
    }

    private void WritePeriod(int frames)
    {
        int done = 0;
        fixed (byte* p = _bytes)
        {
            while (done < frames)
            {
                long n = LibAsound.snd_pcm_writei(_pcm, p + done * 2, (nuint)(frames - done));
                if (n == -LibAsound.EAGAIN || n == -LibAsound.EINTR) continue;
                if (n == -LibAsound.EPIPE || n == -LibAsound.ESTRPIPE)
                {
                    Interlocked.Increment(ref _underruns);
                    AlsaPcm.Check(LibAsound.snd_pcm_recover(_pcm, (int)n, 1), Name, "cannot recover from an underrun");
                    continue;
                }
                done += (int)AlsaPcm.Check(n, Name, "playback failed");
            }
        }
    }

    /// <inheritdoc/>
    public void Stop()
    {
        Interlocked.Increment(ref _stops);
        lock (_gate)
        {
            if (_disposed) return;
            LibAsound.snd_pcm_drop(_pcm);
            AlsaPcm.Check(LibAsound.snd_pcm_prepare(_pcm), Name, "cannot prepare after stopping");
        }
    }

    /// <inheritdoc/>
    public void Complete()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            int result = LibAsound.snd_pcm_drain(_pcm);
            // Draining a stream that never started (nothing written) reports a bad state; there is nothing to play.
            if (result < 0 && SamplesWritten > 0) AlsaPcm.Check(result, Name, "cannot drain");
        }
    }

    /// <summary>Closes the device without playing what is queued.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _pcm.Dispose();
            _config?.Dispose();
        }
    }
}
