using System.Diagnostics.CodeAnalysis;

namespace EdgeAI.Can.Dbc;

/// <summary>A message (<c>BO_</c>): one CAN id, its payload size, sender and signals.</summary>
public sealed class DbcMessage
{
    private readonly List<DbcSignal> _signals = [];
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);

    internal DbcMessage(uint rawId, string name, int size, string sender)
    {
        RawId = rawId;
        Name = name;
        Size = size;
        Sender = sender;
        IsExtended = (rawId & ExtendedFlag) != 0 || rawId > CanFrame.MaxStandardId;
        Id = rawId & ~ExtendedFlag;
    }

    /// <summary>Bit 31 of a DBC message id marks a 29-bit identifier.</summary>
    public const uint ExtendedFlag = 0x8000_0000;

    /// <summary>The id exactly as the DBC writes it: bit 31 set for extended ids, though some files (opendbc's) leave it
    /// off and write the 29-bit id alone.</summary>
    public uint RawId { get; }

    /// <summary>11- or 29-bit CAN identifier.</summary>
    public uint Id { get; }

    /// <summary>29-bit identifier: bit 31 is set, or the id is above 2047 (0x7FF) and so cannot be an 11-bit one.</summary>
    public bool IsExtended { get; }

    /// <summary>Message name (the <c>SystemMessageLongSymbol</c> attribute where CANdb++ kept a name longer than 32 characters).</summary>
    public string Name { get; internal set; }

    /// <summary>Payload size in bytes as declared (0..64).</summary>
    public int Size { get; }

    /// <summary>Transmitting node as written (<c>Vector__XXX</c> means none).</summary>
    public string Sender { get; }

    /// <summary>Further transmitters from <c>BO_TX_BU_</c>.</summary>
    public IReadOnlyList<string> Transmitters { get; internal set; } = [];

    /// <summary>Cycle time in milliseconds (<c>GenMsgCycleTime</c>), null when not cyclic or not declared.</summary>
    public int? CycleTimeMs { get; internal set; }

    /// <summary>A CAN FD message (<c>VFrameFormat</c> StandardCAN_FD / ExtendedCAN_FD, or more than 8 bytes).</summary>
    public bool IsFd { get; internal set; }

    /// <summary>Matched by J1939 parameter group number rather than by the whole id
    /// (the database declares <c>ProtocolType</c> J1939, or <c>VFrameFormat</c> is J1939PG).</summary>
    public bool IsJ1939 { get; internal set; }

    /// <summary>Signals in file order; decoders write values in this order.</summary>
    public IReadOnlyList<DbcSignal> Signals => _signals;

    /// <summary><c>SIG_GROUP_</c> groups.</summary>
    public IReadOnlyList<DbcSignalGroup> SignalGroups => SignalGroupList;

    /// <summary>The <c>CM_ BO_</c> comment, or null.</summary>
    public string? Comment { get; internal set; }

    /// <summary>Attribute values (<c>BA_ ... BO_</c>), defaults included.</summary>
    public IReadOnlyDictionary<string, DbcAttributeValue> Attributes => AttributeValues;

    internal Dictionary<string, DbcAttributeValue> AttributeValues { get; } = new(StringComparer.Ordinal);

    internal List<DbcSignalGroup> SignalGroupList { get; } = [];

    /// <summary>Index of a signal in <see cref="Signals"/>, or -1.</summary>
    public int IndexOf(string signalName) => _indexes.TryGetValue(signalName, out int index) ? index : -1;

    /// <summary>A signal by name.</summary>
    public bool TryGetSignal(string signalName, [MaybeNullWhen(false)] out DbcSignal signal)
    {
        if (_indexes.TryGetValue(signalName, out int index)) { signal = _signals[index]; return true; }
        signal = null;
        return false;
    }

    /// <summary>Renames signals to their long names, keeping the first where two end up with one name.</summary>
    internal void RenameSignals(Func<DbcSignal, string?> longName)
    {
        _indexes.Clear();
        for (int i = 0; i < _signals.Count; i++)
        {
            if (longName(_signals[i]) is { Length: > 0 } name) _signals[i].Name = name;
            _indexes.TryAdd(_signals[i].Name, i);
        }
    }

    internal bool TryAdd(DbcSignal signal)
    {
        if (!_indexes.TryAdd(signal.Name, _signals.Count)) return false;
        _signals.Add(signal);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
