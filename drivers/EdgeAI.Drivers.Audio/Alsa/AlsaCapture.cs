using EdgeAI.Audio;
using EdgeAI.Drivers.Audio.Interop;
using EdgeAI.Drivers.Audio.Pcm;

namespace EdgeAI.Drivers.Audio.Alsa;

/// <summary>
/// Live capture from an ALSA device through alsa-lib by P/Invoke (libasound.so.2, a SafeHandle per PCM).
/// <para>
/// Why libasound and not an <c>arecord</c> process: an overrun is an exact event here (<c>-EPIPE</c> from
/// <c>snd_pcm_readi</c>, counted in <see cref="DeviceOverruns"/> and recovered at once) where arecord only prints it to
/// stderr; there is no second process to start, watch and kill, no pipe buffer adding latency; the period size is
/// known; and libasound2 is on every ALSA system, while alsa-utils often is not on a car's image. It is also what
/// Native AOT publishes without a helper binary.
/// </para>
/// <para>
/// A dedicated capture thread waits on the device (<c>snd_pcm_wait</c>, non-blocking PCM, so disposing stops it within
/// 100 ms), converts each period to mono float, resamples it to <see cref="AlsaCaptureOptions.OutputRate"/> and writes
/// it into an <see cref="AudioChunkRing"/>, which never blocks it: when the reader falls behind, whole chunks are
/// dropped and counted (<see cref="DroppedSamples"/>), and sample indices keep counting so timestamps stay true.
/// After a device overrun the position is moved on by the time lost, measured on the <see cref="TimeProvider"/>.
/// </para>
/// </summary>
public sealed unsafe class AlsaCapture : IAudioSource
{
    private readonly SafePcmHandle _pcm;
    private readonly SafeAlsaConfig? _config;
    private readonly AudioChunkRing _ring;
    private readonly PolyphaseResampler _resampler;
    private readonly TimeProvider _time;
    private readonly Thread _thread;
    private readonly int _channels;
    private readonly PcmFormat _deviceFormat;
    private volatile bool _stopping;
    private long _deviceOverruns;
    private long _framesCaptured;

    /// <summary>Opens the device and starts capturing.</summary>
    /// <exception cref="AlsaException">the device cannot be opened or set up (one line: device, what, alsa-lib's reason).</exception>
    /// <exception cref="FileNotFoundException"><see cref="AlsaCaptureOptions.ConfigFile"/> does not exist.</exception>
    public AlsaCapture(AlsaCaptureOptions? options = null, TimeProvider? time = null)
    {
        Options = options ??= new AlsaCaptureOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.DeviceRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.OutputRate);
        _time = time ?? TimeProvider.System;
        _channels = options.Channels;
        _deviceFormat = new PcmFormat(SampleFormat.Signed16, options.Channels, options.DeviceRate);
        (_pcm, _config, PeriodFrames, BufferFrames) = AlsaPcm.Open(options.Device, LibAsound.StreamCapture, LibAsound.NonBlock,
            options.DeviceRate, options.Channels, options.LatencyMs, options.ConfigFile);
        _resampler = new PolyphaseResampler(options.DeviceRate, options.OutputRate);
        _ring = new AudioChunkRing(options.ChunkSamples, options.RingChunks, options.OutputRate, options.Origin);
        _thread = new Thread(Capture) { IsBackground = true, Name = "edgeai-alsa-capture", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>What the device was opened with.</summary>
    public AlsaCaptureOptions Options { get; }
    /// <summary>Frames per ALSA period (one read).</summary>
    public int PeriodFrames { get; }
    /// <summary>Frames in ALSA's buffer.</summary>
    public int BufferFrames { get; }
    /// <summary>Overruns ALSA reported (the capture thread was late; audio was lost inside the driver).</summary>
    public long DeviceOverruns => Interlocked.Read(ref _deviceOverruns);
    /// <summary>Chunks the ring dropped because the reader was late.</summary>
    public long RingOverruns => _ring.Overruns;
    /// <summary>Frames read from the device.</summary>
    public long FramesCaptured => Interlocked.Read(ref _framesCaptured);

    /// <inheritdoc/>
    public string Name => Options.Device;
    /// <inheritdoc/>
    public bool IsLive => true;
    /// <inheritdoc/>
    public int SampleRate => Options.OutputRate;
    /// <inheritdoc/>
    public int ChunkSamples => Options.ChunkSamples;
    /// <summary>Samples lost: chunks the ring dropped plus the time lost in device overruns.</summary>
    public long DroppedSamples => _ring.DroppedSamples;

    /// <inheritdoc/>
    public ValueTask<AudioChunk> ReadAsync(Memory<float> destination, CancellationToken cancellation = default) => _ring.ReadAsync(destination, cancellation);

    private void Capture()
    {
        var raw = new byte[PeriodFrames * _deviceFormat.BlockAlign];
        var mono = new float[PeriodFrames];
        var resampled = new float[_resampler.MaxOutput(PeriodFrames) + _resampler.MaxFlushOutput];
        long started = 0;
        bool running = false;
        try
        {
            while (!_stopping)
            {
                int ready = LibAsound.snd_pcm_wait(_pcm, 100);
                if (ready == 0) continue;
                long frames = ready < 0 ? ready : Read(raw);
                if (frames == -LibAsound.EAGAIN || frames == -LibAsound.EINTR) continue;
                if (frames == -LibAsound.EPIPE || frames == -LibAsound.ESTRPIPE)
                {
                    Interlocked.Increment(ref _deviceOverruns);
                    AlsaPcm.Check(LibAsound.snd_pcm_recover(_pcm, (int)frames, 1), Name, "cannot recover from an overrun");
                    if (running) CatchUp(started);
                    continue;
                }
                AlsaPcm.Check(frames, Name, "capture failed");
                if (!running)
                {
                    started = _time.GetTimestamp();
                    running = true;
                }
                int n = PcmCodec.DecodeMono(raw.AsSpan(0, (int)frames * _deviceFormat.BlockAlign), _deviceFormat, mono);
                int m = _resampler.Process(mono.AsSpan(0, n), resampled);
                _ring.Write(resampled.AsSpan(0, m));
                Interlocked.Add(ref _framesCaptured, frames);
            }
            _ring.Complete();
        }
        catch (Exception e)
        {
            _ring.Complete(e);
        }
    }

    private long Read(byte[] raw)
    {
        fixed (byte* p = raw) return LibAsound.snd_pcm_readi(_pcm, p, (nuint)PeriodFrames);
    }

    /// <summary>Moves the ring's position on by what the clock says was lost, so later timestamps stay true.</summary>
    private void CatchUp(long started)
    {
        long expected = (long)(_time.GetElapsedTime(started).TotalSeconds * Options.OutputRate);
        long behind = expected - _ring.SamplesProduced;
        if (behind > ChunkSamples) _ring.Skip(behind);
    }

    /// <summary>Stops the capture thread (within 100 ms), closes the device; a waiting reader gets the end.</summary>
    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        if (Thread.CurrentThread != _thread) _thread.Join();
        _pcm.Dispose();
        _config?.Dispose();
    }
}
