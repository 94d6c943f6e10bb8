using System.Runtime.InteropServices;
using System.Text;

namespace EdgeAI.Voice.Sherpa.Interop;

/// <summary>
/// NUL-terminated UTF-8 copies of the strings a config struct points at, freed together once the <c>Create</c> call that
/// read them has returned (sherpa-onnx copies every string it keeps).
/// </summary>
internal sealed unsafe class Utf8Arena : IDisposable
{
    private readonly List<nint> _blocks = [];

    /// <summary>A native copy of <paramref name="text"/>; 0 for null.</summary>
    public nint Add(string? text)
    {
        if (text is null) return 0;
        int n = Encoding.UTF8.GetByteCount(text);
        byte* p = (byte*)NativeMemory.Alloc((nuint)n + 1);
        _blocks.Add((nint)p);
        Encoding.UTF8.GetBytes(text, new Span<byte>(p, n));
        p[n] = 0;
        return (nint)p;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var p in _blocks) NativeMemory.Free((void*)p);
        _blocks.Clear();
    }
}
