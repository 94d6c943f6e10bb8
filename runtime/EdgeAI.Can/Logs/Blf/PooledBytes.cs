using System.Buffers;

namespace EdgeAI.Can.Logs.Blf;

/// <summary>The BLF reader's rented buffers: every one goes back to the shared pool through <see cref="Return"/>.</summary>
internal static class PooledBytes
{
    /// <summary>Makes <paramref name="buffer"/> hold at least <paramref name="size"/> bytes, keeping its first <paramref name="keep"/>.</summary>
    public static void Grow(ref byte[] buffer, int size, int keep)
    {
        if (buffer.Length >= size) return;
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, keep).CopyTo(bigger);
        Return(ref buffer);
        buffer = bigger;
    }

    /// <summary>Gives <paramref name="buffer"/> back to the pool and leaves it empty, so a second call does nothing.</summary>
    public static void Return(ref byte[] buffer)
    {
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }
}
