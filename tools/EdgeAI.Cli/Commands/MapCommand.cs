using System.CommandLine;

namespace EdgeAI.Cli.Commands;

/// <summary><c>edgeai map import|info</c>: the offline map store (docs/map.md).</summary>
public sealed class MapCommand : Command
{
    public MapCommand() : base("map", "The offline map: import a region (OSM, GeoJSON, SUMO) into a map store, show what a store holds")
    {
        Subcommands.Add(new MapImportCommand());
        Subcommands.Add(new MapInfoCommand());
    }
}
