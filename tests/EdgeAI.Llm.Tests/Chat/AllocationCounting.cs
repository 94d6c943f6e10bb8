namespace EdgeAI.Llm.Tests.Chat;

/// <summary>Tests that count every thread's allocations, so they run alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(AllocationCounting), DisableParallelization = true)]
public sealed class AllocationCounting;
