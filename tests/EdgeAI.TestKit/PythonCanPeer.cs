using System.Globalization;
using System.Text.Json;
using EdgeAI.TestKit;

namespace EdgeAI.TestKit;

/// <summary>Writes and reads logs with python-can 4.1 (Debian's python3-can) through its writer and reader classes.</summary>
public static class PythonCanPeer
{
    private const string ReadScript = """
        import sys, json, can
        kind, path = sys.argv[1], sys.argv[2]
        if kind == "asc":
            reader = can.ASCReader(path, relative_timestamp=False)
        elif kind == "trc":
            reader = can.TRCReader(path)
        elif kind == "log":
            reader = can.CanutilsLogReader(path)
        elif kind == "blf":
            reader = can.BLFReader(path)
        else:
            reader = can.CSVReader(path)
        out = []
        for m in reader:
            out.append({"t": repr(m.timestamp), "id": m.arbitration_id, "ext": m.is_extended_id, "rtr": m.is_remote_frame,
                        "err": m.is_error_frame, "fd": m.is_fd, "brs": m.bitrate_switch, "esi": m.error_state_indicator,
                        "dlc": m.dlc, "data": bytes(m.data).hex(), "ch": m.channel if isinstance(m.channel, int) else None,
                        "rx": m.is_rx})
        print(json.dumps(out))
        """;

    private const string WriteScript = """
        import sys, json, can
        kind, path, messages = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3]))
        writer = {"asc": can.ASCWriter, "trc": can.TRCWriter, "csv": can.CSVWriter, "log": can.CanutilsLogWriter, "blf": can.BLFWriter}[kind](path)
        for d in messages:
            writer.on_message_received(can.Message(
                timestamp=float(d["t"]), arbitration_id=d["id"], is_extended_id=d["ext"], is_remote_frame=d["rtr"],
                is_error_frame=d["err"], is_fd=d["fd"], bitrate_switch=d["brs"], error_state_indicator=d["esi"],
                dlc=d["dlc"], data=bytes.fromhex(d["data"]), channel=d["ch"], is_rx=d["rx"]))
        writer.stop()
        """;

    /// <summary>Reads <paramref name="path"/> with python-can's reader for <paramref name="kind"/> (log, asc, blf, trc or csv).</summary>
    public static List<PythonCanMessage> Read(string kind, string path)
    {
        string json = ExternalTool.RunPython(ReadScript, kind, path);
        var messages = new List<PythonCanMessage>();
        foreach (var m in JsonDocument.Parse(json).RootElement.EnumerateArray())
        {
            messages.Add(new PythonCanMessage(
                decimal.Parse(m.GetProperty("t").GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
                m.GetProperty("id").GetUInt32(), m.GetProperty("ext").GetBoolean(), m.GetProperty("rtr").GetBoolean(),
                m.GetProperty("err").GetBoolean(), m.GetProperty("fd").GetBoolean(), m.GetProperty("brs").GetBoolean(),
                m.GetProperty("esi").GetBoolean(), m.GetProperty("dlc").GetInt32(), Convert.FromHexString(m.GetProperty("data").GetString()!),
                m.GetProperty("ch").ValueKind == JsonValueKind.Null ? null : m.GetProperty("ch").GetInt32(), m.GetProperty("rx").GetBoolean()));
        }
        return messages;
    }

    /// <summary>Writes <paramref name="messages"/> with python-can's writer for <paramref name="kind"/> (log, asc, blf, trc or csv).</summary>
    public static void Write(string kind, string path, IEnumerable<PythonCanMessage> messages)
    {
        var list = messages.Select(m => new Dictionary<string, object?>
        {
            ["t"] = m.Timestamp.ToString(CultureInfo.InvariantCulture), ["id"] = m.Id, ["ext"] = m.Extended, ["rtr"] = m.Remote,
            ["err"] = m.Error, ["fd"] = m.Fd, ["brs"] = m.Brs, ["esi"] = m.Esi, ["dlc"] = m.Dlc,
            ["data"] = Convert.ToHexString(m.Data), ["ch"] = m.Channel, ["rx"] = m.Rx,
        }).ToList();
        string input = path + ".messages.json";
        File.WriteAllText(input, JsonSerializer.Serialize(list));
        ExternalTool.RunPython(WriteScript, kind, path, input);
    }
}
