using EdgeAI.Can.Dbc;
using EdgeAI.Can.Logs;
using EdgeAI.Fusion.Mapping;

namespace EdgeAI.Fusion.Context;

/// <summary>Replays a recorded drive through a context, streaming in constant memory.</summary>
public static class ContextReplay
{
    /// <summary>The context as it stood <paramref name="at"/> after the log's first frame: every frame up to that moment
    /// applied, ages measured at that moment.</summary>
    /// <exception cref="FileNotFoundException">the log, the map or its DBC does not exist.</exception>
    /// <exception cref="SignalMapException">the map is not valid.</exception>
    /// <exception cref="DbcFormatException">the DBC is not valid.</exception>
    /// <exception cref="CanLogFormatException">the log is corrupt.</exception>
    public static ContextSnapshot At(string logPath, string signalMapPath, TimeSpan at, TimeZoneInfo? timeZone = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(at, TimeSpan.Zero);
        var context = new VehicleContext(SignalMap.Load(signalMapPath), timeZone);
        long endNs = long.MaxValue, atNs = at.Ticks * 100;
        using (var reader = CanLogFiles.OpenReader(logPath))
        {
            while (reader.TryRead(out var frame))
            {
                if (endNs == long.MaxValue) endNs = frame.TimestampNs + atNs;
                if (frame.TimestampNs > endNs) break;
                context.Apply(in frame);
            }
        }
        return context.Snapshot(endNs == long.MaxValue ? context.LatestNs : endNs);
    }
}
