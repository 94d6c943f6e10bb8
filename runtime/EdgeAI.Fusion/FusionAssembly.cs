namespace EdgeAI.Fusion;

/// <summary>Marks the EdgeAI.Fusion assembly (the vehicle context: signal maps, end-to-end protection, fused state).</summary>
public static class FusionAssembly
{
    /// <summary>The assembly itself.</summary>
    public static System.Reflection.Assembly Assembly => typeof(FusionAssembly).Assembly;
}
