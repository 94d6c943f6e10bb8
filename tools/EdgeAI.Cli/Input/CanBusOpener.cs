using EdgeAI.Can;
using EdgeAI.Drivers.Simulated;
using EdgeAI.Drivers.SocketCan;

namespace EdgeAI.Cli.Input;

/// <summary>
/// Opens the bus an interface name names: <c>sim</c>/<c>sim:...</c> (see <see cref="SimulatedBusSpec"/>) is a node on a
/// new in-memory bus, any other name a SocketCAN interface (<c>can0</c>, <c>vcan0</c>).
/// </summary>
internal static class CanBusOpener
{
    /// <summary>Opens <paramref name="name"/>; a simulated bus gets a node called <paramref name="role"/>.</summary>
    /// <exception cref="CanBusException">the interface cannot be opened.</exception>
    public static ICanBus Open(string name, string role, TimeProvider time, string option)
    {
        if (SimulatedBusSpec.IsSimulated(name))
        {
            var spec = SimulatedBusSpec.Parse(name, option);
            var bus = new SimulatedCanBus(spec.BusOptions, time);
            var node = bus.AddNode(role);
            if (spec.BusOffAfter is { } after) bus.ScheduleBusOff(after, spec.BusOffFor, node);
            return node;
        }
        return SocketCanBus.Open(name);
    }
}
