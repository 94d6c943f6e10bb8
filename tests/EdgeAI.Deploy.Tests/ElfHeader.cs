namespace EdgeAI.Deploy.Tests;

/// <summary>The two fields of an ELF header these tests need: is it ELF, and for which machine (e_machine).</summary>
internal static class ElfHeader
{
    public const ushort Aarch64 = 0xB7;
    public const ushort X86_64 = 0x3E;

    /// <summary>e_machine of the file, or null when it is not an ELF file.</summary>
    public static ushort? Machine(string path)
    {
        Span<byte> head = stackalloc byte[20];
        using var file = File.OpenRead(path);
        if (file.Length < head.Length) return null;
        file.ReadExactly(head);
        if (head[0] != 0x7F || head[1] != (byte)'E' || head[2] != (byte)'L' || head[3] != (byte)'F') return null;
        // EI_DATA 1 = little-endian; e_machine is the half-word at offset 18.
        return head[5] == 1 ? (ushort)(head[18] | head[19] << 8) : (ushort)(head[18] << 8 | head[19]);
    }
}
