namespace EdgeAI.Inference.Native;

/// <summary>
/// The ONNX Runtime native library cannot be used: not found (native flavor without <c>EDGEAI_ORT_LIB</c>), or a version
/// the managed API does not accept. The message says it in plain words and what to do.
/// </summary>
public sealed class OrtUnavailableException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
