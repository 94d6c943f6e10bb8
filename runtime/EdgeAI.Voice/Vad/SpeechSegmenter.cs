namespace EdgeAI.Voice.Vad;

/// <summary>
/// Turns per-chunk speech probabilities into segments with hysteresis: speech starts once the probability has stayed at
/// or above <see cref="VadOptions.StartThreshold"/> for <see cref="VadOptions.MinSpeechMs"/>, and ends once it has
/// stayed below <see cref="VadOptions.EndThreshold"/> for <see cref="VadOptions.MinSilenceMs"/>. The reported start is
/// the first chunk of the run that started it, minus <see cref="VadOptions.StartPaddingMs"/> (never before the previous
/// segment's end nor the first chunk seen); the reported end is the first chunk of the silence that ended it, plus
/// <see cref="VadOptions.EndPaddingMs"/>. Pure arithmetic on values: nothing is allocated per chunk.
/// </summary>
public sealed class SpeechSegmenter
{
    private readonly VadOptions _options;
    private readonly TimeSpan _minSpeech, _minSilence, _startPad, _endPad;
    private bool _inSpeech, _seenAny, _candidate, _silence;
    private TimeSpan _candidateStart, _silenceStart, _segmentStart, _lastEnd, _firstSeen;

    /// <summary>A segmenter with <paramref name="options"/> (null: the defaults).</summary>
    /// <exception cref="ArgumentException">an option is out of range.</exception>
    public SpeechSegmenter(VadOptions? options = null)
    {
        _options = options ?? new VadOptions();
        _options.Validate();
        _minSpeech = TimeSpan.FromMilliseconds(_options.MinSpeechMs);
        _minSilence = TimeSpan.FromMilliseconds(_options.MinSilenceMs);
        _startPad = TimeSpan.FromMilliseconds(_options.StartPaddingMs);
        _endPad = TimeSpan.FromMilliseconds(_options.EndPaddingMs);
    }

    /// <summary>The options in use.</summary>
    public VadOptions Options => _options;
    /// <summary>True between a start and its end.</summary>
    public bool InSpeech => _inSpeech;
    /// <summary>The open segment's start (meaningful while <see cref="InSpeech"/>).</summary>
    public TimeSpan SegmentStart => _segmentStart;
    /// <summary>Inside a segment, where the current run of chunks below <see cref="VadOptions.EndThreshold"/> began (the
    /// speech's end if the run lasts <see cref="VadOptions.MinSilenceMs"/>); null while speech goes on or outside a segment.</summary>
    public TimeSpan? SilenceStart => _inSpeech && _silence ? _silenceStart : null;

    /// <summary>Feeds the probability of the chunk spanning <paramref name="chunkStart"/> to <paramref name="chunkEnd"/>.</summary>
    public VadEvent Update(float probability, TimeSpan chunkStart, TimeSpan chunkEnd)
    {
        if (!_seenAny)
        {
            _seenAny = true;
            _firstSeen = chunkStart;
            _lastEnd = chunkStart;
        }
        if (!_inSpeech)
        {
            if (probability < _options.StartThreshold)
            {
                _candidate = false;
                return VadEvent.None;
            }
            if (!_candidate)
            {
                _candidate = true;
                _candidateStart = chunkStart;
            }
            if (chunkEnd - _candidateStart < _minSpeech) return VadEvent.None;
            _inSpeech = true;
            _candidate = false;
            _silence = false;
            var start = _candidateStart - _startPad;
            if (start < _lastEnd) start = _lastEnd;
            if (start < _firstSeen) start = _firstSeen;
            _segmentStart = start;
            return new VadEvent(VadEventKind.SpeechStart, start, default, chunkEnd);
        }
        if (probability >= _options.EndThreshold)
        {
            _silence = false;
            return VadEvent.None;
        }
        if (!_silence)
        {
            _silence = true;
            _silenceStart = chunkStart;
        }
        if (chunkEnd - _silenceStart < _minSilence) return VadEvent.None;
        var end = _silenceStart + _endPad;
        if (end > chunkEnd) end = chunkEnd;
        return EndSegment(end, chunkEnd);
    }

    /// <summary>The stream ended at <paramref name="streamEnd"/>: an open segment ends there (or where its silence
    /// began, plus padding).</summary>
    public VadEvent Finish(TimeSpan streamEnd)
    {
        if (!_inSpeech) return VadEvent.None;
        var end = _silence ? _silenceStart + _endPad : streamEnd;
        if (end > streamEnd) end = streamEnd;
        return EndSegment(end, streamEnd);
    }

    private VadEvent EndSegment(TimeSpan end, TimeSpan decidedAt)
    {
        _inSpeech = false;
        _silence = false;
        _lastEnd = end;
        return new VadEvent(VadEventKind.SpeechEnd, _segmentStart, end, decidedAt);
    }

    /// <summary>Forgets everything: the next chunk starts a new stream.</summary>
    public void Reset()
    {
        _inSpeech = _seenAny = _candidate = _silence = false;
    }
}
