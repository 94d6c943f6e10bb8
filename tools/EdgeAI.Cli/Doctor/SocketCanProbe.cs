using System.Globalization;
using EdgeAI.Drivers.SocketCan;

namespace EdgeAI.Cli.Doctor;

/// <summary>Whether the kernel speaks AF_CAN, and the CAN interfaces with their state and bit rates.</summary>
public sealed class SocketCanProbe : IDoctorProbe
{
    /// <inheritdoc/>
    public IEnumerable<DoctorCheck> Run()
    {
        string? problem = SocketCanBus.ProbeKernelSupport();
        yield return problem is null
            ? new DoctorCheck("SocketCAN", DoctorStatus.Ok, "AF_CAN raw sockets available")
            : new DoctorCheck("SocketCAN", DoctorStatus.Missing, problem.Split(';')[0], "modprobe can_raw (and vcan for a virtual bus); meanwhile replay and dump work on --to sim");
        var interfaces = SocketCanInterfaces.List();
        if (interfaces.Count == 0)
        {
            yield return new DoctorCheck("CAN interfaces", DoctorStatus.Missing, "none (no /sys/class/net entry of type 280)",
                "connect a CAN adapter, or: modprobe vcan && ip link add dev vcan0 type vcan && ip link set up vcan0");
            yield break;
        }
        foreach (var i in interfaces)
        {
            string rates = i.BitRate > 0 ? string.Format(CultureInfo.InvariantCulture, ", {0} kbit/s", i.BitRate / 1000) + (i.DataBitRate > 0 ? string.Format(CultureInfo.InvariantCulture, ", data {0} kbit/s", i.DataBitRate / 1000) : "") : "";
            string detail = $"{i.Name}: {(i.Kind.Length > 0 ? i.Kind + ", " : "")}link {i.OperState}, controller {i.State}{rates}";
            bool up = i.OperState is "up" or "unknown";
            yield return new DoctorCheck("CAN interface", up ? DoctorStatus.Ok : DoctorStatus.Missing, detail, up ? null : $"ip link set {i.Name} up type can bitrate 500000");
        }
    }
}
