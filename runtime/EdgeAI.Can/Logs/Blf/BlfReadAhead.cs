using System.Runtime.ExceptionServices;

namespace EdgeAI.Can.Logs.Blf;

/// <summary>
/// Hands <see cref="BlfChunk"/>s to the frame parser in file order, unpacking the next containers on a
/// worker while the parser works through the current one (zlib inflate is most of a BLF read).
/// A fixed ring of chunks bounds it: the worker waits for a free chunk (it never reads further ahead),
/// the parser waits for a filled one. The first chunk is read on the caller's thread; the worker starts
/// only when the file may hold more, so a file of one container costs no thread. Errors travel in
/// chunks and are thrown by the parser when it reaches them. Chunk buffers go back to the pool in
/// <see cref="Dispose"/> only, after the worker has stopped.
/// </summary>
internal sealed class BlfReadAhead : IDisposable
{
    /// <summary>Chunks in the ring: the parser holds one (two while it joins a split object), the worker fills the rest.</summary>
    public const int Depth = 3;

    private readonly BlfContainerReader _source;
    private readonly bool _useWorker;
    private readonly BlfChunk[] _ring = new BlfChunk[Depth];
    private readonly SemaphoreSlim _free = new(Depth);   // chunks the producer may fill (no maximum: Dispose adds one to wake the worker)
    private readonly SemaphoreSlim _filled = new(0);     // chunks filled and not yet taken
    private volatile bool _stopping;
    private Task? _worker;
    private int _produced;   // the producer's: the caller's thread until the worker starts, then the worker's
    private int _taken;
    private int _held;       // chunks taken and not yet released: always the newest taken
    private bool _disposed;

    /// <param name="source">Read by this class only, from one thread at a time.</param>
    /// <param name="useWorker">False reads every chunk on the caller's thread (a plain sequential read).</param>
    public BlfReadAhead(BlfContainerReader source, bool useWorker)
    {
        _source = source;
        _useWorker = useWorker;
        for (int i = 0; i < Depth; i++) _ring[i] = new BlfChunk();
    }

    /// <summary>The next chunk in file order, waiting for the worker if need be. <see cref="Release"/> it when
    /// done; do not call again after an <see cref="BlfChunkKind.End"/> or <see cref="BlfChunkKind.Failed"/> chunk.</summary>
    public BlfChunk Take()
    {
        if (_worker is null)
        {
            // Until the worker runs, chunks are read here: the first always, all of them when the file ends there.
            _free.Wait();
            if (Produce() && _useWorker && _source.MayHaveMore) StartWorker();
        }
        _filled.Wait();
        _held++;
        return _ring[_taken++ % Depth];
    }

    /// <summary>Gives back the chunks taken so far except the newest <paramref name="keepNewest"/> (the ring reuses the oldest first).</summary>
    public void Release(int keepNewest)
    {
        for (; _held > keepNewest; _held--) _free.Release();
    }

    private void StartWorker() => _worker = Task.Run(ProduceUntilEndAsync);

    private async Task ProduceUntilEndAsync()
    {
        // Waits asynchronously: no pool thread is held while the parser is behind.
        do await _free.WaitAsync().ConfigureAwait(false);
        while (!_stopping && Produce());
    }

    /// <summary>Reads the next chunk into the ring; false once the file has ended or failed.</summary>
    private bool Produce()
    {
        var chunk = _ring[_produced++ % Depth];
        try
        {
            _source.ReadNext(chunk);
        }
        catch (Exception e)
        {
            // Carried to the parser, which throws it after the frames before this point of the file.
            chunk.Kind = BlfChunkKind.Failed;
            chunk.Error = ExceptionDispatchInfo.Capture(e);
            chunk.FileOffset = _source.FileOffset;
        }
        _filled.Release();
        return chunk.Kind is BlfChunkKind.Data or BlfChunkKind.Lost;
    }

    /// <summary>Stops the worker (it finishes the container it is reading, at most), waits for it, and returns every buffer.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_worker is not null)
        {
            _stopping = true;
            _free.Release(); // wakes the worker if it waits for a chunk
            _worker.Wait();  // cannot fault: Produce catches every error
        }
        foreach (var chunk in _ring) chunk.Free();
        _free.Dispose();
        _filled.Dispose();
    }
}
