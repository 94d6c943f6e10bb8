using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using EdgeAI.Audio;

namespace EdgeAI.Voice.Speech;

/// <summary>
/// Speech from espeak-ng (Debian's espeak-ng), run as a separate process that is spoken to: the answer's text goes in on
/// its standard input and its WAV (<c>--stdout</c>, 16-bit mono, 22050 Hz) is read from its standard output as it is
/// synthesized, converted to float and resampled to <see cref="SampleRate"/> (16 kHz by default) with
/// <see cref="PolyphaseResampler"/>. No file is written. Voices: <c>en</c> → <c>en-us</c>, <c>zh-CN</c> → <c>cmn</c>
/// (Mandarin), others through <see cref="EspeakOptions.Voices"/>.
/// <para>
/// One process per answer: the WAV stream has no boundary between two texts, so a long-lived process could not say where
/// an answer ends. To keep the first audio quick, a spare process for the last voice used is started (and loads its
/// voice) while the current answer plays (<see cref="EspeakOptions.KeepSpareProcess"/>). Cancelling kills the process at
/// once; disposal kills the spare.
/// </para>
/// Each chunk yielded is valid until the enumeration moves on (its buffer is reused); copy what you keep.
/// </summary>
public sealed class EspeakSynthesizer : ISpeechSynthesizer
{
    /// <summary>espeak-ng's own output rate for its voices.</summary>
    public const int EngineRate = 22050;
    private const int ReadBytes = 4096;

    private readonly EspeakOptions _options;
    private readonly object _gate = new();
    private EspeakProcess? _spare;
    private Workspace? _idle;
    private bool _disposed;

    /// <summary>A synthesizer with <paramref name="options"/> (null: the defaults). Starts nothing until the first answer
    /// (or <see cref="Prepare"/>).</summary>
    /// <exception cref="ArgumentException">an option is out of range.</exception>
    public EspeakSynthesizer(EspeakOptions? options = null)
    {
        _options = options ?? new EspeakOptions();
        _options.Validate();
        Voice = "espeak-ng:" + VoiceFor(_options.DefaultLanguage);
    }

    /// <inheritdoc/>
    public string Voice { get; }

    /// <inheritdoc/>
    public int SampleRate => _options.SampleRate;

    /// <summary>The process id of the last answer's espeak-ng (tests check that it is gone).</summary>
    public int LastProcessId { get; private set; }

    /// <summary>The spare process's id, or 0.</summary>
    public int SpareProcessId
    {
        get { lock (_gate) return _spare?.Id ?? 0; }
    }

    /// <summary>The espeak-ng voice for <paramref name="language"/> (a BCP 47 tag such as <c>en</c> or <c>zh-CN</c>).</summary>
    /// <exception cref="ArgumentException">the tag is empty or holds characters a voice name cannot have.</exception>
    public string VoiceFor(string language)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(language);
        if (_options.Voices.TryGetValue(language, out var voice)) return voice;
        int dash = language.IndexOf('-');
        if (dash > 0 && _options.Voices.TryGetValue(language[..dash], out voice)) return voice;
        foreach (char c in language)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                throw new ArgumentException($"language '{language}': expected a tag such as en or zh-CN", nameof(language));
        return language.ToLowerInvariant();
    }

    /// <summary>Starts the spare process for <paramref name="language"/> now, so that the first answer is quick too.</summary>
    /// <exception cref="SpeechSynthesisException">espeak-ng is not installed.</exception>
    public void Prepare(string language)
    {
        string voice = VoiceFor(language);
        var started = EspeakProcess.Start(_options, voice);
        EspeakProcess? old;
        lock (_gate)
        {
            if (_disposed)
            {
                old = started;
            }
            else
            {
                old = _spare;
                _spare = started;
            }
        }
        old?.Dispose();
    }

    /// <inheritdoc/>
    /// <exception cref="SpeechSynthesisException">espeak-ng is missing, refused the voice, failed, or wrote no WAV.</exception>
    public async IAsyncEnumerable<ReadOnlyMemory<float>> SynthesizeAsync(string text, string language,
        [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        string voice = VoiceFor(language);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellation.ThrowIfCancellationRequested();
        if (string.IsNullOrWhiteSpace(text)) yield break;

        var process = await StartAsync(voice, text).ConfigureAwait(false);
        var work = Interlocked.Exchange(ref _idle, null) ?? new Workspace();
        try
        {
            using var kill = cancellation.Register(static p => ((EspeakProcess)p!).Kill(), process);
            int rate = await ReadHeaderAsync(process, work.Bytes, cancellation).ConfigureAwait(false);
            if (rate > 0)
            {
                var resampler = work.ResamplerFor(rate, SampleRate);
                int carried = 0; // an odd byte left from the last read
                while (true)
                {
                    int read = await process.Output.ReadAsync(work.Bytes.AsMemory(carried, ReadBytes - carried), CancellationToken.None).ConfigureAwait(false);
                    if (read == 0) break;
                    // The pipe still holds what was written before a kill: nothing more is given once cancelled.
                    cancellation.ThrowIfCancellationRequested();
                    int bytes = carried + read;
                    int samples = Decode(work.Bytes.AsSpan(0, bytes & ~1), work.Samples);
                    carried = bytes & 1;
                    if (carried == 1) work.Bytes[0] = work.Bytes[bytes - 1];
                    int produced = resampler is null ? Copy(work.Samples.AsSpan(0, samples), work.Output) : resampler.Process(work.Samples.AsSpan(0, samples), work.Output);
                    if (produced > 0) yield return work.Output.AsMemory(0, produced);
                }
                cancellation.ThrowIfCancellationRequested();
                if (resampler is not null)
                {
                    int tail = resampler.Flush(work.Output);
                    if (tail > 0) yield return work.Output.AsMemory(0, tail);
                }
            }
            int exit = await process.WaitAsync().ConfigureAwait(false);
            cancellation.ThrowIfCancellationRequested();
            if (exit != 0) throw Failed(process, $"exit code {exit}");
        }
        finally
        {
            process.Dispose();
            Interlocked.Exchange(ref _idle, work);
            // Off this thread: a barge-in's cancellation should not wait for the next process to start.
            if (_options.KeepSpareProcess) _ = Task.Run(() => StartSpare(voice));
        }
    }

    // The spare for this voice when there is a live one, else a new process; the text goes in whole.
    private async ValueTask<EspeakProcess> StartAsync(string voice, string text)
    {
        EspeakProcess? spare;
        lock (_gate)
        {
            spare = _spare is { } s && s.Voice == voice ? s : null;
            if (spare is not null) _spare = null;
        }
        if (spare is not null)
        {
            if (!spare.HasExited && await spare.SendAsync(text).ConfigureAwait(false))
            {
                LastProcessId = spare.Id;
                return spare;
            }
            spare.Dispose();
        }
        var process = EspeakProcess.Start(_options, voice);
        LastProcessId = process.Id;
        if (!await process.SendAsync(text).ConfigureAwait(false))
        {
            // It exited before reading the text: a voice it does not know, say; its exit code and stderr tell.
            await process.WaitAsync().ConfigureAwait(false);
            var failure = Failed(process, "exited before reading the text");
            process.Dispose();
            throw failure;
        }
        return process;
    }

    private void StartSpare(string voice)
    {
        lock (_gate)
        {
            if (_disposed || _spare?.Voice == voice) return;
        }
        try
        {
            Prepare(voice);
        }
        catch (SpeechSynthesisException)
        {
            // The next answer starts its own process and reports the failure then.
        }
    }

    private SpeechSynthesisException Failed(EspeakProcess process, string what)
    {
        string? errors = process.Errors();
        return new SpeechSynthesisException($"{_options.Executable} -v {process.Voice}: {what}{(errors is null ? "" : ": " + errors)}");
    }

    // espeak-ng writes the canonical RIFF header (fmt then data) with a data size of 0x7FFFF000 when it writes to a pipe:
    // the data runs to the end of the stream. Returns the sample rate, or 0 when it wrote nothing (no speakable text).
    private async ValueTask<int> ReadHeaderAsync(EspeakProcess process, byte[] buffer, CancellationToken cancellation)
    {
        try
        {
            return await ReadHeaderAsync(process, buffer).ConfigureAwait(false);
        }
        catch (SpeechSynthesisException) when (cancellation.IsCancellationRequested)
        {
            // Killed while the header was on its way: that is the cancellation, not a broken WAV.
            throw new OperationCanceledException(cancellation);
        }
    }

    private async ValueTask<int> ReadHeaderAsync(EspeakProcess process, byte[] buffer)
    {
        var stream = process.Output;
        int got = await stream.ReadAtLeastAsync(buffer.AsMemory(0, 12), 12, throwOnEndOfStream: false).ConfigureAwait(false);
        if (got == 0) return 0;
        if (got < 12 || !buffer.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !buffer.AsSpan(8, 4).SequenceEqual("WAVE"u8))
            throw NotWav(process, "no RIFF/WAVE header");
        int rate = 0;
        while (true)
        {
            if (await stream.ReadAtLeastAsync(buffer.AsMemory(0, 8), 8, throwOnEndOfStream: false).ConfigureAwait(false) < 8)
                throw NotWav(process, "it ends inside the header");
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(4));
            if (buffer.AsSpan(0, 4).SequenceEqual("data"u8))
                return rate > 0 ? rate : throw NotWav(process, "'data' before 'fmt '");
            bool format = buffer.AsSpan(0, 4).SequenceEqual("fmt "u8);
            if (format && size is < 16 or > 64 || size > 1 << 20) throw NotWav(process, $"a header chunk of {size} bytes");
            int length = (int)size + (int)(size & 1);
            if (await stream.ReadAtLeastAsync(buffer.AsMemory(0, length), length, throwOnEndOfStream: false).ConfigureAwait(false) < length)
                throw NotWav(process, "it ends inside the header");
            if (!format) continue;
            int tag = BinaryPrimitives.ReadUInt16LittleEndian(buffer);
            int channels = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(2));
            rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(4));
            int bits = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(14));
            if (tag != 1 || channels != 1 || bits != 16 || rate is < 1000 or > 192000)
                throw NotWav(process, $"format tag {tag}, {channels} channels, {bits} bits, {rate} Hz");
        }
    }

    private SpeechSynthesisException NotWav(EspeakProcess process, string what) =>
        new($"{_options.Executable} -v {process.Voice}: its output is not a 16-bit mono PCM WAV ({what})");

    private static int Decode(ReadOnlySpan<byte> bytes, Span<float> samples)
    {
        int count = bytes.Length / 2;
        for (int i = 0; i < count; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes[(2 * i)..]) * (1f / 32768f);
        return count;
    }

    private static int Copy(ReadOnlySpan<float> samples, Span<float> output)
    {
        samples.CopyTo(output);
        return samples.Length;
    }

    /// <summary>Kills the spare process; an answer still being read ends with its own enumeration.</summary>
    public void Dispose()
    {
        EspeakProcess? spare;
        lock (_gate)
        {
            _disposed = true;
            spare = _spare;
            _spare = null;
        }
        spare?.Dispose();
    }

    /// <summary>One answer's buffers and resampler, reused by the next answer.</summary>
    private sealed class Workspace
    {
        private PolyphaseResampler? _resampler;

        public byte[] Bytes { get; } = new byte[ReadBytes];
        public float[] Samples { get; } = new float[ReadBytes / 2];
        public float[] Output { get; private set; } = new float[ReadBytes / 2];

        /// <summary>The resampler from <paramref name="input"/> to <paramref name="output"/> Hz, reset; null when they are equal.</summary>
        public PolyphaseResampler? ResamplerFor(int input, int output)
        {
            if (input == output) return null;
            if (_resampler is null || _resampler.InputRate != input || _resampler.OutputRate != output)
            {
                _resampler = new PolyphaseResampler(input, output);
                Output = new float[Math.Max(_resampler.MaxOutput(ReadBytes / 2), _resampler.MaxFlushOutput)];
            }
            else
            {
                _resampler.Reset();
            }
            return _resampler;
        }
    }
}
