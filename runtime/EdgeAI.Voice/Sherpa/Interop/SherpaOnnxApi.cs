using System.Runtime.InteropServices;

namespace EdgeAI.Voice.Sherpa.Interop;

/// <summary>
/// The parts of sherpa-onnx's C API (libsherpa-onnx-c-api.so, 1.13.8) EdgeAI uses. The library name is resolved by
/// <see cref="SherpaLibrary"/> to the model cache's own folder for it, never by the loader's search path.
/// </summary>
internal static unsafe partial class SherpaOnnxApi
{
    /// <summary>The name every import uses; <see cref="SherpaLibrary"/>'s resolver maps it to a full path.</summary>
    public const string Lib = "sherpa-onnx-c-api";

    [LibraryImport(Lib)] public static partial nint SherpaOnnxGetVersionStr();
    [LibraryImport(Lib)] public static partial nint SherpaOnnxGetGitSha1();
    [LibraryImport(Lib)] public static partial nint SherpaOnnxGetOnnxruntimeVersionStr();

    // Voice activity detection (Silero).
    [LibraryImport(Lib)] public static partial nint SherpaOnnxCreateVoiceActivityDetector(SherpaOnnxVadModelConfig* config, float bufferSizeInSeconds);
    [LibraryImport(Lib)] public static partial void SherpaOnnxDestroyVoiceActivityDetector(nint vad);
    [LibraryImport(Lib)] public static partial void SherpaOnnxVoiceActivityDetectorAcceptWaveform(SafeSherpaHandle vad, float* samples, int n);
    [LibraryImport(Lib)] public static partial int SherpaOnnxVoiceActivityDetectorEmpty(SafeSherpaHandle vad);
    [LibraryImport(Lib)] public static partial int SherpaOnnxVoiceActivityDetectorDetected(SafeSherpaHandle vad);
    [LibraryImport(Lib)] public static partial void SherpaOnnxVoiceActivityDetectorPop(SafeSherpaHandle vad);
    [LibraryImport(Lib)] public static partial SherpaOnnxSpeechSegment* SherpaOnnxVoiceActivityDetectorFront(SafeSherpaHandle vad);
    [LibraryImport(Lib)] public static partial void SherpaOnnxDestroySpeechSegment(SherpaOnnxSpeechSegment* segment);
    [LibraryImport(Lib)] public static partial void SherpaOnnxVoiceActivityDetectorReset(SafeSherpaHandle vad);
    [LibraryImport(Lib)] public static partial void SherpaOnnxVoiceActivityDetectorFlush(SafeSherpaHandle vad);

    // Streaming recognition.
    [LibraryImport(Lib)] public static partial nint SherpaOnnxCreateOnlineRecognizer(SherpaOnnxOnlineRecognizerConfig* config);
    [LibraryImport(Lib)] public static partial void SherpaOnnxDestroyOnlineRecognizer(nint recognizer);
    [LibraryImport(Lib)] public static partial nint SherpaOnnxCreateOnlineStream(SafeSherpaHandle recognizer);
    [LibraryImport(Lib)] public static partial void SherpaOnnxDestroyOnlineStream(nint stream);
    [LibraryImport(Lib)] public static partial void SherpaOnnxOnlineStreamAcceptWaveform(SafeSherpaHandle stream, int sampleRate, float* samples, int n);
    [LibraryImport(Lib)] public static partial int SherpaOnnxIsOnlineStreamReady(SafeSherpaHandle recognizer, SafeSherpaHandle stream);
    [LibraryImport(Lib)] public static partial void SherpaOnnxDecodeOnlineStream(SafeSherpaHandle recognizer, SafeSherpaHandle stream);
    [LibraryImport(Lib)] public static partial SherpaOnnxOnlineRecognizerResult* SherpaOnnxGetOnlineStreamResult(SafeSherpaHandle recognizer, SafeSherpaHandle stream);
    [LibraryImport(Lib)] public static partial void SherpaOnnxDestroyOnlineRecognizerResult(SherpaOnnxOnlineRecognizerResult* result);
    [LibraryImport(Lib)] public static partial void SherpaOnnxOnlineStreamInputFinished(SafeSherpaHandle stream);

    // Offline recognition.
    [LibraryImport(Lib)] public static partial nint SherpaOnnxCreateOfflineRecognizer(SherpaOnnxOfflineRecognizerConfig* config);
    [LibraryImport(Lib)] public static partial void SherpaOnnxDestroyOfflineRecognizer(nint recognizer);
    [LibraryImport(Lib)] public static partial nint SherpaOnnxCreateOfflineStream(SafeSherpaHandle recognizer);
    [LibraryImport(Lib)] public static partial void SherpaOnnxDestroyOfflineStream(nint stream);
    [LibraryImport(Lib)] public static partial void SherpaOnnxAcceptWaveformOffline(SafeSherpaHandle stream, int sampleRate, float* samples, int n);
    [LibraryImport(Lib)] public static partial void SherpaOnnxDecodeOfflineStream(SafeSherpaHandle recognizer, SafeSherpaHandle stream);
    [LibraryImport(Lib)] public static partial SherpaOnnxOfflineRecognizerResult* SherpaOnnxGetOfflineStreamResult(SafeSherpaHandle stream);
    [LibraryImport(Lib)] public static partial void SherpaOnnxDestroyOfflineRecognizerResult(SherpaOnnxOfflineRecognizerResult* result);

    // Keyword spotting.
    [LibraryImport(Lib)] public static partial nint SherpaOnnxCreateKeywordSpotter(SherpaOnnxKeywordSpotterConfig* config);
    [LibraryImport(Lib)] public static partial void SherpaOnnxDestroyKeywordSpotter(nint spotter);
    [LibraryImport(Lib)] public static partial nint SherpaOnnxCreateKeywordStream(SafeSherpaHandle spotter);
    [LibraryImport(Lib)] public static partial int SherpaOnnxIsKeywordStreamReady(SafeSherpaHandle spotter, SafeSherpaHandle stream);
    [LibraryImport(Lib)] public static partial void SherpaOnnxDecodeKeywordStream(SafeSherpaHandle spotter, SafeSherpaHandle stream);
    [LibraryImport(Lib)] public static partial void SherpaOnnxResetKeywordStream(SafeSherpaHandle spotter, SafeSherpaHandle stream);
    [LibraryImport(Lib)] public static partial SherpaOnnxKeywordResult* SherpaOnnxGetKeywordResult(SafeSherpaHandle spotter, SafeSherpaHandle stream);
    [LibraryImport(Lib)] public static partial void SherpaOnnxDestroyKeywordResult(SherpaOnnxKeywordResult* result);

    // Text to speech.
    [LibraryImport(Lib)] public static partial nint SherpaOnnxCreateOfflineTts(SherpaOnnxOfflineTtsConfig* config);
    [LibraryImport(Lib)] public static partial void SherpaOnnxDestroyOfflineTts(nint tts);
    [LibraryImport(Lib)] public static partial int SherpaOnnxOfflineTtsSampleRate(SafeSherpaHandle tts);
    [LibraryImport(Lib)] public static partial SherpaOnnxGeneratedAudio* SherpaOnnxOfflineTtsGenerate(SafeSherpaHandle tts, byte* text, int sid, float speed);
    [LibraryImport(Lib)] public static partial void SherpaOnnxDestroyOfflineTtsGeneratedAudio(SherpaOnnxGeneratedAudio* audio);

    /// <summary>A NUL-terminated UTF-8 string the library owns, or empty for null.</summary>
    public static string Text(nint utf8) => utf8 == 0 ? "" : Marshal.PtrToStringUTF8(utf8) ?? "";
}
