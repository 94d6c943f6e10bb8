namespace EdgeAI.Voice.Sherpa;

/// <summary>What a sherpa-onnx model folder holds, told from its files (and the .onnx metadata where names are shared).</summary>
public enum SherpaModelKind
{
    /// <summary>Streaming transducer (zipformer): encoder, decoder, joiner, tokens.txt; the encoder's metadata has a chunk size.</summary>
    StreamingTransducer,
    /// <summary>Offline transducer: encoder, decoder, joiner, tokens.txt.</summary>
    OfflineTransducer,
    /// <summary>Offline paraformer: model.onnx and tokens.txt.</summary>
    Paraformer,
    /// <summary>SenseVoice: model.onnx (its metadata has with_itn) and tokens.txt.</summary>
    SenseVoice,
    /// <summary>Whisper: *encoder.onnx, *decoder.onnx, *tokens.txt.</summary>
    Whisper,
    /// <summary>Moonshine (v1): preprocess.onnx, encode.onnx, uncached_decode.onnx, cached_decode.onnx, tokens.txt.</summary>
    Moonshine,
    /// <summary>A piper/VITS voice: one .onnx, tokens.txt, espeak-ng-data/ (or lexicon.txt).</summary>
    Vits,
    /// <summary>A kokoro voice: model.onnx, voices.bin, tokens.txt, espeak-ng-data/.</summary>
    Kokoro,
}
