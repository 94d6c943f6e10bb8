using Microsoft.Win32.SafeHandles;

namespace EdgeAI.Voice.Sherpa.Interop;

/// <summary>
/// One sherpa-onnx object (recognizer, stream, spotter, VAD, TTS), released by its own <c>SherpaOnnxDestroy*</c> call.
/// A stream handle holds a reference on its recognizer's handle, so the recognizer outlives every stream made from it.
/// </summary>
internal sealed class SafeSherpaHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly Action<nint>? _destroy;
    private readonly SafeSherpaHandle? _owner;

    /// <summary>Used by the marshaller only (never returned here: creation goes through <see cref="Own"/>).</summary>
    public SafeSherpaHandle() : base(ownsHandle: true) { }

    private SafeSherpaHandle(nint handle, Action<nint> destroy, SafeSherpaHandle? owner) : base(ownsHandle: true)
    {
        SetHandle(handle);
        _destroy = destroy;
        _owner = owner;
    }

    /// <summary>Wraps what a <c>SherpaOnnxCreate*</c> call returned; null means the call failed.</summary>
    /// <param name="handle">The native pointer.</param>
    /// <param name="destroy">Its destroy function.</param>
    /// <param name="owner">The object it was created from (a stream's recognizer), kept alive until this one is released.</param>
    public static SafeSherpaHandle? Own(nint handle, Action<nint> destroy, SafeSherpaHandle? owner = null)
    {
        if (handle == 0) return null;
        bool added = false;
        owner?.DangerousAddRef(ref added);
        return new SafeSherpaHandle(handle, destroy, owner);
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        _destroy?.Invoke(handle);
        _owner?.DangerousRelease();
        return true;
    }
}
