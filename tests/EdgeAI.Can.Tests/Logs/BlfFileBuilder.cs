using System.Buffers.Binary;
using System.IO.Compression;

namespace EdgeAI.Can.Tests.Logs;

/// <summary>
/// Crafts BLF files byte by byte for tests (objects the writer never produces, splits at chosen
/// places, corruption) and takes written files apart again. Independent of the reader under test.
/// </summary>
internal sealed class BlfFileBuilder
{
    private readonly MemoryStream _objects = new();

    /// <summary>Header start time fields: year, month, day of week, day, hour, minute, second, ms.</summary>
    public ushort[] StartTime { get; set; } = [2024, 5, 5, 31, 16, 8, 37, 0];

    /// <summary>Bytes of inner objects so far (before packing into containers).</summary>
    public int Length => (int)_objects.Length;

    /// <summary>Appends an object with a v1 (32-byte) or v2 (48-byte) header and Vector's objectSize % 4 padding.</summary>
    public BlfFileBuilder Object(uint type, ReadOnlySpan<byte> body, ulong timestamp, int headerVersion = 1, uint timeFlags = 2)
    {
        int headerSize = headerVersion == 2 ? 48 : 32;
        var obj = new byte[headerSize + body.Length];
        WriteBase(obj, (ushort)headerSize, (ushort)headerVersion, (uint)obj.Length, type);
        BinaryPrimitives.WriteUInt32LittleEndian(obj.AsSpan(16), timeFlags);
        BinaryPrimitives.WriteUInt64LittleEndian(obj.AsSpan(24), timestamp);
        body.CopyTo(obj.AsSpan(headerSize));
        _objects.Write(obj);
        _objects.Write(new byte[obj.Length % 4]);
        return this;
    }

    /// <summary>CAN_MESSAGE (or CAN_MESSAGE2 with <paramref name="type"/> 86).</summary>
    public BlfFileBuilder CanMessage(ushort channel, uint rawId, byte flags, byte dlc, byte[] data, ulong timestamp,
        int headerVersion = 1, uint timeFlags = 2, uint type = 1)
    {
        var body = new byte[type == 86 ? 24 : 16];
        BinaryPrimitives.WriteUInt16LittleEndian(body, channel);
        body[2] = flags;
        body[3] = dlc;
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), rawId);
        data.CopyTo(body.AsSpan(8));
        return Object(type, body, timestamp, headerVersion, timeFlags);
    }

    /// <summary>CAN_FD_MESSAGE (type 100) with its 84-byte body.</summary>
    public BlfFileBuilder CanFdMessage(ushort channel, uint rawId, byte flags, byte dlc, byte fdFlags, byte[] data, ulong timestamp)
    {
        var body = new byte[84];
        BinaryPrimitives.WriteUInt16LittleEndian(body, channel);
        body[2] = flags;
        body[3] = dlc;
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), rawId);
        body[13] = fdFlags;
        body[14] = (byte)data.Length;
        data.CopyTo(body.AsSpan(20));
        return Object(100, body, timestamp);
    }

    /// <summary>CAN_FD_MESSAGE_64 (type 101) with the data after the 40 fixed bytes, then any extended frame data
    /// (whose offset from the object start goes in the ext data offset field).</summary>
    public BlfFileBuilder CanFdMessage64(byte channel, uint rawId, byte dlc, uint flags, byte direction, byte[] data, ulong timestamp,
        int? validBytes = null, byte[]? extData = null)
    {
        extData ??= [];
        var body = new byte[40 + data.Length + extData.Length];
        body[0] = channel;
        body[1] = dlc;
        body[2] = (byte)(validBytes ?? data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), rawId);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(12), flags);
        body[34] = direction;
        if (extData.Length > 0) body[35] = (byte)(32 + 40 + data.Length);
        data.CopyTo(body.AsSpan(40));
        extData.CopyTo(body.AsSpan(40 + data.Length));
        return Object(101, body, timestamp);
    }

    /// <summary>APP_TEXT (type 65): a comment, not a CAN frame.</summary>
    public BlfFileBuilder AppText(string text, ulong timestamp)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(text);
        var body = new byte[16 + bytes.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), (uint)bytes.Length);
        bytes.CopyTo(body.AsSpan(16));
        return Object(65, body, timestamp);
    }

    /// <summary>LIN_MESSAGE (type 11): a LIN frame, not a CAN frame.</summary>
    public BlfFileBuilder LinMessage(ushort channel, byte id, byte[] data, ulong timestamp)
    {
        var body = new byte[20];
        BinaryPrimitives.WriteUInt16LittleEndian(body, channel);
        body[2] = id;
        body[3] = (byte)data.Length;
        data.CopyTo(body.AsSpan(4));
        return Object(11, body, timestamp);
    }

    /// <summary>Raw bytes appended to the inner data as they are (for corrupt objects).</summary>
    public BlfFileBuilder Raw(ReadOnlySpan<byte> bytes)
    {
        _objects.Write(bytes);
        return this;
    }

    /// <summary>The file: header, then containers holding the inner data cut at <paramref name="cuts"/>
    /// (uncompressed byte counts; the rest goes in a last container). Containers alternate zlib and stored
    /// when <paramref name="mixCompression"/>.</summary>
    public byte[] Build(int[]? cuts = null, bool compress = true, bool mixCompression = false)
    {
        var data = _objects.ToArray();
        var file = new MemoryStream();
        file.Write(Header());
        int at = 0, index = 0;
        foreach (int cut in cuts ?? [])
        {
            file.Write(Container(data.AsSpan(at, cut - at), compress && !(mixCompression && index % 2 == 1)));
            at = cut;
            index++;
        }
        if (at < data.Length || index == 0)
            file.Write(Container(data.AsSpan(at), compress && !(mixCompression && index % 2 == 1)));
        return file.ToArray();
    }

    public byte[] Header()
    {
        var header = new byte[144];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0x4747_4F4C);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), 144);
        for (int i = 0; i < 8; i++) BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(40 + 2 * i), StartTime[i]);
        return header;
    }

    /// <summary>A LOG_CONTAINER object, padded with objectSize % 4 zero bytes.</summary>
    public static byte[] Container(ReadOnlySpan<byte> data, bool compress)
    {
        byte[] stored = data.ToArray();
        if (compress)
        {
            var z = new MemoryStream();
            using (var zlib = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(data);
            stored = z.ToArray();
        }
        int size = 32 + stored.Length;
        var container = new byte[size + size % 4];
        WriteBase(container, 16, 1, (uint)size, 10);
        BinaryPrimitives.WriteUInt16LittleEndian(container.AsSpan(16), (ushort)(compress ? 2 : 0));
        BinaryPrimitives.WriteUInt32LittleEndian(container.AsSpan(24), (uint)data.Length);
        stored.CopyTo(container.AsSpan(32));
        return container;
    }

    private static void WriteBase(Span<byte> obj, ushort headerSize, ushort version, uint size, uint type)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(obj, 0x4A42_4F4C);
        BinaryPrimitives.WriteUInt16LittleEndian(obj[4..], headerSize);
        BinaryPrimitives.WriteUInt16LittleEndian(obj[6..], version);
        BinaryPrimitives.WriteUInt32LittleEndian(obj[8..], size);
        BinaryPrimitives.WriteUInt32LittleEndian(obj[12..], type);
    }

    /// <summary>A file taken apart: file offset, declared data size and unpacked data of each container.</summary>
    public static List<(long Offset, int Declared, byte[] Data)> Containers(byte[] file)
    {
        var containers = new List<(long, int, byte[])>();
        int at = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4));
        while (at + 16 <= file.Length)
        {
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 8));
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 12));
            Assert.Equal(0x4A42_4F4Cu, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at)));
            Assert.Equal(10u, type);
            int declared = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 24));
            var stored = file.AsSpan(at + 32, (int)size - 32).ToArray();
            byte[] data = stored;
            if (BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(at + 16)) == 2)
            {
                using var zlib = new ZLibStream(new MemoryStream(stored), CompressionMode.Decompress);
                var unpacked = new MemoryStream();
                zlib.CopyTo(unpacked);
                data = unpacked.ToArray();
            }
            containers.Add((at, declared, data));
            at += (int)size + (int)(size % 4);
        }
        return containers;
    }

    /// <summary>Inner objects whose bytes begin in one container and end in a later one.</summary>
    public static int SplitObjects(byte[] file)
    {
        var containers = Containers(file);
        var ends = new List<long>();
        var all = new MemoryStream();
        foreach (var (_, _, data) in containers)
        {
            all.Write(data);
            ends.Add(all.Length);
        }
        var bytes = all.ToArray();
        int split = 0, at = 0;
        while (at + 16 <= bytes.Length)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) != 0x4A42_4F4C) { at++; continue; }
            int size = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8));
            foreach (long end in ends)
                if (at < end && at + size > end) { split++; break; }
            at += size;
        }
        return split;
    }
}
