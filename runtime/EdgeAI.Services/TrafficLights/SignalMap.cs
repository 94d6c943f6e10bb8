namespace EdgeAI.Services.TrafficLights;

/// <summary>A MAP: the signalized intersections a SPaT feed talks about (docs/traffic-lights.md).</summary>
/// <param name="Intersections">The intersections.</param>
public sealed record SignalMap(IReadOnlyList<SignalIntersection> Intersections)
{
    /// <summary>The intersection with <paramref name="id"/>, or null.</summary>
    public SignalIntersection? Find(string id)
    {
        foreach (var i in Intersections) if (i.Id == id) return i;
        return null;
    }
}
