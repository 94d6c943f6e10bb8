using EdgeAI.Fusion.Context;
using EdgeAI.TestKit;

namespace EdgeAI.Llm.Tests.Vehicle;

/// <summary>The bundled city drive's context at 300 s, shared by the tool and responder tests.</summary>
public static class DriveFixture
{
    /// <summary>Moment of the drive the shared view shows.</summary>
    public static readonly TimeSpan At = TimeSpan.FromSeconds(300);

    /// <summary>The demo vehicle's signal map.</summary>
    public static string SignalMap => RepoPaths.Get("models", "vehicle", "edgeai_demo.signals.json");

    private static readonly Lazy<IContextView> Shared = new(() => new FixedContextView(ContextReplay.At(RepoPaths.CityDriveLog, SignalMap, At)));

    /// <summary>The context at <see cref="At"/>.</summary>
    public static IContextView Context => Shared.Value;
}
