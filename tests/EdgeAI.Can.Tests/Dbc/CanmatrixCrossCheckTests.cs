using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeAI.Can.Dbc;
using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Dbc;

/// <summary>EdgeAI against canmatrix (Debian python3-canmatrix) on the demo DBC: same structure, same decoded values.</summary>
public class CanmatrixCrossCheckTests
{
    private const string DecodeScript = """
        import contextlib, math, sys
        import canmatrix, canmatrix.formats
        with contextlib.redirect_stdout(sys.stderr):  # it prints lines it cannot read ("error with line no") to stdout
            db = canmatrix.formats.loadp_flat(sys.argv[1])
        def text(v):
            return "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity") if math.isinf(v) else repr(v)
        for line in open(sys.argv[2]):
            ident, extended, data = line.split()
            frame = db.frame_by_id(canmatrix.ArbitrationId(int(ident, 16), extended=extended == "1"))
            decoded = frame.decode(bytes.fromhex(data))
            print(" ".join(name + "=" + text(float(s.phys_value)) for name, s in decoded.items()) or "-")
        """;

    private const string StructureScript = """
        import json, sys
        import canmatrix.formats
        db = canmatrix.formats.loadp_flat(sys.argv[1])
        out = []
        for f in db.frames:
            out.append({
                "name": f.name, "id": f.arbitration_id.id, "extended": bool(f.arbitration_id.extended),
                "size": f.size, "fd": bool(f.is_fd), "cycle": int(f.cycle_time), "comment": f.comment or "",
                "signals": [{
                    "name": s.name, "start": s.get_startbit(bit_numbering=1), "length": s.size,
                    "intel": bool(s.is_little_endian), "signed": bool(s.is_signed), "float": bool(s.is_float),
                    "factor": float(s.factor), "offset": float(s.offset), "unit": s.unit,
                    "min": float(s.min), "max": float(s.max),
                    "multiplexor": bool(s.is_multiplexer), "mux": s.mux_val,
                    "labels": {str(k): v for k, v in s.values.items()},
                } for s in f.signals],
            })
        print(json.dumps(out))
        """;

    [Fact]
    public void DemoDbc_LoadedByCanmatrix_HasTheSameMessagesAndSignals()
    {
        if (ExternalTool.CanmatrixMissingReason is { } missing) Assert.Skip(missing);
        var file = DbcFile.Load(RepoPaths.DemoDbc);

        using var json = JsonDocument.Parse(ExternalTool.RunPython(StructureScript, RepoPaths.DemoDbc));

        var frames = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(file.Messages.Count, frames.Count);
        foreach (var frame in frames)
        {
            var message = file.GetMessage(frame.GetProperty("name").GetString()!);
            Assert.Equal(message.Id, frame.GetProperty("id").GetUInt32());
            Assert.Equal(message.IsExtended, frame.GetProperty("extended").GetBoolean());
            Assert.Equal(message.Size, frame.GetProperty("size").GetInt32());
            Assert.Equal(message.IsFd, frame.GetProperty("fd").GetBoolean());
            Assert.Equal(message.CycleTimeMs ?? 0, frame.GetProperty("cycle").GetInt32());
            Assert.Equal(message.Comment ?? "", frame.GetProperty("comment").GetString());
            var signals = frame.GetProperty("signals").EnumerateArray().ToList();
            Assert.Equal(message.Signals.Count, signals.Count);
            foreach (var peer in signals)
            {
                Assert.True(message.TryGetSignal(peer.GetProperty("name").GetString()!, out var signal));
                string context = $"{message.Name}.{signal.Name}";
                Assert.True(signal.StartBit == peer.GetProperty("start").GetInt32(), context);
                Assert.True(signal.Length == peer.GetProperty("length").GetInt32(), context);
                Assert.True((signal.ByteOrder == DbcByteOrder.LittleEndian) == peer.GetProperty("intel").GetBoolean(), context);
                Assert.True(signal.IsSigned == peer.GetProperty("signed").GetBoolean(), context);
                Assert.True((signal.ValueType != DbcValueType.Integer) == peer.GetProperty("float").GetBoolean(), context);
                Assert.True(signal.Factor == peer.GetProperty("factor").GetDouble(), context);
                Assert.True(signal.Offset == peer.GetProperty("offset").GetDouble(), context);
                Assert.True(signal.Minimum == peer.GetProperty("min").GetDouble(), context);
                Assert.True(signal.Maximum == peer.GetProperty("max").GetDouble(), context);
                Assert.True(signal.Unit == peer.GetProperty("unit").GetString(), context);
                Assert.True(signal.IsMultiplexor == peer.GetProperty("multiplexor").GetBoolean(), context);
                var mux = peer.GetProperty("mux");
                Assert.True((mux.ValueKind == JsonValueKind.Null ? (long?)null : mux.GetInt64()) == (signal.IsMultiplexed ? signal.MultiplexValues[0].Low : null), context);
                var labels = peer.GetProperty("labels").EnumerateObject().ToDictionary(p => long.Parse(p.Name, CultureInfo.InvariantCulture), p => p.Value.GetString()!);
                Assert.Equal(labels, signal.ValueDescriptions?.Labels.ToDictionary() ?? []);
            }
        }
    }

    [Fact]
    public void DemoDbc_RandomFramesOfEveryMessage_DecodeAsCanmatrixDecodesThem()
    {
        if (ExternalTool.CanmatrixMissingReason is { } missing) Assert.Skip(missing);
        CompareDecoding(RepoPaths.DemoDbc);
    }

    [Fact]
    public void CanmatrixTestDbc_RandomFramesOfEveryMessage_DecodeAsCanmatrixDecodesThem()
    {
        if (ExternalTool.CanmatrixMissingReason is { } missing) Assert.Skip(missing);
        string path = ExternalTool.RunPython("import canmatrix, os; print(os.path.join(os.path.dirname(canmatrix.__file__), 'tests', 'test_frame_decoding.dbc'))").Trim();
        if (!File.Exists(path)) Assert.Skip($"canmatrix ships no {path}");
        CompareDecoding(path);
    }

    /// <summary>Decodes 2 + <paramref name="randomFrames"/> frames of every message (all zeros, all ones, random;
    /// multiplexors 0..9) with both and compares; returns how many values were compared. canmatrix reads
    /// <paramref name="peerDbcPath"/> where given (the same database, spelled as canmatrix can read it).
    /// <paramref name="notDecoded"/> names signals (<c>Message.Signal</c>) EdgeAI leaves NaN on purpose where canmatrix
    /// gives a value.</summary>
    internal static int CompareDecoding(string dbcPath, int randomFrames = 60, int minimumPerFrame = 5, string? peerDbcPath = null,
        IReadOnlyCollection<string>? notDecoded = null)
    {
        var database = DbcDatabase.Load(dbcPath);
        var random = new Random(42);
        var frames = new List<(MessageDecoder Decoder, byte[] Data)>();
        foreach (var decoder in database.Decoders)
        {
            var message = decoder.Message;
            frames.Add((decoder, new byte[message.Size]));
            frames.Add((decoder, Enumerable.Repeat((byte)0xFF, message.Size).ToArray()));
            for (int i = 0; i < randomFrames; i++)
            {
                var data = new byte[message.Size];
                random.NextBytes(data);
                foreach (var signal in message.Signals)
                    if (signal.IsMultiplexor) data[signal.StartBit / 8] = (byte)random.Next(0, 10); // small values select pages (demo: 0..7), larger none
                frames.Add((decoder, data));
            }
        }
        using var dir = new TempDirectory();
        string input = dir.File("frames.txt");
        File.WriteAllLines(input, frames.Select(f => $"{f.Decoder.Message.Id:X} {(f.Decoder.Message.IsExtended ? 1 : 0)} {Convert.ToHexString(f.Data)}"));

        var lines = ExternalTool.RunPython(DecodeScript, peerDbcPath ?? dbcPath, input).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(frames.Count, lines.Length);
        int compared = 0;
        for (int f = 0; f < frames.Count; f++)
        {
            var (decoder, data) = frames[f];
            var peer = lines[f] == "-" ? [] // a message without signals
                : lines[f].Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
            var values = new double[decoder.SignalCount];
            decoder.Decode(data, values);
            for (int i = 0; i < values.Length; i++)
            {
                var signal = decoder.Message.Signals[i];
                string context = $"{decoder.Message.Name}.{signal.Name} in {Convert.ToHexString(data)}";
                if (notDecoded?.Contains($"{decoder.Message.Name}.{signal.Name}") == true)
                {
                    Assert.True(double.IsNaN(values[i]) && peer.ContainsKey(signal.Name), $"{context}: listed as not decoded by EdgeAI only, but EdgeAI gave {values[i]}");
                    continue;
                }
                if (!peer.TryGetValue(signal.Name, out double expected))
                {
                    Assert.True(double.IsNaN(values[i]), $"{context}: canmatrix leaves it out (not selected), EdgeAI gave {values[i]}");
                    continue;
                }
                compared++;
                if (double.IsNaN(expected) || double.IsInfinity(expected))
                {
                    Assert.True(expected.Equals(values[i]), $"{context}: canmatrix {expected}, EdgeAI {values[i]}");
                    continue;
                }
                // Relative to the value, or to the offset where scaling cancels it out (canmatrix computes in decimal).
                double tolerance = 1e-9 * Math.Max(Math.Abs(expected), Math.Abs(signal.Offset));
                Assert.True(Math.Abs(expected - values[i]) <= tolerance, $"{context}: canmatrix {expected}, EdgeAI {values[i]}");
            }
        }
        Assert.True(compared > frames.Count * minimumPerFrame, $"only {compared} values compared");
        return compared;
    }

    private const string J1939Script = """
        import math, os, sys
        import canmatrix, canmatrix.formats
        if len(sys.argv) == 1:
            print(os.path.join(os.path.dirname(canmatrix.__file__), "j1939.dbc"))
            sys.exit(0)
        db = canmatrix.formats.loadp_flat(sys.argv[1])
        for line in open(sys.argv[2]):
            ident, data = line.split()
            decoded = db.decode(canmatrix.ArbitrationId(int(ident, 16), extended=True), bytes.fromhex(data))
            print("\t".join(name + "=" + repr(float(s.phys_value)) for name, s in decoded.items()) or "-")
        """;

    [Fact]
    public void CanmatrixJ1939Database_FramesFromOtherSourcesAndDestinations_MatchByPgnAsCanmatrixDoes()
    {
        if (ExternalTool.CanmatrixMissingReason is { } missing) Assert.Skip(missing);
        string path = ExternalTool.RunPython(J1939Script).Trim();
        if (!File.Exists(path)) Assert.Skip($"canmatrix ships no {path}");
        var file = DbcFile.Load(path);
        Assert.True(file.IsJ1939);
        var database = file.Compile();
        // Messages with signals EdgeAI skipped or deduplicated (see Warnings) decode differently on purpose.
        var warned = file.Warnings.SelectMany(w => w.Split('\'').Where((_, i) => i % 2 == 1)).ToHashSet();
        var random = new Random(1939);
        var frames = new List<(uint Id, byte[] Data, MessageDecoder Expected)>();
        foreach (var decoder in database.Decoders)
        {
            var message = decoder.Message;
            if (message.Size != 8 || warned.Contains(message.Name)) continue;
            uint id = message.Id & 0x03FFFF00; // keep the PGN part (and a PDU1 destination), then vary the rest
            id |= (uint)random.Next(0, 8) << 26 | (uint)random.Next(0, 256);
            if (J1939Id.IsPdu1(id)) id = (id & ~0xFF00u) | (uint)random.Next(0, 256) << 8;
            var data = new byte[8];
            random.NextBytes(data);
            frames.Add((id, data, decoder));
        }
        using var dir = new TempDirectory();
        string input = dir.File("frames.txt");
        File.WriteAllLines(input, frames.Select(f => $"{f.Id:X8} {Convert.ToHexString(f.Data)}"));

        var lines = ExternalTool.RunPython(J1939Script, path, input).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(frames.Count, lines.Length);
        Assert.True(frames.Count > 250, $"only {frames.Count} J1939 messages compared");
        for (int f = 0; f < frames.Count; f++)
        {
            var (id, data, expected) = frames[f];
            Assert.True(database.TryGetDecoder(id, extended: true, out var decoder), $"{id:X8}");
            Assert.Equal(expected.Message.Name, decoder.Message.Name);
            var values = new double[decoder.SignalCount];
            decoder.Decode(data, values);
            // Long J1939 names hold spaces and '=', so entries are tab-separated and the value follows the last '='.
            var peer = lines[f] == "-" ? [] : lines[f].Split('\t').ToDictionary(p => p[..p.LastIndexOf('=')], p => double.Parse(p[(p.LastIndexOf('=') + 1)..], CultureInfo.InvariantCulture));
            Assert.Equal(peer.Count, values.Length);
            for (int i = 0; i < values.Length; i++)
            {
                var signal = decoder.Message.Signals[i];
                double want = peer[signal.Name];
                Assert.True(Math.Abs(want - values[i]) <= 1e-9 * Math.Max(Math.Abs(want), Math.Abs(signal.Offset)), $"{id:X8} {signal.Name}: canmatrix {want}, EdgeAI {values[i]}");
            }
        }
    }
}
