namespace EdgeAI.Voice.Dialog;

/// <summary>
/// An answer's speech between the synthesizer (which appends as it produces) and the dialog loop (which takes one
/// chunk per microphone chunk, so what is played and what is heard stay in step for the echo canceller).
/// </summary>
internal sealed class AnswerAudio
{
    private readonly object _gate = new();
    private float[] _samples = new float[16000];
    private int _written, _read;
    private bool _complete;

    /// <summary>Appends synthesized samples.</summary>
    public void Append(ReadOnlySpan<float> samples)
    {
        lock (_gate)
        {
            if (_written + samples.Length > _samples.Length)
                Array.Resize(ref _samples, Math.Max(_samples.Length * 2, _written + samples.Length));
            samples.CopyTo(_samples.AsSpan(_written));
            _written += samples.Length;
        }
    }

    /// <summary>No more samples will come.</summary>
    public void Complete()
    {
        lock (_gate) _complete = true;
    }

    /// <summary>True once everything appended has been taken and no more will come.</summary>
    public bool Done
    {
        get { lock (_gate) return _complete && _read == _written; }
    }

    /// <summary>Copies up to <paramref name="destination"/>'s length of what is ready; returns how many.</summary>
    public int Take(Span<float> destination)
    {
        lock (_gate)
        {
            int count = Math.Min(destination.Length, _written - _read);
            _samples.AsSpan(_read, count).CopyTo(destination);
            _read += count;
            return count;
        }
    }
}
