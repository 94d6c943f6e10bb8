using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace EdgeAI.Can.Dbc;

/// <summary>
/// The messages of a <see cref="DbcFile"/> compiled for decoding: finds the <see cref="MessageDecoder"/> for a
/// frame by (id, extended) — and, for J1939 messages, by parameter group number, ignoring priority, source
/// address and a PDU1 destination address. Lookups do not allocate. Immutable and safe to share between threads.
/// </summary>
public sealed class DbcDatabase
{
    private readonly FrozenDictionary<uint, MessageDecoder> _byKey;
    private readonly FrozenDictionary<uint, MessageDecoder> _byPgn;
    private readonly Dictionary<string, MessageDecoder> _byName = new(StringComparer.Ordinal);
    private readonly MessageDecoder[] _decoders;

    /// <summary>Compiles every message of <paramref name="file"/> that a CAN frame can carry (pseudo messages such as
    /// <c>VECTOR__INDEPENDENT_SIG_MSG</c>, whose id is not a CAN id, are left out).</summary>
    public DbcDatabase(DbcFile file)
    {
        File = file;
        var byKey = new Dictionary<uint, MessageDecoder>();
        var byPgn = new Dictionary<uint, MessageDecoder>();
        var decoders = new List<MessageDecoder>();
        foreach (var message in file.Messages)
        {
            if (message.Id > (message.IsExtended ? CanFrame.MaxExtendedId : CanFrame.MaxStandardId)) continue;
            var decoder = new MessageDecoder(message);
            decoders.Add(decoder);
            byKey.TryAdd(Key(message.Id, message.IsExtended), decoder);
            _byName.TryAdd(message.Name, decoder);
            if (message.IsJ1939) byPgn.TryAdd(J1939Id.Pgn(message.Id), decoder);
            MaxSignalCount = Math.Max(MaxSignalCount, decoder.SignalCount);
        }
        _byKey = byKey.ToFrozenDictionary();
        _byPgn = byPgn.ToFrozenDictionary();
        _decoders = [.. decoders];
    }

    /// <summary>Parses and compiles a DBC file.</summary>
    /// <exception cref="DbcFormatException">the file is not a valid DBC.</exception>
    public static DbcDatabase Load(string path) => new(DbcFile.Load(path));

    /// <summary>The parsed file.</summary>
    public DbcFile File { get; }

    /// <summary>Decoders in file order.</summary>
    public IReadOnlyList<MessageDecoder> Decoders => _decoders;

    /// <summary>The most signals any message has: a values buffer this long fits every decoder.</summary>
    public int MaxSignalCount { get; }

    /// <summary>The decoder for a frame; false for unknown ids, remote and error frames.</summary>
    public bool TryGetDecoder(in CanFrame frame, [MaybeNullWhen(false)] out MessageDecoder decoder)
    {
        if ((frame.Flags & (CanFlags.Error | CanFlags.Remote)) != 0)
        {
            decoder = null;
            return false;
        }
        return TryGetDecoder(frame.Id, frame.IsExtended, out decoder);
    }

    /// <summary>The decoder for an identifier: exact match first, then by PGN for J1939 messages.</summary>
    public bool TryGetDecoder(uint id, bool extended, [MaybeNullWhen(false)] out MessageDecoder decoder)
    {
        if (_byKey.TryGetValue(Key(id, extended), out decoder)) return true;
        return extended && _byPgn.Count > 0 && _byPgn.TryGetValue(J1939Id.Pgn(id), out decoder);
    }

    /// <summary>The decoder of a message by name.</summary>
    public bool TryGetDecoder(string messageName, [MaybeNullWhen(false)] out MessageDecoder decoder) =>
        _byName.TryGetValue(messageName, out decoder);

    /// <summary>The decoder of a message by name.</summary>
    /// <exception cref="KeyNotFoundException">no message has that name.</exception>
    public MessageDecoder GetDecoder(string messageName) =>
        _byName.TryGetValue(messageName, out var decoder) ? decoder : throw new KeyNotFoundException($"{File.Name}: no message '{messageName}'");

    private static uint Key(uint id, bool extended) => extended ? id | DbcMessage.ExtendedFlag : id;
}
