using System.Runtime.InteropServices;

namespace EdgeAI.IO.Interop;

/// <summary>statx(2): the one file-metadata call whose struct has the same layout on x64 and arm64.</summary>
internal static partial class LibC
{
    public const int AtFdCwd = -100;
    public const int AtSymlinkNoFollow = 0x100;
    public const uint StatxType = 0x1, StatxIno = 0x100;

    /// <summary>struct statx (linux/stat.h), 256 bytes; only the fields EdgeAI reads are named.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    public struct Statx
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(136)] public uint DevMajor;
        [FieldOffset(140)] public uint DevMinor;
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int statx(int dirfd, string path, int flags, uint mask, out Statx buffer);
}
