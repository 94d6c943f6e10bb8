namespace EdgeAI.Voice.Sherpa;

/// <summary>
/// Reads an .onnx file's outer protobuf message (ModelProto) without loading the model: whether it is one at all, and
/// its metadata_props. sherpa-onnx aborts the whole process on a file ONNX Runtime cannot parse (an uncaught
/// Ort::Exception) and exits it when metadata it needs is missing, so a folder is checked here before sherpa sees it.
/// Tensors are skipped by seeking, so a 300 MB encoder is read in a few kilobytes.
/// </summary>
internal static class OnnxModelFile
{
    private const int IrVersion = 1, Graph = 7, MetadataProps = 14;

    /// <summary>The metadata_props of a well-formed ModelProto, or null with <paramref name="why"/> saying what is wrong.</summary>
    public static Dictionary<string, string>? TryReadMetadata(string path, out string why)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        why = "";
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
            long length = stream.Length;
            bool hasIr = false, hasGraph = false;
            while (stream.Position < length)
            {
                long at = stream.Position;
                if (!TryVarint(stream, out ulong key) || key == 0) { why = $"byte {at}: not a protobuf field"; return null; }
                int field = (int)(key >> 3), wire = (int)(key & 7);
                switch (wire)
                {
                    case 0:
                        if (!TryVarint(stream, out _)) { why = $"byte {at}: truncated varint"; return null; }
                        if (field == IrVersion) hasIr = true;
                        break;
                    case 1: stream.Seek(8, SeekOrigin.Current); break;
                    case 5: stream.Seek(4, SeekOrigin.Current); break;
                    case 2:
                        if (!TryVarint(stream, out ulong n) || (long)n < 0 || (long)n > length - stream.Position)
                        {
                            why = $"byte {at}: field {field} is longer than the file (truncated or not ONNX)";
                            return null;
                        }
                        if (field == MetadataProps && n < 1 << 20) ReadEntry(stream, (int)n, metadata);
                        else stream.Seek((long)n, SeekOrigin.Current);
                        if (field == Graph) hasGraph = true;
                        break;
                    default:
                        why = $"byte {at}: protobuf wire type {wire} (not ONNX)";
                        return null;
                }
                if (stream.Position > length) { why = "truncated"; return null; }
            }
            if (!hasIr || !hasGraph) { why = hasIr ? "no graph (not an ONNX model)" : "no ir_version (not an ONNX model)"; return null; }
            return metadata;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            why = e.Message;
            return null;
        }
    }

    private static void ReadEntry(Stream stream, int n, Dictionary<string, string> metadata)
    {
        var bytes = new byte[n];
        stream.ReadExactly(bytes);
        string key = "", value = "";
        int i = 0;
        while (i < n)
        {
            ulong tag = Varint(bytes, ref i);
            if ((tag & 7) != 2) return;
            int len = (int)Varint(bytes, ref i);
            if (len < 0 || i + len > n) return;
            string s = System.Text.Encoding.UTF8.GetString(bytes, i, len);
            i += len;
            if (tag >> 3 == 1) key = s;
            else if (tag >> 3 == 2) value = s;
        }
        if (key.Length > 0) metadata[key] = value;
    }

    private static ulong Varint(byte[] bytes, ref int i)
    {
        ulong v = 0;
        for (int shift = 0; i < bytes.Length && shift < 64; shift += 7)
        {
            byte b = bytes[i++];
            v |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return v;
        }
        return ulong.MaxValue;
    }

    private static bool TryVarint(Stream stream, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            int b = stream.ReadByte();
            if (b < 0) return false;
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return true;
        }
        return false;
    }
}
