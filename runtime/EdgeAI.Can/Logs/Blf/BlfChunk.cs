using System.Runtime.ExceptionServices;

namespace EdgeAI.Can.Logs.Blf;

/// <summary>
/// One step of reading a BLF file's outer objects, handed from <see cref="BlfContainerReader"/> to the
/// frame parser: the inner-object bytes of one container (or why there are none), and the file
/// position and bad-record counts that go with them. Its buffer is reused for later containers.
/// </summary>
internal sealed class BlfChunk
{
    /// <summary>Free bytes kept before the data, so the parser can put the unread end of the previous
    /// container there (an object split across containers) without copying the new data.</summary>
    public const int Headroom = 4096;

    private byte[] _buffer = [];

    public BlfChunkKind Kind { get; set; }
    /// <summary>The buffer; the data is at <see cref="Headroom"/>, <see cref="Count"/> bytes.</summary>
    public byte[] Buffer => _buffer;
    public int Count { get; private set; }
    /// <summary>File offset of the container (or bare object) the data came from.</summary>
    public long ContainerOffset { get; private set; }
    /// <summary>Bytes of the file consumed once this step was read.</summary>
    public long FileOffset { get; set; }
    /// <summary>Bad records met in this step (SkipBad): a container cut short or lost.</summary>
    public int BadRecords { get; set; }
    /// <summary>The file ended inside an object (counted in <see cref="BadRecords"/> with SkipBad): the file is cut.</summary>
    public bool CutShort { get; set; }
    /// <summary>With <see cref="CutShort"/>: file offset of the object the file ends inside.</summary>
    public long CutAt { get; set; }
    public ExceptionDispatchInfo? Error { get; set; }

    public Span<byte> Data => _buffer.AsSpan(Headroom, Count);

    public void Reset()
    {
        Kind = BlfChunkKind.End;
        Count = 0;
        ContainerOffset = 0;
        BadRecords = 0;
        CutShort = false;
        CutAt = 0;
        Error = null;
    }

    /// <summary>Room for <paramref name="size"/> data bytes, to be filled and then marked with <see cref="SetData"/>.</summary>
    public Span<byte> Reserve(int size)
    {
        PooledBytes.Grow(ref _buffer, Headroom + size, 0);
        return _buffer.AsSpan(Headroom, size);
    }

    public void SetData(long containerOffset, int count)
    {
        Kind = BlfChunkKind.Data;
        ContainerOffset = containerOffset;
        Count = count;
    }

    public void Free()
    {
        PooledBytes.Return(ref _buffer);
        Count = 0;
    }
}
