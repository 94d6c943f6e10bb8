using System.Runtime.InteropServices;
using EdgeAI.IO.Interop;

namespace EdgeAI.IO;

/// <summary>
/// Which file a path names after every link is followed: its kind, device and inode. Two paths name the same file
/// exactly when device and inode are equal (a symlink or a hard link included), which comparing path strings misses.
/// </summary>
public readonly record struct FileIdentity(FileKind Kind, ulong Device, ulong Inode)
{
    /// <summary>The identity of <paramref name="path"/> (links followed); <see cref="FileKind.Missing"/> when nothing is there.</summary>
    public static FileIdentity Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux())
            return new FileIdentity(Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing, 0, 0);
        if (LibC.statx(LibC.AtFdCwd, path, 0, LibC.StatxType | LibC.StatxIno, out var stat) != 0)
            return new FileIdentity(Marshal.GetLastPInvokeError() == 2 /* ENOENT */ ? FileKind.Missing : FileKind.Other, 0, 0);
        var kind = (stat.Mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0x1000 => FileKind.Fifo,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
        return new FileIdentity(kind, ((ulong)stat.DevMajor << 32) | stat.DevMinor, stat.Inode);
    }

    /// <summary>True when both paths exist and name the same file.</summary>
    public static bool SameFile(string a, string b)
    {
        if (string.IsNullOrEmpty(a) || string.IsNullOrEmpty(b)) return false;
        var x = Of(a);
        var y = Of(b);
        return x.Kind != FileKind.Missing && x.Inode != 0 && x == y
            || Path.GetFullPath(a) == Path.GetFullPath(b);
    }

    /// <summary>The kind in words, for messages ("a directory", "a character device").</summary>
    public string Describe() => Kind switch
    {
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Fifo => "a named pipe",
        FileKind.Socket => "a socket",
        FileKind.Missing => "missing",
        _ => "not a regular file",
    };
}
