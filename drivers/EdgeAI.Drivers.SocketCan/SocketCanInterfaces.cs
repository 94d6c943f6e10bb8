using System.Diagnostics;
using System.Text.Json;
using EdgeAI.Can;

namespace EdgeAI.Drivers.SocketCan;

/// <summary>The CAN interfaces this machine has (/sys/class/net/*/type is 280, ARPHRD_CAN) and their state.</summary>
public static class SocketCanInterfaces
{
    /// <summary>ARPHRD_CAN from linux/if_arp.h.</summary>
    public const int ArpHardwareCan = 280;

    private const string NetClass = "/sys/class/net";

    /// <summary>Every CAN interface, with bit timing when iproute2 can tell.</summary>
    public static IReadOnlyList<CanInterfaceInfo> List(bool withBitTiming = true)
    {
        if (!Directory.Exists(NetClass)) return [];
        var found = new List<CanInterfaceInfo>();
        foreach (var dir in Directory.EnumerateDirectories(NetClass).Order(StringComparer.Ordinal))
        {
            string type = ReadSys(Path.Combine(dir, "type"));
            if (type == ArpHardwareCan.ToString(System.Globalization.CultureInfo.InvariantCulture))
                found.Add(Describe(Path.GetFileName(dir), withBitTiming));
        }
        return found;
    }

    /// <summary>What the OS says about <paramref name="name"/>; unknown fields stay empty/0.</summary>
    public static CanInterfaceInfo Describe(string name, bool withBitTiming = true)
    {
        string operState = ReadSys(Path.Combine(NetClass, name, "operstate"));
        var info = new CanInterfaceInfo(name, operState.Length == 0 ? "unknown" : operState, CanBusState.Unknown, 0, 0, "");
        if (!withBitTiming) return info;
        string? json = RunIp(name);
        return json is null ? info : ParseIpDetails(json, info);
    }

    /// <summary>Reads iproute2's <c>ip -details -json link show</c> output for one interface.</summary>
    public static CanInterfaceInfo ParseIpDetails(string json, CanInterfaceInfo info)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Array || doc.RootElement.GetArrayLength() == 0) return info;
        var link = doc.RootElement[0];
        if (!link.TryGetProperty("linkinfo", out var linkInfo)) return info;
        string kind = linkInfo.TryGetProperty("info_kind", out var k) ? k.GetString() ?? "" : "";
        var state = info.State;
        long bitrate = 0, dataBitrate = 0;
        if (linkInfo.TryGetProperty("info_data", out var data))
        {
            if (data.TryGetProperty("state", out var s)) state = ParseState(s.GetString());
            if (data.TryGetProperty("bittiming", out var bt) && bt.TryGetProperty("bitrate", out var br)) bitrate = br.GetInt64();
            if (data.TryGetProperty("data_bittiming", out var dbt) && dbt.TryGetProperty("bitrate", out var dbr)) dataBitrate = dbr.GetInt64();
        }
        return info with { Kind = kind, State = state, BitRate = bitrate, DataBitRate = dataBitrate };
    }

    /// <summary>iproute2's state words (ERROR-ACTIVE, ERROR-WARNING, ERROR-PASSIVE, BUS-OFF, STOPPED, SLEEPING).</summary>
    public static CanBusState ParseState(string? text) => text switch
    {
        "ERROR-ACTIVE" => CanBusState.ErrorActive,
        "ERROR-WARNING" => CanBusState.ErrorWarning,
        "ERROR-PASSIVE" => CanBusState.ErrorPassive,
        "BUS-OFF" => CanBusState.BusOff,
        "STOPPED" or "SLEEPING" => CanBusState.Stopped,
        _ => CanBusState.Unknown,
    };

    private static string ReadSys(string path)
    {
        try { return File.Exists(path) ? File.ReadAllText(path).Trim() : ""; }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    private static string? RunIp(string name)
    {
        try
        {
            var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "-details", "-json", "link", "show", "dev", name }) start.ArgumentList.Add(a);
            using var ip = Process.Start(start);
            if (ip is null) return null;
            string output = ip.StandardOutput.ReadToEnd();
            ip.WaitForExit(2000);
            return ip.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no iproute2: bit timing stays unknown
        }
    }
}
