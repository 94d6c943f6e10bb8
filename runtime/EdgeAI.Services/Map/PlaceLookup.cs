using EdgeAI.Services.Geo;

namespace EdgeAI.Services.Map;

/// <summary>
/// Turns what a user or the assistant names as a place into a position: "lat,lon", or a POI's name (exact, else a
/// unique part of a name, case-insensitive). Ambiguous and unknown names are refused with what was expected.
/// </summary>
public static class PlaceLookup
{
    /// <summary>Resolves <paramref name="text"/> among <paramref name="pois"/>; false with a one-line reason otherwise.</summary>
    public static bool TryResolve(string text, IReadOnlyList<Poi> pois, out GeoPoint point, out Poi? poi, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(pois);
        poi = null;
        error = null;
        if (GeoPoint.TryParse(text, out point)) return true;
        var exact = pois.Where(p => string.Equals(p.Name, text.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        var matches = exact.Count > 0 ? exact : pois.Where(p => p.Name.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 1)
        {
            poi = matches[0];
            point = poi.Position;
            return true;
        }
        error = matches.Count == 0
            ? $"expected lat,lon or the name of a place on the map, found '{text}'"
            : $"'{text}' names {matches.Count} places ({string.Join(", ", matches.Take(3).Select(p => p.Name))}{(matches.Count > 3 ? ", ..." : "")}); be more precise";
        return false;
    }
}
