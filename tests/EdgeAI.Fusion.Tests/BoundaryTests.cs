using EdgeAI.Fusion.Context;

namespace EdgeAI.Fusion.Tests;

/// <summary>The house rules for runtime/: Fusion touches no hardware and knows nothing of the language model.</summary>
public sealed class BoundaryTests
{
    [Fact]
    public void Fusion_ReferencesNeitherDriversNorTheLlm()
    {
        var names = typeof(VehicleContext).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.Contains("EdgeAI.Can", names);
        Assert.DoesNotContain(names, n => n.StartsWith("EdgeAI.Drivers", StringComparison.Ordinal));
        Assert.DoesNotContain("EdgeAI.Llm", names);
    }
}
