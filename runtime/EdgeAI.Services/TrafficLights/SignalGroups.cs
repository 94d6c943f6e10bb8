using EdgeAI.Services.Map;

namespace EdgeAI.Services.TrafficLights;

/// <summary>
/// The signal groups of a controller: link indices whose letters are identical in every phase of the program share
/// one group (J2735 signal groups are per movement, not per lane). Groups are numbered 1.. in order of their first link.
/// </summary>
public sealed class SignalGroups
{
    private readonly int[] _groupOfLink;
    private readonly int[] _linkOfGroup;

    /// <summary>Builds the groups of <paramref name="signal"/>'s program.</summary>
    public SignalGroups(TrafficSignal signal)
    {
        var width = signal.Phases.Count == 0 ? 0 : signal.Phases[0].State.Length;
        _groupOfLink = new int[width];
        var byColumn = new Dictionary<string, int>(StringComparer.Ordinal);
        var links = new List<int>();
        var column = new char[signal.Phases.Count];
        for (var link = 0; link < width; link++)
        {
            for (var p = 0; p < signal.Phases.Count; p++) column[p] = link < signal.Phases[p].State.Length ? signal.Phases[p].State[link] : 'O';
            var key = new string(column);
            if (!byColumn.TryGetValue(key, out var group))
            {
                links.Add(link);
                group = links.Count;
                byColumn[key] = group;
            }
            _groupOfLink[link] = group;
        }
        _linkOfGroup = [.. links];
    }

    /// <summary>Number of groups.</summary>
    public int Count => _linkOfGroup.Length;

    /// <summary>The group (1-based) of a link index.</summary>
    public int GroupOfLink(int linkIndex) => _groupOfLink[linkIndex];

    /// <summary>A link index of <paramref name="group"/> (all its links show the same letters).</summary>
    public int LinkOfGroup(int group) => _linkOfGroup[group - 1];
}
