using EdgeAI.Services.Geo;

namespace EdgeAI.Services.Map;

/// <summary>Raw OSM entities as the readers (.osm XML, GeoJSON) produce them, before the graph is built.</summary>
internal sealed class OsmData
{
    public readonly Dictionary<long, GeoPoint> Nodes = [];
    public readonly Dictionary<long, Dictionary<string, string>> NodeTags = [];
    public readonly List<OsmWay> Ways = [];
    public readonly List<OsmRelation> Relations = [];
}

/// <summary>An OSM way: its node ids in order and its tags.</summary>
internal sealed record OsmWay(long Id, List<long> Refs, Dictionary<string, string> Tags);

/// <summary>An OSM relation member.</summary>
internal sealed record OsmMember(string Type, long Ref, string Role);

/// <summary>An OSM relation: its members and tags.</summary>
internal sealed record OsmRelation(long Id, List<OsmMember> Members, Dictionary<string, string> Tags);
