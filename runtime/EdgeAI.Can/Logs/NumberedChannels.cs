namespace EdgeAI.Can.Logs;

/// <summary>
/// For formats that store channel numbers (ASC, TRC: index + 1), not names: whether a channel's name is the one
/// a reader gives that number back (<c>canN</c> for index N), so a writer can count the names it loses.
/// Checks each index once.
/// </summary>
internal sealed class NumberedChannels(CanChannelTable table)
{
    private byte[] _known = new byte[8]; // 0 unchecked, 1 name kept, 2 name lost

    /// <summary>True when reading the number back gives the same name.</summary>
    public bool KeepsName(ushort index)
    {
        if (index >= table.Count) return true; // never named: it is canN already
        if (index >= _known.Length) Array.Resize(ref _known, Math.Max(index + 1, _known.Length * 2));
        if (_known[index] == 0) _known[index] = table.NameOf(index) == "can" + index ? (byte)1 : (byte)2;
        return _known[index] == 1;
    }
}
