using System.Runtime.InteropServices;

namespace EdgeAI.Drivers.SocketCan.Interop;

/// <summary>One zeroed block of native memory, freed exactly once: by Dispose after the last
/// <see cref="SafeHandle.DangerousAddRef"/> holder has released it, or by the finalizer when nobody disposed it.</summary>
internal sealed unsafe class NativeBuffer : SafeHandle
{
    private int _released;

    public NativeBuffer(nuint bytes) : base(invalidHandleValue: 0, ownsHandle: true)
    {
        SetHandle((nint)NativeMemory.AllocZeroed(bytes));
        Length = bytes;
    }

    /// <summary>Size of the block in bytes.</summary>
    public nuint Length { get; }

    /// <summary>True once the memory has been freed (not merely once Dispose was called: a holder may still use it).</summary>
    public bool Released => Volatile.Read(ref _released) != 0;

    /// <summary>The start of the block; valid only while the caller holds a reference (DangerousAddRef).</summary>
    public byte* Pointer => (byte*)handle;

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        NativeMemory.Free((void*)handle);
        Volatile.Write(ref _released, 1);
        return true;
    }
}
