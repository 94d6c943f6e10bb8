using EdgeAI.Audio;

namespace EdgeAI.Voice.Vad;

/// <summary>
/// Voice activity on a stream of 16 kHz chunks: <see cref="SileroVad"/> gives each 512-sample chunk a speech
/// probability, <see cref="SpeechSegmenter"/> turns those into start and end events. Feed it every chunk of a source in
/// order; <see cref="Process"/> allocates nothing in steady state.
/// </summary>
public sealed class VoiceActivityDetector : IDisposable
{
    private readonly bool _ownsModel;

    /// <summary>Segments <paramref name="model"/>'s probabilities with <paramref name="options"/> (null: the defaults).</summary>
    /// <param name="model">The Silero model; disposed with the detector when <paramref name="ownsModel"/>.</param>
    /// <param name="options">Thresholds, hold times, padding.</param>
    /// <param name="ownsModel">Dispose the model with the detector.</param>
    public VoiceActivityDetector(SileroVad model, VadOptions? options = null, bool ownsModel = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        Segmenter = new SpeechSegmenter(options);
        _ownsModel = ownsModel;
    }

    /// <summary>The model.</summary>
    public SileroVad Model { get; }
    /// <summary>The hysteresis state machine.</summary>
    public SpeechSegmenter Segmenter { get; }
    /// <summary>The last chunk's speech probability.</summary>
    public float LastProbability { get; private set; }
    /// <summary>True between a start and its end.</summary>
    public bool InSpeech => Segmenter.InSpeech;

    /// <summary>Runs the model on one chunk (<paramref name="samples"/>, <paramref name="chunk"/>.Count long, at 16 kHz) and
    /// returns what it changed.</summary>
    /// <exception cref="ArgumentException">the chunk is longer than 512 samples.</exception>
    public VadEvent Process(ReadOnlySpan<float> samples, AudioChunk chunk)
    {
        var audio = samples[..chunk.Count];
        LastProbability = Model.Process(audio);
        var end = chunk.Timestamp + TimeSpan.FromTicks(chunk.Count * TimeSpan.TicksPerSecond / SileroVad.SampleRate);
        return Segmenter.Update(LastProbability, chunk.Timestamp, end);
    }

    /// <summary>The source ended (<paramref name="end"/> is its end marker): closes an open segment.</summary>
    public VadEvent Finish(AudioChunk end) => Segmenter.Finish(end.Timestamp);

    /// <summary>Starts a new stream: model state and segmenter back to the beginning.</summary>
    public void Reset()
    {
        Model.Reset();
        Segmenter.Reset();
        LastProbability = 0;
    }

    /// <summary>Every speech segment of <paramref name="source"/> (16 kHz, 512-sample chunks), read to its end.</summary>
    /// <exception cref="ArgumentException">the source is not 16 kHz or its chunks are longer than 512 samples.</exception>
    public async Task<IReadOnlyList<SpeechSegment>> DetectAsync(IAudioSource source, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.SampleRate != SileroVad.SampleRate || source.ChunkSamples > SileroVad.ChunkSamples)
            throw new ArgumentException($"{source.Name}: {source.SampleRate} Hz in chunks of {source.ChunkSamples}; the VAD needs {SileroVad.SampleRate} Hz in chunks of {SileroVad.ChunkSamples}", nameof(source));
        var segments = new List<SpeechSegment>();
        var buffer = new float[source.ChunkSamples];
        while (true)
        {
            var chunk = await source.ReadAsync(buffer, cancellation).ConfigureAwait(false);
            var change = chunk.IsEnd ? Finish(chunk) : Process(buffer, chunk);
            if (change.Kind == VadEventKind.SpeechEnd) segments.Add(change.Segment);
            if (chunk.IsEnd) return segments;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsModel) Model.Dispose();
    }
}
