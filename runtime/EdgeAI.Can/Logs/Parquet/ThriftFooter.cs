using System.Buffers.Binary;

namespace EdgeAI.Can.Logs.Parquet;

/// <summary>
/// Walks a Parquet file's footer (Thrift compact protocol) before Parquet.Net parses it, checking that every length,
/// count and nested structure stays inside the footer. Parquet.Net loops forever on some damaged footers (a list
/// count read past the end of its buffer); a footer that walks cleanly here cannot make it read past the end.
/// </summary>
internal static class ThriftFooter
{
    private const int MaxDepth = 32;
    private const int MaxFooterBytes = 64 << 20;

    /// <summary>Checks the footer of a seekable Parquet stream and puts the position back.</summary>
    /// <exception cref="InvalidDataException">the footer is damaged; the message names the byte offset.</exception>
    public static void Check(Stream stream)
    {
        long start = stream.Position;
        long length = stream.Length;
        if (length < 12) throw new InvalidDataException($"{length} bytes: too short for a Parquet file");
        Span<byte> tail = stackalloc byte[8];
        stream.Position = length - 8;
        stream.ReadExactly(tail);
        if (!tail[4..].SequenceEqual("PAR1"u8)) throw new InvalidDataException("no PAR1 at the end");
        int size = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (size <= 0 || size > MaxFooterBytes || size > length - 12)
            throw new InvalidDataException($"footer length {size} does not fit a {length}-byte file");
        var footer = new byte[size];
        long footerStart = length - 8 - size;
        stream.Position = footerStart;
        stream.ReadExactly(footer);
        stream.Position = start;
        int at = 0;
        try
        {
            SkipStruct(footer, ref at, 0);
        }
        catch (IndexOutOfRangeException)
        {
            throw new InvalidDataException($"footer runs past its end (byte {footerStart + at})");
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{e.Message} at byte {footerStart + at}", e);
        }
    }

    private static void SkipStruct(byte[] b, ref int at, int depth)
    {
        if (depth > MaxDepth) throw new InvalidDataException("footer nested too deep");
        while (true)
        {
            byte header = b[at++];
            if (header == 0) return; // stop field
            int type = header & 0x0F;
            if ((header >> 4) == 0) ZigZag(b, ref at); // long form: the field id follows as a zigzag varint
            Skip(b, ref at, type, depth);
        }
    }

    private static void Skip(byte[] b, ref int at, int type, int depth)
    {
        switch (type)
        {
            case 1 or 2: return; // bool inside the field header
            case 3: at++; return;
            case 4 or 5 or 6: ZigZag(b, ref at); return;
            case 7: at += 8; if (at > b.Length) throw new IndexOutOfRangeException(); return;
            case 8:
                long n = Varint(b, ref at);
                if (n < 0 || n > b.Length - at) throw new InvalidDataException($"binary field of {n} bytes past the footer's end");
                at += (int)n;
                return;
            case 9 or 10:
                byte list = b[at++];
                long count = list >> 4;
                if (count == 15) count = Varint(b, ref at);
                int element = list & 0x0F;
                // Every element takes at least one byte except bools (and those are still bounded below).
                if (count < 0 || count > b.Length - at + 1 && element is not (1 or 2)) throw new InvalidDataException($"list of {count} elements in a {b.Length}-byte footer");
                if (element is 1 or 2) { at += (int)Math.Min(count, b.Length - at); return; }
                for (long i = 0; i < count; i++) Skip(b, ref at, element, depth + 1);
                return;
            case 11:
                long entries = Varint(b, ref at);
                if (entries == 0) return;
                if (entries < 0 || entries > b.Length - at) throw new InvalidDataException($"map of {entries} entries in a {b.Length}-byte footer");
                byte kinds = b[at++];
                for (long i = 0; i < entries; i++)
                {
                    Skip(b, ref at, kinds >> 4, depth + 1);
                    Skip(b, ref at, kinds & 0x0F, depth + 1);
                }
                return;
            case 12: SkipStruct(b, ref at, depth + 1); return;
            default: throw new InvalidDataException($"unknown Thrift type {type} in the footer");
        }
    }

    private static long ZigZag(byte[] b, ref int at)
    {
        long v = Varint(b, ref at);
        return (long)((ulong)v >> 1) ^ -(v & 1);
    }

    private static long Varint(byte[] b, ref int at)
    {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte next = b[at++];
            value |= (long)(next & 0x7F) << shift;
            if ((next & 0x80) == 0) return value;
        }
        throw new InvalidDataException("varint longer than 10 bytes in the footer");
    }
}
