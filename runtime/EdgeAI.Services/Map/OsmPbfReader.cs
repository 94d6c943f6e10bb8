using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using EdgeAI.Services.Geo;

namespace EdgeAI.Services.Map;

/// <summary>
/// Reads OSM PBF (the format of planet and Geofabrik extracts): a sequence of length-prefixed BlobHeader/Blob pairs, each
/// blob raw or zlib-compressed, holding the OSMHeader and then PrimitiveBlocks of nodes (plain or dense, delta-coded),
/// ways and relations. Written from the format's published .proto definitions with a small protobuf decoder of its own.
/// </summary>
internal static class OsmPbfReader
{
    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal) { "OsmSchema-V0.6", "DenseNodes" };

    /// <summary>Reads every node, way and relation of <paramref name="stream"/>.</summary>
    /// <exception cref="MapFormatException">not PBF, an unsupported feature or compression, or a damaged block (with its byte offset).</exception>
    public static OsmData Read(Stream stream, string source)
    {
        var osm = new OsmData();
        var lengthBytes = new byte[4];
        long offset = 0;
        bool sawHeader = false;
        while (true)
        {
            int got = stream.ReadAtLeast(lengthBytes, 4, throwOnEndOfStream: false);
            if (got == 0) break;
            if (got < 4) throw Bad(source, offset, "the file ends inside a blob header length (it may be cut)");
            int headerLength = BinaryPrimitives.ReadInt32BigEndian(lengthBytes);
            if (headerLength is <= 0 or > 64 * 1024) throw Bad(source, offset, $"expected an OSM PBF blob header of 1..65536 bytes, found length {headerLength}");
            var header = ReadExactly(stream, headerLength, source, offset);
            string? type = null;
            int dataSize = -1;
            var h = new Proto(header);
            while (h.Next(out int field, out int wire))
            {
                if (field == 1 && wire == 2) type = Encoding.UTF8.GetString(h.Bytes());
                else if (field == 3 && wire == 0) dataSize = (int)h.Varint();
                else h.Skip(wire);
            }
            if (type is null || dataSize < 0 || dataSize > 64 * 1024 * 1024) throw Bad(source, offset, "expected a blob header with a type and a data size up to 64 MiB");
            var blob = Unpack(ReadExactly(stream, dataSize, source, offset), source, offset);
            if (type == "OSMHeader")
            {
                ReadHeaderBlock(blob, source, offset);
                sawHeader = true;
            }
            else if (type == "OSMData")
            {
                if (!sawHeader) throw Bad(source, offset, "expected the OSMHeader blob before the data");
                ReadPrimitiveBlock(blob, osm, source, offset);
            }
            offset += 4 + headerLength + dataSize;
        }
        if (!sawHeader) throw Bad(source, 0, "expected OSM PBF (an OSMHeader blob first)");
        return osm;
    }

    private static byte[] ReadExactly(Stream stream, int length, string source, long offset)
    {
        var buffer = new byte[length];
        if (stream.ReadAtLeast(buffer, length, throwOnEndOfStream: false) < length) throw Bad(source, offset, "the file ends inside a blob (it may be cut)");
        return buffer;
    }

    private static byte[] Unpack(byte[] blob, string source, long offset)
    {
        var p = new Proto(blob);
        byte[]? raw = null, zlib = null;
        int rawSize = -1;
        while (p.Next(out int field, out int wire))
        {
            switch (field)
            {
                case 1 when wire == 2: raw = p.Bytes().ToArray(); break;
                case 2 when wire == 0: rawSize = (int)p.Varint(); break;
                case 3 when wire == 2: zlib = p.Bytes().ToArray(); break;
                case 4 or 6 or 7: throw Bad(source, offset, "blob compressed with lzma, lz4 or zstd; only raw and zlib blobs are read (osmium cat IN -o OUT.osm.pbf rewrites it)");
                default: p.Skip(wire); break;
            }
        }
        if (raw is not null) return raw;
        if (zlib is null || rawSize < 0) throw Bad(source, offset, "expected a blob with raw or zlib data");
        var output = new byte[rawSize];
        try
        {
            using var z = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
            if (z.ReadAtLeast(output, rawSize, throwOnEndOfStream: false) != rawSize) throw Bad(source, offset, $"zlib data shorter than its raw size {rawSize}");
        }
        catch (InvalidDataException e)
        {
            throw Bad(source, offset, "damaged zlib data: " + e.Message);
        }
        return output;
    }

    private static void ReadHeaderBlock(byte[] block, string source, long offset)
    {
        var p = new Proto(block);
        while (p.Next(out int field, out int wire))
        {
            if (field == 4 && wire == 2)
            {
                string feature = Encoding.UTF8.GetString(p.Bytes());
                if (!Supported.Contains(feature)) throw Bad(source, offset, $"the file requires \"{feature}\"; only OsmSchema-V0.6 and DenseNodes are read");
            }
            else p.Skip(wire);
        }
    }

    private static void ReadPrimitiveBlock(byte[] block, OsmData osm, string source, long offset)
    {
        var strings = new List<string>();
        var groups = new List<(int Start, int Length)>();
        long granularity = 100, latOffset = 0, lonOffset = 0;
        var p = new Proto(block);
        while (p.Next(out int field, out int wire))
        {
            switch (field)
            {
                case 1 when wire == 2:
                    var table = new Proto(p.Bytes());
                    while (table.Next(out int f, out int w))
                        if (f == 1 && w == 2) strings.Add(Encoding.UTF8.GetString(table.Bytes()));
                        else table.Skip(w);
                    break;
                case 2 when wire == 2: groups.Add(p.Range()); break;
                case 17 when wire == 0: granularity = (long)p.Varint(); break;
                case 19 when wire == 0: latOffset = (long)p.Varint(); break;
                case 20 when wire == 0: lonOffset = (long)p.Varint(); break;
                default: p.Skip(wire); break;
            }
        }
        GeoPoint Point(long lat, long lon) => new(1e-9 * (latOffset + granularity * lat), 1e-9 * (lonOffset + granularity * lon));
        string S(long index) => (ulong)index < (ulong)strings.Count ? strings[(int)index] : throw Bad(source, offset, $"string index {index} outside the block's table of {strings.Count}");

        foreach (var (start, length) in groups)
        {
            var g = new Proto(block.AsSpan(start, length));
            while (g.Next(out int field, out int wire))
            {
                if (wire != 2) { g.Skip(wire); continue; }
                var item = g.Bytes();
                switch (field)
                {
                    case 1: ReadNode(item, osm, Point, S); break;
                    case 2: ReadDense(item, osm, Point, S, source, offset); break;
                    case 3: ReadWay(item, osm, S); break;
                    case 4: ReadRelation(item, osm, S, source, offset); break;
                }
            }
        }
    }

    private static void ReadNode(ReadOnlySpan<byte> item, OsmData osm, Func<long, long, GeoPoint> point, Func<long, string> s)
    {
        long id = 0, lat = 0, lon = 0;
        var keys = new List<long>();
        var vals = new List<long>();
        var p = new Proto(item);
        while (p.Next(out int field, out int wire))
        {
            switch (field)
            {
                case 1: id = Proto.Zigzag(p.Varint()); break;
                case 2: p.Numbers(wire, keys, zigzag: false); break;
                case 3: p.Numbers(wire, vals, zigzag: false); break;
                case 8: lat = Proto.Zigzag(p.Varint()); break;
                case 9: lon = Proto.Zigzag(p.Varint()); break;
                default: p.Skip(wire); break;
            }
        }
        osm.Nodes[id] = point(lat, lon);
        if (keys.Count > 0) osm.NodeTags[id] = Tags(keys, vals, s);
    }

    private static void ReadDense(ReadOnlySpan<byte> item, OsmData osm, Func<long, long, GeoPoint> point, Func<long, string> s, string source, long offset)
    {
        var ids = new List<long>();
        var lats = new List<long>();
        var lons = new List<long>();
        var keysVals = new List<long>();
        var p = new Proto(item);
        while (p.Next(out int field, out int wire))
        {
            switch (field)
            {
                case 1: p.Numbers(wire, ids, zigzag: true); break;
                case 8: p.Numbers(wire, lats, zigzag: true); break;
                case 9: p.Numbers(wire, lons, zigzag: true); break;
                case 10: p.Numbers(wire, keysVals, zigzag: false); break;
                default: p.Skip(wire); break;
            }
        }
        if (lats.Count != ids.Count || lons.Count != ids.Count) throw Bad(source, offset, $"dense nodes with {ids.Count} ids but {lats.Count} latitudes and {lons.Count} longitudes");
        long id = 0, lat = 0, lon = 0;
        int kv = 0;
        for (int i = 0; i < ids.Count; i++)
        {
            id += ids[i];
            lat += lats[i];
            lon += lons[i];
            osm.Nodes[id] = point(lat, lon);
            if (keysVals.Count == 0) continue;
            Dictionary<string, string>? tags = null;
            while (kv < keysVals.Count && keysVals[kv] != 0)
            {
                if (kv + 1 >= keysVals.Count) throw Bad(source, offset, "dense node tags end between a key and its value");
                (tags ??= [])[s(keysVals[kv])] = s(keysVals[kv + 1]);
                kv += 2;
            }
            kv++; // the 0 that ends this node's tags
            if (tags is not null) osm.NodeTags[id] = tags;
        }
    }

    private static void ReadWay(ReadOnlySpan<byte> item, OsmData osm, Func<long, string> s)
    {
        long id = 0;
        var keys = new List<long>();
        var vals = new List<long>();
        var refs = new List<long>();
        var p = new Proto(item);
        while (p.Next(out int field, out int wire))
        {
            switch (field)
            {
                case 1: id = (long)p.Varint(); break;
                case 2: p.Numbers(wire, keys, zigzag: false); break;
                case 3: p.Numbers(wire, vals, zigzag: false); break;
                case 8: p.Numbers(wire, refs, zigzag: true); break;
                default: p.Skip(wire); break;
            }
        }
        long node = 0;
        var nodes = new List<long>(refs.Count);
        foreach (var delta in refs) nodes.Add(node += delta);
        osm.Ways.Add(new OsmWay(id, nodes, Tags(keys, vals, s)));
    }

    private static void ReadRelation(ReadOnlySpan<byte> item, OsmData osm, Func<long, string> s, string source, long offset)
    {
        long id = 0;
        var keys = new List<long>();
        var vals = new List<long>();
        var roles = new List<long>();
        var memids = new List<long>();
        var types = new List<long>();
        var p = new Proto(item);
        while (p.Next(out int field, out int wire))
        {
            switch (field)
            {
                case 1: id = (long)p.Varint(); break;
                case 2: p.Numbers(wire, keys, zigzag: false); break;
                case 3: p.Numbers(wire, vals, zigzag: false); break;
                case 8: p.Numbers(wire, roles, zigzag: false); break;
                case 9: p.Numbers(wire, memids, zigzag: true); break;
                case 10: p.Numbers(wire, types, zigzag: false); break;
                default: p.Skip(wire); break;
            }
        }
        if (roles.Count != memids.Count || types.Count != memids.Count) throw Bad(source, offset, $"relation {id}: {memids.Count} members but {roles.Count} roles and {types.Count} types");
        long member = 0;
        var members = new List<OsmMember>(memids.Count);
        for (int i = 0; i < memids.Count; i++)
            members.Add(new OsmMember(types[i] switch { 0 => "node", 1 => "way", _ => "relation" }, member += memids[i], s(roles[i])));
        osm.Relations.Add(new OsmRelation(id, members, Tags(keys, vals, s)));
    }

    private static Dictionary<string, string> Tags(List<long> keys, List<long> vals, Func<long, string> s)
    {
        var tags = new Dictionary<string, string>(keys.Count, StringComparer.Ordinal);
        for (int i = 0; i < keys.Count && i < vals.Count; i++) tags[s(keys[i])] = s(vals[i]);
        return tags;
    }

    private static MapFormatException Bad(string source, long offset, string message) => new(source, 0, $"byte {offset}: {message}");

    /// <summary>A forward-only protobuf wire-format reader over one message.</summary>
    private ref struct Proto(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _at;

        public bool Next(out int field, out int wire)
        {
            if (_at >= _data.Length) { field = wire = 0; return false; }
            ulong key = Varint();
            field = (int)(key >> 3);
            wire = (int)(key & 7);
            return true;
        }

        public ulong Varint()
        {
            ulong value = 0;
            for (int shift = 0; shift < 64; shift += 7)
            {
                if (_at >= _data.Length) throw new MapFormatException("", 0, "a protobuf varint runs past its message");
                byte b = _data[_at++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80) return value;
            }
            throw new MapFormatException("", 0, "a protobuf varint longer than 10 bytes");
        }

        public ReadOnlySpan<byte> Bytes()
        {
            var (start, length) = Range();
            return _data.Slice(start, length);
        }

        public (int Start, int Length) Range()
        {
            ulong length = Varint();
            if (length > (ulong)(_data.Length - _at)) throw new MapFormatException("", 0, "a protobuf field runs past its message");
            int start = _at;
            _at += (int)length;
            return (start, (int)length);
        }

        /// <summary>A repeated number field, packed (wire type 2) or one value (wire type 0).</summary>
        public void Numbers(int wire, List<long> into, bool zigzag)
        {
            if (wire == 0) { ulong v = Varint(); into.Add(zigzag ? Zigzag(v) : (long)v); return; }
            if (wire != 2) { Skip(wire); return; }
            var inner = new Proto(Bytes());
            while (inner._at < inner._data.Length) { ulong v = inner.Varint(); into.Add(zigzag ? Zigzag(v) : (long)v); }
        }

        public void Skip(int wire)
        {
            switch (wire)
            {
                case 0: Varint(); break;
                case 1: _at += 8; break;
                case 2: Range(); break;
                case 5: _at += 4; break;
                default: throw new MapFormatException("", 0, $"protobuf wire type {wire} is not one of 0, 1, 2, 5");
            }
            if (_at > _data.Length) throw new MapFormatException("", 0, "a protobuf field runs past its message");
        }

        public static long Zigzag(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);
    }
}
