using System.Buffers.Binary;
using EdgeAI.Audio;
using EdgeAI.Drivers.Audio.Pcm;

namespace EdgeAI.Drivers.Audio.Wav;

/// <summary>
/// Writes mono speech as a 16-bit PCM WAV file (the canonical 44-byte header). Samples go to a hidden temporary file
/// beside the target; <see cref="Complete"/> writes the final sizes into the header, flushes to disk and renames it
/// into place, so a reader never sees half a file and a failed run never replaces an earlier one. Disposing without
/// <see cref="Complete"/> deletes the temporary file.
/// </summary>
public sealed class WavFileSink : IAudioSink
{
    private const int HeaderBytes = 44;
    private readonly FileStream _file;
    private readonly string _tempPath;
    private readonly byte[] _buffer = new byte[8192];
    private bool _done;

    /// <summary>Creates the temporary file for <paramref name="path"/>, to hold <paramref name="sampleRate"/> Hz mono.</summary>
    /// <exception cref="IOException">the folder cannot be written, or <paramref name="path"/> is not a regular file path.</exception>
    public WavFileSink(string path, int sampleRate = 16000)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        Name = path;
        SampleRate = sampleRate;
        string full = Path.GetFullPath(path);
        var target = EdgeAI.IO.FileIdentity.Of(full);
        if (target.Kind is not (EdgeAI.IO.FileKind.Missing or EdgeAI.IO.FileKind.Regular))
            throw new IOException($"{path}: is {target.Describe()}; expected a regular file path for the WAV file");
        string directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        _tempPath = Path.Combine(directory, $".{Path.GetFileName(full)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        _file = new FileStream(_tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
        _file.Write(new byte[HeaderBytes]);
    }

    /// <inheritdoc/>
    public string Name { get; }
    /// <inheritdoc/>
    public int SampleRate { get; }
    /// <inheritdoc/>
    public long SamplesWritten { get; private set; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">after <see cref="Complete"/>.</exception>
    public void Write(ReadOnlySpan<float> samples)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        // 16-bit mono WAV sizes are 32-bit: 2^31 samples is over 37 hours at 16 kHz.
        if ((SamplesWritten + samples.Length) * 2 + HeaderBytes - 8 > uint.MaxValue)
            throw new IOException($"{Name}: a WAV file holds at most 4 GiB of samples");
        while (!samples.IsEmpty)
        {
            int n = Math.Min(samples.Length, _buffer.Length / 2);
            int bytes = PcmCodec.EncodeSigned16(samples[..n], _buffer);
            _file.Write(_buffer, 0, bytes);
            samples = samples[n..];
            SamplesWritten += n;
        }
    }

    /// <summary>A file keeps everything written; nothing is queued, so there is nothing to drop.</summary>
    public void Stop() { }

    /// <inheritdoc/>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        Span<byte> header = stackalloc byte[HeaderBytes];
        WriteHeader(header, SampleRate, SamplesWritten);
        _file.Position = 0;
        _file.Write(header);
        _file.Flush(flushToDisk: true);
        _file.Dispose();
        _done = true;
        File.Move(_tempPath, Path.GetFullPath(Name), overwrite: true);
    }

    /// <summary>The 44-byte header of a 16-bit mono PCM WAV with <paramref name="samples"/> samples.</summary>
    public static void WriteHeader(Span<byte> header, int sampleRate, long samples)
    {
        uint data = checked((uint)(samples * 2));
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], data + HeaderBytes - 8);
        "WAVE"u8.CopyTo(header[8..]);
        "fmt "u8.CopyTo(header[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], WavHeader.TagPcm);
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], (uint)sampleRate * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], data);
    }

    /// <summary>Writes <paramref name="samples"/> to <paramref name="path"/> as a 16-bit mono WAV, atomically.</summary>
    public static void WriteAll(string path, ReadOnlySpan<float> samples, int sampleRate = 16000)
    {
        using var sink = new WavFileSink(path, sampleRate);
        sink.Write(samples);
        sink.Complete();
    }

    /// <summary>Deletes the temporary file unless <see cref="Complete"/> renamed it into place.</summary>
    public void Dispose()
    {
        if (_done) return;
        _done = true;
        _file.Dispose();
        try { File.Delete(_tempPath); } catch (IOException) { /* the folder went away: nothing left to clean */ }
    }
}
