namespace EdgeAI.Can;

/// <summary>
/// Maps a frame's channel index to the name a log or bus uses for it (<c>can0</c>, <c>vcan1</c>,
/// or ASC/BLF channel numbers, which are index + 1). One table per reader, writer or bus.
/// </summary>
public sealed class CanChannelTable
{
    private readonly List<string> _names = [];
    private readonly Dictionary<string, ushort> _indexes = new(StringComparer.Ordinal);

    /// <summary>Names in index order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Number of channels seen or declared.</summary>
    public int Count => _names.Count;

    /// <summary>Index of <paramref name="name"/>, adding it when new.</summary>
    public ushort GetOrAdd(string name)
    {
        if (_indexes.TryGetValue(name, out var index)) return index;
        return Add(name);
    }

    /// <summary>Index of a channel name (as UTF-8 bytes, e.g. straight from a log line), adding it when new.
    /// Does not allocate once the name is known.</summary>
    public ushort GetOrAdd(ReadOnlySpan<byte> utf8Name)
    {
        var lookup = _indexes.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> chars = stackalloc char[Math.Min(utf8Name.Length, 256)];
        int n = System.Text.Encoding.UTF8.GetChars(utf8Name[..chars.Length], chars);
        if (lookup.TryGetValue(chars[..n], out var index)) return index;
        return Add(new string(chars[..n]));
    }

    /// <summary>Index for a 1-based channel number as ASC/BLF/TRC write it; names the channel <c>canN-1</c> unless named already.</summary>
    public ushort FromNumber(int oneBased)
    {
        if (oneBased < 1 || oneBased > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(oneBased));
        while (_names.Count < oneBased) Add("can" + _names.Count);
        return (ushort)(oneBased - 1);
    }

    /// <summary>The name of <paramref name="index"/>; an index nobody named is named <c>canN</c> here, once.</summary>
    public string NameOf(ushort index)
    {
        while (_names.Count <= index) Add("can" + _names.Count);
        return _names[index];
    }

    /// <summary>Index of an existing name.</summary>
    public bool TryGetIndex(string name, out ushort index) => _indexes.TryGetValue(name, out index);

    private ushort Add(string name)
    {
        if (_names.Count >= ushort.MaxValue) throw new InvalidOperationException("too many CAN channels");
        var index = (ushort)_names.Count;
        _names.Add(name);
        _indexes.TryAdd(name, index);
        return index;
    }
}
