using System.Diagnostics;
using System.Text;
using EdgeAI.Audio;
using EdgeAI.Voice.Echo;
using EdgeAI.Voice.Intents;
using EdgeAI.Voice.Recognition;
using EdgeAI.Voice.Speech;
using EdgeAI.Voice.Vad;
using EdgeAI.Voice.Wake;

namespace EdgeAI.Voice.Dialog;

/// <summary>
/// The spoken conversation, one microphone chunk at a time: activation (every stretch of speech, the wake phrase or
/// push-to-talk) → listen → the end of speech (the VAD's hangover, or a shorter pause after a whole command) →
/// transcript → intent → the answer (a service, the vehicle or the LLM) → speech. The answer is played one chunk per microphone chunk, so the echo canceller's reference is exactly what
/// the loudspeaker played while that chunk was heard; speech while the assistant thinks or speaks is a barge-in, which
/// stops the speech before the next chunk is played and cancels the generation between tokens.
/// <para>
/// A recorded source (a file) runs on its own timeline: the loop waits for the answer before it reads on, so thinking
/// takes no audio time and a replay is deterministic in chunks. A live source keeps being read while the answer is made.
/// </para>
/// </summary>
public sealed class VoiceDialog
{
    private enum Ear { Closed, Open, Hearing }

    private readonly IAudioSource _source;
    private readonly VoiceActivityDetector _vad;
    private readonly ISpeechRecognizer _recognizer;
    private readonly IntentParser _parser;
    private readonly IVoiceAnswerer _answerer;
    private readonly Action<VoiceEvent> _onEvent;
    private readonly VoiceDialogOptions _options;
    private readonly object _emitGate = new();
    private readonly object _playGate = new();
    private readonly TimeSpan _chunkTime;

    private Ear _ear;
    private TimeSpan _openedAt, _hearingFrom;
    private TimeSpan? _pauseChecked;
    private int _utterances;
    private volatile bool _pressed, _released;
    private Task? _thinking;
    private CancellationTokenSource? _answerCancel;
    private volatile AnswerAudio? _playback;
    private int _playedChunks;

    /// <summary>A dialog on <paramref name="source"/> (16 kHz, chunks of at most 512 samples).</summary>
    /// <param name="source">The microphone, a file or stdin.</param>
    /// <param name="vad">The voice activity detector (its own stream: the dialog feeds it every chunk).</param>
    /// <param name="recognizer">The speech recognizer.</param>
    /// <param name="parser">Transcript to intent, and whether the words so far are a whole command.</param>
    /// <param name="answerer">Who answers.</param>
    /// <param name="onEvent">Receives every event (from the loop and from the answer's task: one at a time).</param>
    /// <param name="options">Activation, timeouts, language (null: the defaults).</param>
    /// <exception cref="ArgumentException">the source is not 16 kHz or its chunks are too long.</exception>
    public VoiceDialog(IAudioSource source, VoiceActivityDetector vad, ISpeechRecognizer recognizer, IntentParser parser,
        IVoiceAnswerer answerer, Action<VoiceEvent> onEvent, VoiceDialogOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.SampleRate != SileroVad.SampleRate || source.ChunkSamples > SileroVad.ChunkSamples)
            throw new ArgumentException($"{source.Name}: {source.SampleRate} Hz in chunks of {source.ChunkSamples}; the dialog needs {SileroVad.SampleRate} Hz in chunks of at most {SileroVad.ChunkSamples}", nameof(source));
        _source = source;
        _vad = vad ?? throw new ArgumentNullException(nameof(vad));
        _recognizer = recognizer ?? throw new ArgumentNullException(nameof(recognizer));
        _parser = parser ?? throw new ArgumentNullException(nameof(parser));
        _answerer = answerer ?? throw new ArgumentNullException(nameof(answerer));
        _onEvent = onEvent ?? throw new ArgumentNullException(nameof(onEvent));
        _options = options ?? new VoiceDialogOptions();
        _options.Validate();
        _chunkTime = TimeSpan.FromTicks(source.ChunkSamples * TimeSpan.TicksPerSecond / source.SampleRate);
    }

    /// <summary>The wake phrase detector; required for <see cref="ActivationMode.WakePhrase"/>.</summary>
    public IWakeDetector? Wake { get; init; }

    /// <summary>Speaks the answers; with <see cref="Speaker"/>, or neither for text only.</summary>
    public ISpeechSynthesizer? Synthesizer { get; init; }

    /// <summary>Where the speech is played (a device or a WAV file); with <see cref="Synthesizer"/>.</summary>
    public IAudioSink? Speaker { get; init; }

    /// <summary>Removes the assistant's own voice from the microphone; without it a barge-in may trip on the loudspeaker.</summary>
    public IEchoCanceller? EchoCanceller { get; init; }

    /// <summary>Requests recognized so far.</summary>
    public int Utterances => _utterances;

    /// <summary>Push-to-talk pressed (a GPIO edge or a key; any thread): opens the ear at the next chunk, or interrupts the answer.</summary>
    public void Press() => _pressed = true;

    /// <summary>Push-to-talk released (any thread): ends the request at the next chunk.</summary>
    public void Release() => _released = true;

    /// <summary>Runs until the source ends (then the last answer is played out) or <paramref name="cancellation"/>.</summary>
    /// <exception cref="InvalidOperationException">wake-phrase activation without a <see cref="Wake"/> detector, or a synthesizer without a speaker.</exception>
    public async Task RunAsync(CancellationToken cancellation = default)
    {
        if (_options.Activation == ActivationMode.WakePhrase && Wake is null) throw new InvalidOperationException("wake-phrase activation needs a wake detector");
        if ((Synthesizer is null) != (Speaker is null)) throw new InvalidOperationException("a synthesizer needs a speaker and a speaker a synthesizer");
        int size = _source.ChunkSamples;
        var mic = new float[size];
        var clean = new float[size];
        var played = new float[size];
        var preRoll = new float[Math.Max(1, _options.PreRollChunks) * size];
        var preRollCounts = new int[Math.Max(1, _options.PreRollChunks)];
        // Without an echo canceller there is nothing to learn; with one, starts are not barge-ins until it has learned.
        using var ear = new BargeInDetector(_vad, EchoCanceller, chunkSamples: size, shouldDispose: false) { LearningTime = _options.EchoLearning };
        int preRollNext = 0;
        try
        {
            while (true)
            {
                if (_thinking is { } thinking && (!_source.IsLive || thinking.IsCompleted)) await FinishThinkingAsync().ConfigureAwait(false);
                var chunk = await _source.ReadAsync(mic, cancellation).ConfigureAwait(false);
                if (chunk.IsEnd)
                {
                    await EndOfSourceAsync(chunk, played).ConfigureAwait(false);
                    return;
                }
                ReadOnlySpan<float> heard = mic.AsSpan(0, chunk.Count);
                var now = chunk.Timestamp + _chunkTime;

                // The answer's next chunk goes out while this one was heard: the echo canceller's reference.
                int playedCount = 0;
                if (_playback is { } audio)
                {
                    playedCount = audio.Take(played.AsSpan(0, chunk.Count));
                    if (playedCount > 0)
                    {
                        Speaker!.Write(played.AsSpan(0, playedCount));
                        _playedChunks++;
                    }
                    if (audio.Done) _playback = null;
                }
                // The echo-free microphone (the loudspeaker's reference removed) feeds both listening and barge-in.
                played.AsSpan(playedCount, chunk.Count - playedCount).Clear();
                bool learning = ear.Learning;
                bool confirmed = ear.Process(heard, played.AsSpan(0, chunk.Count), chunk);
                // A stretch the VAD heard while the canceller was still learning was the assistant's own voice: once it
                // has learned, listen afresh, or the user's speech would only continue that stretch.
                if (learning && !ear.Learning && ear.InSpeech && _ear != Ear.Hearing) _vad.Segmenter.Reset();
                var vad = ear.LastEvent;
                heard = ear.Cleaned;
                if (vad.Kind == VadEventKind.SpeechStart) Emit(new VoiceEvent(VoiceEventType.SpeechStart, vad.Start.TotalSeconds));
                bool busy = _thinking is not null || _playback is not null;
                bool pressed = _pressed;
                if (pressed) _pressed = false;
                if (busy && _options.BargeIn && (confirmed || pressed && _options.Activation == ActivationMode.PushToTalk))
                {
                    BargeIn(vad, now);
                    if (_options.Activation != ActivationMode.Always) Open(now, pressed ? "ptt" : null);
                    busy = false;
                }
                // While the assistant thinks or speaks, only a barge-in opens the ear: its own echo is no request.
                if (busy && _ear != Ear.Hearing)
                {
                    KeepPreRoll(heard, preRoll, preRollCounts, ref preRollNext);
                    continue;
                }

                switch (_ear)
                {
                    case Ear.Closed:
                        if (_options.Activation == ActivationMode.Always && vad.Kind == VadEventKind.SpeechStart)
                            Hear(vad.Start, heard, preRoll, preRollCounts, preRollNext);
                        else if (_options.Activation == ActivationMode.WakePhrase && Wake!.Accept(heard))
                            Open(now, "wake");
                        else if (_options.Activation == ActivationMode.PushToTalk && pressed)
                            Open(now, "ptt");
                        break;
                    case Ear.Open:
                        if (vad.Kind == VadEventKind.SpeechStart)
                            Hear(vad.Start, heard, preRoll, preRollCounts, preRollNext);
                        else if (_released || now - _openedAt >= _options.NoSpeechTimeout)
                        {
                            _released = false;
                            _ear = Ear.Closed;
                            Emit(new VoiceEvent(VoiceEventType.Timeout, now.TotalSeconds) { Kind = "no_speech" });
                        }
                        break;
                    case Ear.Hearing:
                        _recognizer.Accept(heard);
                        if (vad.Kind == VadEventKind.SpeechEnd)
                        {
                            Emit(new VoiceEvent(VoiceEventType.SpeechEnd, now.TotalSeconds) { SpeechEndS = vad.End.TotalSeconds });
                            EndUtterance(now, null);
                        }
                        else if (WholeCommandPaused(now) is { } pausedAt)
                        {
                            Emit(new VoiceEvent(VoiceEventType.SpeechEnd, now.TotalSeconds) { SpeechEndS = pausedAt.TotalSeconds });
                            EndUtterance(now, null);
                        }
                        else if (_options.Activation == ActivationMode.PushToTalk && _released)
                            EndUtterance(now, null);
                        else if (now - _hearingFrom >= _options.MaxUtterance)
                            EndUtterance(now, "too_long");
                        break;
                }

                KeepPreRoll(heard, preRoll, preRollCounts, ref preRollNext);
            }
        }
        finally
        {
            _answerCancel?.Cancel();
            if (_thinking is not null)
            {
                try { await _thinking.ConfigureAwait(false); }
                catch (OperationCanceledException) { }
            }
            _answerCancel?.Dispose();
        }
    }

    // Keeps the last chunks for the next request's start (the VAD decides a little after speech began).
    private void KeepPreRoll(ReadOnlySpan<float> heard, float[] preRoll, int[] preRollCounts, ref int next)
    {
        heard.CopyTo(preRoll.AsSpan(next * _source.ChunkSamples, heard.Length));
        preRollCounts[next] = heard.Length;
        next = (next + 1) % preRollCounts.Length;
    }

    private void Open(TimeSpan now, string? kind)
    {
        _ear = Ear.Open;
        _openedAt = now;
        _released = false;
        if (kind is not null) Emit(new VoiceEvent(VoiceEventType.Wake, now.TotalSeconds) { Kind = kind, Text = kind == "wake" ? Wake?.Phrase : null });
    }

    private void Hear(TimeSpan from, ReadOnlySpan<float> current, float[] preRoll, int[] preRollCounts, int preRollNext)
    {
        _ear = Ear.Hearing;
        _hearingFrom = from;
        _released = _options.Activation == ActivationMode.PushToTalk && _released;
        _recognizer.Begin();
        if (_options.PreRollChunks > 0)
        {
            int size = _source.ChunkSamples;
            for (int i = 0; i < preRollCounts.Length; i++)
            {
                int slot = (preRollNext + i) % preRollCounts.Length;
                if (preRollCounts[slot] > 0) _recognizer.Accept(preRoll.AsSpan(slot * size, preRollCounts[slot]));
            }
        }
        _recognizer.Accept(current);
    }

    // Where the pause began, when the request has paused for CompleteCommandSilence after words that are a whole command
    // (asked once per pause: the partial result allocates). Push-to-talk waits for the release.
    private TimeSpan? WholeCommandPaused(TimeSpan now)
    {
        if (_options.CompleteCommandSilence <= TimeSpan.Zero || _options.Activation == ActivationMode.PushToTalk) return null;
        if (_vad.Segmenter.SilenceStart is not { } pause || now - pause < _options.CompleteCommandSilence || pause == _pauseChecked) return null;
        _pauseChecked = pause;
        return _parser.IsComplete(_recognizer.Partial()) ? pause : null;
    }

    private void EndUtterance(TimeSpan now, string? timeout)
    {
        _ear = Ear.Closed;
        _released = false;
        if (timeout is not null) Emit(new VoiceEvent(VoiceEventType.Timeout, now.TotalSeconds) { Kind = timeout });
        long started = Stopwatch.GetTimestamp();
        var transcript = _recognizer.End();
        double latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Wake?.Reset();
        if (transcript.IsEmpty)
        {
            Emit(new VoiceEvent(VoiceEventType.NoMatch, now.TotalSeconds) { Confidence = transcript.Confidence, LatencyMs = latency });
            return;
        }
        string id = "u" + ++_utterances;
        Emit(new VoiceEvent(VoiceEventType.Transcript, now.TotalSeconds) { Id = id, Text = transcript.Text, Confidence = transcript.Confidence, LatencyMs = latency });
        var intent = _parser.Parse(transcript.Text);
        Emit(new VoiceEvent(VoiceEventType.Intent, now.TotalSeconds) { Ref = id, Kind = intent.Name, Intent = intent });
        _answerCancel?.Dispose();
        _answerCancel = new CancellationTokenSource();
        _playedChunks = 0;
        _thinking = AnswerAsync(id, intent, now, _answerCancel.Token);
    }

    private async Task AnswerAsync(string id, Intent intent, TimeSpan at, CancellationToken cancellation)
    {
        await Task.Yield();
        long started = Stopwatch.GetTimestamp();
        var text = new StringBuilder();
        double? firstToken = null;
        await foreach (var piece in _answerer.AnswerAsync(intent, cancellation).ConfigureAwait(false))
        {
            firstToken ??= Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            text.Append(piece);
        }
        string answer = text.ToString().Trim();
        string by = _answerer.By(intent);
        if (Synthesizer is null || answer.Length == 0)
        {
            Emit(new VoiceEvent(VoiceEventType.Answer, at.TotalSeconds) { Ref = id, Text = answer, By = by, Tools = _answerer.LastTools, FirstTokenMs = firstToken });
            return;
        }
        var audio = new AnswerAudio();
        lock (_playGate)
        {
            cancellation.ThrowIfCancellationRequested();
            _playback = audio;
        }
        bool told = false;
        try
        {
            await foreach (var piece in Synthesizer.SynthesizeAsync(answer, _options.Language, cancellation).ConfigureAwait(false))
            {
                audio.Append(piece.Span);
                if (told) continue;
                told = true;
                Emit(new VoiceEvent(VoiceEventType.Answer, at.TotalSeconds)
                    { Ref = id, Text = answer, By = by, Tools = _answerer.LastTools, FirstTokenMs = firstToken, FirstAudioMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds });
            }
        }
        finally
        {
            audio.Complete();
        }
        if (!told) Emit(new VoiceEvent(VoiceEventType.Answer, at.TotalSeconds) { Ref = id, Text = answer, By = by, Tools = _answerer.LastTools, FirstTokenMs = firstToken });
    }

    private async Task FinishThinkingAsync()
    {
        var thinking = _thinking!;
        _thinking = null;
        try
        {
            await thinking.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException or UnauthorizedAccessException)
        {
            _playback = null;
            Emit(new VoiceEvent(VoiceEventType.Error, 0) { Text = e.Message });
        }
    }

    private void BargeIn(VadEvent vad, TimeSpan now)
    {
        int played = _playedChunks;
        lock (_playGate)
        {
            _answerCancel?.Cancel();
            _playback = null;
        }
        Speaker?.Stop();
        // The cancelled answer ends on its own; its cancellation is expected, anything else it threw is reported.
        if (_thinking is { } cancelled)
        {
            _thinking = null;
            _ = cancelled.ContinueWith(t => Emit(new VoiceEvent(VoiceEventType.Error, now.TotalSeconds) { Text = t.Exception!.InnerException!.Message }),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        int detect = vad.Kind == VadEventKind.SpeechStart ? (int)Math.Round((now - vad.Start) / _chunkTime) : 0;
        Emit(new VoiceEvent(VoiceEventType.BargeIn, now.TotalSeconds) { PlayedChunks = played, DetectChunks = detect });
    }

    private async Task EndOfSourceAsync(AudioChunk end, float[] played)
    {
        var vad = _vad.Finish(end);
        if (_ear == Ear.Hearing)
        {
            if (vad.Kind == VadEventKind.SpeechEnd) Emit(new VoiceEvent(VoiceEventType.SpeechEnd, end.Timestamp.TotalSeconds) { SpeechEndS = vad.End.TotalSeconds });
            EndUtterance(end.Timestamp, null);
        }
        if (_thinking is not null) await FinishThinkingAsync().ConfigureAwait(false);
        // Nothing more is heard: the last answer plays out.
        while (_playback is { } audio)
        {
            int count = audio.Take(played);
            if (count > 0) Speaker!.Write(played.AsSpan(0, count));
            if (audio.Done) _playback = null;
        }
    }

    private void Emit(VoiceEvent e)
    {
        lock (_emitGate) _onEvent(e);
    }
}
