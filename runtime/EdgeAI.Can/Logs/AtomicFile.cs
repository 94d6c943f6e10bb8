using System.IO.Compression;

namespace EdgeAI.Can.Logs;

/// <summary>
/// An output file written beside its final path and renamed into place by <see cref="Commit"/>.
/// Disposing without committing deletes the temporary file, so readers never see half a file
/// and an existing file of that name is left as it was. A <c>.gz</c> path is written plain
/// (seekable, so binary writers can patch headers) and compressed on commit.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    private readonly FileStream _file;
    private readonly string _directory;
    private bool _done;

    /// <summary>Opens a temporary file next to <paramref name="path"/>.</summary>
    public AtomicFile(string path)
    {
        Path = path;
        string full = System.IO.Path.GetFullPath(path);
        _directory = System.IO.Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(_directory);
        TempPath = NewTempPath(full);
        _file = new FileStream(TempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
    }

    /// <summary>The final path.</summary>
    public string Path { get; }

    /// <summary>Where the bytes go until <see cref="Commit"/>.</summary>
    public string TempPath { get; }

    /// <summary>The (seekable, uncompressed) stream to write.</summary>
    public Stream Stream => _file;

    /// <summary>Compresses when the path ends in .gz, syncs to disk and renames over <see cref="Path"/>.</summary>
    public void Commit()
    {
        if (_done) throw new InvalidOperationException("already committed or abandoned");
        string ready = TempPath;
        if (Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            ready = NewTempPath(System.IO.Path.GetFullPath(Path));
            _file.Position = 0;
            using (var output = new FileStream(ready, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
                    _file.CopyTo(gzip);
                output.Flush(flushToDisk: true);
            }
            _file.Dispose();
            File.Delete(TempPath);
        }
        else
        {
            _file.Flush(flushToDisk: true);
            _file.Dispose();
        }
        File.Move(ready, Path, overwrite: true);
        _done = true;
    }

    /// <summary>Deletes the temporary file unless committed.</summary>
    public void Dispose()
    {
        if (_done) return;
        _done = true;
        _file.Dispose();
        File.Delete(TempPath);
    }

    private string NewTempPath(string full) =>
        System.IO.Path.Combine(_directory, "." + System.IO.Path.GetFileName(full) + ".tmp-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
}
