namespace EdgeAI.Voice.Sherpa;

/// <summary>
/// A folder given as a sherpa-onnx model is not one EdgeAI can hand to sherpa-onnx: missing, empty, an unknown layout,
/// no tokens.txt, or an .onnx file that is not a well-formed ONNX model. One line naming the folder and what was
/// expected; a <see cref="FormatException"/>, so <c>edgeai</c> prints it and exits with code 2.
/// </summary>
public sealed class SherpaModelFolderException(string folder, string message) : FormatException($"{folder}: {message}")
{
    /// <summary>The folder as given.</summary>
    public string Folder { get; } = folder;
}
