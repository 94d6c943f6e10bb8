using System.Globalization;
using EdgeAI.Can;

namespace EdgeAI.Cli.Output;

/// <summary>How the CAN commands report frames a bus lost before they could be read (<see cref="ICanBus.FramesLost"/>),
/// the same words for every kind of bus: SocketCAN's kernel queue overflows and the simulator's full queue alike.</summary>
internal static class FramesLostText
{
    /// <summary>"; N frames lost to a full receive queue on NAME", or "" when the bus lost none.</summary>
    public static string Suffix(ICanBus bus)
    {
        long lost = bus.FramesLost;
        return lost > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {lost} frames lost to a full receive queue on {bus.Name}") : "";
    }
}
