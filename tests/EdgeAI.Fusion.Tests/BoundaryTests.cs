using EdgeAI.Fusion;

namespace EdgeAI.Fusion.Tests;

/// <summary>The house rules for runtime/: Fusion touches no hardware and knows nothing of the language model.</summary>
public sealed class BoundaryTests
{
    [Fact]
    public void Fusion_ReferencesNeitherDriversNorTheLlm()
    {
        var names = FusionAssembly.Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.DoesNotContain(names, n => n.StartsWith("EdgeAI.Drivers", StringComparison.Ordinal));
        Assert.DoesNotContain("EdgeAI.Llm", names);
    }
}
