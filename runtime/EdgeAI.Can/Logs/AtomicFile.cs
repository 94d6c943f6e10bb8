using System.Collections.Concurrent;
using System.IO.Compression;
using EdgeAI.IO;

namespace EdgeAI.Can.Logs;

/// <summary>
/// An output file written beside its final path and renamed into place by <see cref="Commit"/>.
/// Disposing without committing deletes the temporary file, so readers never see half a file
/// and an existing file of that name is left as it was. A <c>.gz</c> path is written plain
/// (seekable, so binary writers can patch headers) and compressed on commit. Temporary files still open when the
/// process ends (Ctrl+C, SIGTERM, an unhandled error) are deleted then too, and a path that names something other
/// than a regular file (a directory, a device, a pipe, a <c>/proc/self/fd</c> link) is refused, never replaced.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    // Every temporary file not yet committed or deleted, removed on the way out of the process.
    private static readonly ConcurrentDictionary<string, byte> Live = new();
    private static int _exitHookInstalled;

    private readonly FileStream _file;
    private readonly string _directory;
    private bool _done;

    /// <summary>Opens a temporary file next to <paramref name="path"/>.</summary>
    public AtomicFile(string path)
    {
        Path = path;
        string full = System.IO.Path.GetFullPath(path);
        _directory = System.IO.Path.GetDirectoryName(full)!;
        var target = FileIdentity.Of(full);
        if (target.Kind is not (FileKind.Missing or FileKind.Regular))
            throw new IOException($"{path}: is {target.Describe()}; expected a regular file path to write (the output is written beside it and renamed into place)");
        Directory.CreateDirectory(_directory);
        InstallExitHook();
        TempPath = NewTempPath(full);
        Live[TempPath] = 0;
        _file = new FileStream(TempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
    }

    /// <summary>The final path.</summary>
    public string Path { get; }

    /// <summary>Where the bytes go until <see cref="Commit"/>.</summary>
    public string TempPath { get; }

    /// <summary>The (seekable, uncompressed) stream to write.</summary>
    public Stream Stream => _file;

    /// <summary>Compresses when the path ends in .gz, syncs to disk and renames over <see cref="Path"/>.</summary>
    /// <exception cref="IOException">the disk is full or the folder refuses the file; nothing is left behind.</exception>
    public void Commit()
    {
        if (_done) throw new InvalidOperationException("already committed or abandoned");
        string ready = TempPath;
        try
        {
            if (Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                ready = NewTempPath(System.IO.Path.GetFullPath(Path));
                Live[ready] = 0;
                _file.Position = 0;
                using (var output = new FileStream(ready, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
                        _file.CopyTo(gzip);
                    output.Flush(flushToDisk: true);
                }
                _file.Dispose();
                Delete(TempPath);
            }
            else
            {
                _file.Flush(flushToDisk: true);
                _file.Dispose();
            }
            File.Move(ready, Path, overwrite: true);
            Live.TryRemove(ready, out _);
            _done = true;
        }
        catch
        {
            if (ready != TempPath) Delete(ready);
            throw;
        }
    }

    /// <summary>Deletes the temporary file unless committed.</summary>
    public void Dispose()
    {
        if (_done) return;
        _done = true;
        try
        {
            _file.Dispose(); // flushing buffered bytes can fail on a full disk: the file goes all the same
        }
        catch (IOException)
        {
        }
        finally
        {
            Delete(TempPath);
        }
    }

    private static void Delete(string path)
    {
        Live.TryRemove(path, out _);
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void InstallExitHook()
    {
        if (Interlocked.Exchange(ref _exitHookInstalled, 1) != 0) return;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (string path in Live.Keys) Delete(path);
        };
    }

    private string NewTempPath(string full) =>
        System.IO.Path.Combine(_directory, "." + System.IO.Path.GetFileName(full) + ".tmp-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
}
