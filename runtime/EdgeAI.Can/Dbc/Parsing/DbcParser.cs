using System.Globalization;

namespace EdgeAI.Can.Dbc.Parsing;

/// <summary>
/// Recursive-descent reader of DBC text into a <see cref="DbcFile"/>. Statements that refer to other objects
/// (attributes, multiplexing) are resolved after the whole file is read, so their order in the file does not matter.
/// </summary>
internal sealed class DbcParser
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "VERSION", "NS_", "BS_", "BU_", "BO_", "SG_", "CM_", "BA_DEF_", "BA_DEF_DEF_", "BA_", "VAL_", "VAL_TABLE_",
        "SIG_VALTYPE_", "SG_MUL_VAL_", "EV_", "ENVVAR_DATA_", "SIG_GROUP_", "BO_TX_BU_", "BA_DEF_REL_", "BA_REL_",
        "BA_DEF_DEF_REL_", "BU_SG_REL_", "BU_EV_REL_", "BU_BO_REL_", "SGTYPE_", "SGTYPE_VAL_", "SIG_TYPE_REF_",
        "SIGTYPE_VALTYPE_", "BA_DEF_SGTYPE_", "BA_SGTYPE_", "CAT_DEF_", "CAT_", "FILTER", "NS_DESC_", "EV_DATA_",
    };

    /// <summary>Well-formed statements EdgeAI has no use for: skipped without a warning.</summary>
    private static readonly HashSet<string> Unused = new(StringComparer.Ordinal)
    {
        "BA_REL_", "BU_SG_REL_", "BU_EV_REL_", "BU_BO_REL_", "SGTYPE_", "SGTYPE_VAL_", "SIG_TYPE_REF_",
        "SIGTYPE_VALTYPE_", "BA_DEF_SGTYPE_", "BA_SGTYPE_", "CAT_DEF_", "CAT_", "FILTER", "NS_DESC_", "EV_DATA_",
    };

    private readonly DbcScanner _s;
    private readonly DbcFile _file;
    private readonly Dictionary<uint, DbcMessage> _messages = [];
    private readonly Dictionary<string, DbcNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DbcEnvironmentVariable> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<DbcSignal, SignalSource> _sources = [];
    private readonly List<PendingMultiplex> _multiplexing = [];
    private readonly List<PendingValue> _defaults = [];
    private readonly List<PendingValue> _values = [];
    private readonly HashSet<string> _warnedKeywords = new(StringComparer.Ordinal);
    private DbcMessage? _current;

    public DbcParser(string text, string name)
    {
        _s = new DbcScanner(text, name);
        _file = new DbcFile(name);
    }

    public DbcFile Parse()
    {
        while (true)
        {
            _s.LineMode = false;
            _s.Skip();
            if (_s.AtEnd) break;
            int line = _s.Line, column = _s.Column;
            if (!_s.TryIdentifier(out string keyword))
            {
                Warn(line, column, "skipped text that does not start a DBC statement");
                _s.SkipStatement(Keywords.Contains);
                continue;
            }
            ParseStatement(keyword, line, column);
        }
        Resolve();
        return _file;
    }

    private void ParseStatement(string keyword, int line, int column)
    {
        switch (keyword)
        {
            case "VERSION": _file.Version = _s.QuotedString("a quoted version string after VERSION"); break;
            case "NS_": ParseNewSymbols(); break;
            case "BS_": _s.Expect(':', "':' after BS_"); _s.SkipLine(); break;
            case "BU_": ParseNodes(); break;
            case "BO_": ParseMessage(); break;
            case "SG_": ParseSignal(line, column); break;
            case "CM_": ParseComment(line, column); break;
            case "BA_DEF_": ParseAttributeDefinition(relation: false); break;
            case "BA_DEF_REL_": ParseAttributeDefinition(relation: true); break;
            case "BA_DEF_DEF_":
            case "BA_DEF_DEF_REL_": ParseAttributeDefault(line, column); break;
            case "BA_": ParseAttributeValue(line, column); break;
            case "VAL_TABLE_": ParseValueTable(line, column); break;
            case "VAL_": ParseValueDescriptions(line, column); break;
            case "SIG_VALTYPE_": ParseSignalValueType(line, column); break;
            case "SG_MUL_VAL_": ParseMultiplexValues(line, column); break;
            case "EV_": ParseEnvironmentVariable(); break;
            case "ENVVAR_DATA_": ParseEnvironmentData(line, column); break;
            case "SIG_GROUP_": ParseSignalGroup(line, column); break;
            case "BO_TX_BU_": ParseTransmitters(line, column); break;
            default:
                if (!Unused.Contains(keyword) && _warnedKeywords.Add(keyword))
                    Warn(line, column, $"skipped unknown statement '{keyword}' (and any later ones)");
                _s.SkipStatement(Keywords.Contains);
                break;
        }
    }

    private void ParseNewSymbols()
    {
        _s.Expect(':', "':' after NS_");
        while (true)
        {
            _s.Skip();
            if (_s.AtEnd || _s.Column == 1 || !_s.AtIdentifier()) return;
            int line = _s.Line, column = _s.Column;
            _s.TryIdentifier(out string symbol);
            if (symbol is "BS_" or "BU_" or "BO_" or "EV_" or "VERSION")
            {
                ParseStatement(symbol, line, column);
                return;
            }
        }
    }

    private void ParseNodes()
    {
        _s.LineMode = true;
        _s.Expect(':', "':' after BU_");
        while (!_s.AtLineEnd())
        {
            if (_s.TryChar(',')) continue;
            string name = _s.Identifier("a node name");
            if (_nodes.ContainsKey(name)) continue;
            var node = new DbcNode(name);
            _nodes.Add(name, node);
            _file.NodeList.Add(node);
        }
    }

    private const string IndependentSignalsMessage = "VECTOR__INDEPENDENT_SIG_MSG";

    private void ParseMessage()
    {
        _s.LineMode = true;
        int idLine = _s.Line;
        _s.Skip();
        int idColumn = _s.Column;
        uint rawId = _s.UInt("a message id after BO_");
        string name = _s.Name("a message name");
        _s.Expect(':', "':' after the message name");
        _s.Skip();
        int sizeColumn = _s.Column;
        uint size = _s.UInt("the message size in bytes");
        if (size > CanFrame.MaxFdLength) throw _s.ErrorAt(idLine, sizeColumn, "a message size of 0..64 bytes", size.ToString(CultureInfo.InvariantCulture));
        string sender = _s.AtLineEnd() ? "Vector__XXX" : _s.Identifier("the transmitting node's name");
        if (!_s.AtLineEnd()) throw _s.Error("the end of the BO_ line");
        // CANdb++ keeps signals no message sends in a pseudo message whose id is not a CAN id: 0xC0000000, or 0x40000000
        // in some exports. It is kept (never decoded), as cantools and canmatrix do.
        if ((rawId & ~DbcMessage.ExtendedFlag) > CanFrame.MaxExtendedId && name != IndependentSignalsMessage)
            throw _s.ErrorAt(idLine, idColumn, "an 11- or 29-bit id (0..536870911), with or without bit 31 (+2147483648)", rawId.ToString(CultureInfo.InvariantCulture));
        // opendbc writes some 29-bit ids without bit 31; above 2047 nothing else fits, so it is read as one (a guess: say so).
        if ((rawId & DbcMessage.ExtendedFlag) == 0 && rawId > CanFrame.MaxStandardId && name != IndependentSignalsMessage)
            Warn(idLine, idColumn, $"message '{name}' has id {rawId}, above 2047 without bit 31: read as the 29-bit id 0x{rawId:X8}");

        var message = new DbcMessage(rawId, name, (int)size, sender);
        if (!_messages.TryAdd(rawId, message))
            Warn(idLine, idColumn, $"message id {rawId} is defined again by '{name}'; statements naming the id refer to '{_messages[rawId].Name}'", serious: true);
        _file.MessageList.Add(message);
        _current = message;
    }

    private void ParseSignal(int line, int column)
    {
        if (_current is null) throw _s.ErrorAt(line, column, "a BO_ message before its SG_ signals", "SG_");
        _s.LineMode = true;
        string name = _s.Name("a signal name after SG_");

        var role = DbcMultiplexRole.None;
        long switchValue = 0;
        if (_s.Peek() != ':')
        {
            var error = _s.Error("a multiplexer indicator (M, mN or mNM) or ':' after the signal name");
            string indicator = _s.Identifier(error.Expected);
            if (!TryParseMultiplexIndicator(indicator, out role, out switchValue)) throw error;
        }
        _s.Expect(':', "':' after the signal name");
        _s.Skip();
        int startColumn = _s.Column;
        uint start = _s.UInt("a start bit");
        _s.Expect('|', "'|' between start bit and length");
        _s.Skip();
        int lengthColumn = _s.Column;
        uint length = _s.UInt("a length in bits");
        _s.Expect('@', "'@' before the byte order");
        DbcByteOrder order = _s.TryChar('1') ? DbcByteOrder.LittleEndian
            : _s.TryChar('0') ? DbcByteOrder.BigEndian
            : throw _s.Error("byte order '1' (Intel) or '0' (Motorola) after '@'");
        bool signed = _s.TryChar('-');
        if (!signed && !_s.TryChar('+')) throw _s.Error("'+' (unsigned) or '-' (signed) after the byte order");
        _s.Expect('(', "'(' before factor and offset");
        double factor = _s.FiniteNumber("a factor");
        _s.Expect(',', "',' between factor and offset");
        double offset = _s.FiniteNumber("an offset");
        _s.Expect(')', "')' after the offset");
        _s.Expect('[', "'[' before min and max");
        double minimum = _s.Number("a minimum");
        _s.Expect('|', "'|' between min and max");
        double maximum = _s.Number("a maximum");
        _s.Expect(']', "']' after the maximum");
        string unit = _s.QuotedString("a quoted unit");
        var receivers = new List<string>();
        while (!_s.AtLineEnd())
        {
            if (_s.TryChar(',')) continue;
            receivers.Add(_s.Identifier("a receiving node's name"));
        }

        if (length == 0) throw _s.ErrorAt(line, lengthColumn, "a signal length of 1..64 bits", "0");
        // Real files carry signals no frame can hold (e.g. J1939 transport-protocol data of 1600 bits): skip, not fail.
        if (length > 64 || start >= 512 || SignalLayout.LastLinearBit((int)start, (int)Math.Min(length, 64), order) >= 512)
        {
            Warn(line, column, $"signal '{name}' of message '{_current.Name}' ({length} bits from bit {start}) does not fit a CAN frame (64 bits, 64 bytes); skipped", serious: true);
            return;
        }

        var signal = new DbcSignal(name, (int)start, (int)length, order, signed, factor, offset, minimum, maximum, unit, receivers)
        {
            MultiplexRole = role,
        };
        // The pseudo message of unsent signals has size 0 and is never decoded: its signals reach past nothing.
        if (SignalLayout.EndByte((int)start, (int)length, order) > _current.Size && _current.Name != IndependentSignalsMessage)
            Warn(line, startColumn, $"signal '{name}' reaches past the {_current.Size}-byte message '{_current.Name}'", serious: true);
        if (factor == 0)
            Warn(line, column, $"signal '{name}' of message '{_current.Name}' has factor 0: every value decodes as its offset", serious: true);
        if (minimum > maximum)
            Warn(line, column, $"signal '{name}' of message '{_current.Name}' has minimum {minimum} above maximum {maximum}", serious: true);
        if (!_current.TryAdd(signal))
        {
            Warn(line, column, $"signal '{name}' is defined twice in message '{_current.Name}'; the first is kept", serious: true);
            return;
        }
        _sources[signal] = new SignalSource(line, column, role is DbcMultiplexRole.Multiplexed or DbcMultiplexRole.MultiplexedMultiplexor ? switchValue : null);
    }

    private static bool TryParseMultiplexIndicator(string text, out DbcMultiplexRole role, out long value)
    {
        role = DbcMultiplexRole.None;
        value = 0;
        if (text == "M") { role = DbcMultiplexRole.Multiplexor; return true; }
        if (text.Length < 2 || text[0] != 'm') return false;
        bool alsoMultiplexor = text[^1] == 'M';
        var digits = text.AsSpan(1, text.Length - (alsoMultiplexor ? 2 : 1));
        if (digits.IsEmpty || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value)) return false;
        role = alsoMultiplexor ? DbcMultiplexRole.MultiplexedMultiplexor : DbcMultiplexRole.Multiplexed;
        return true;
    }

    private void ParseComment(int line, int column)
    {
        if (_s.Peek() == '"')
        {
            _file.Comment = _s.QuotedString("a quoted comment");
            _s.Expect(';', "';' after the comment");
            return;
        }
        string kind = _s.Identifier("BU_, BO_, SG_, EV_ or a quoted comment after CM_");
        switch (kind)
        {
            case "BU_":
            {
                string name = _s.Identifier("a node name");
                string text = _s.QuotedString("a quoted comment");
                if (_nodes.TryGetValue(name, out var node)) node.Comment = text;
                else Warn(line, column, $"comment for unknown node '{name}' ignored");
                break;
            }
            case "BO_":
            {
                uint id = _s.UInt("a message id");
                string text = _s.QuotedString("a quoted comment");
                if (FindMessage(id, line, column, "comment") is { } message) message.Comment = text;
                break;
            }
            case "SG_":
            {
                uint id = _s.UInt("a message id");
                string name = _s.Name("a signal name");
                string text = _s.QuotedString("a quoted comment");
                if (FindSignal(id, name, line, column, "comment") is { } signal) signal.Comment = text;
                break;
            }
            case "EV_":
            {
                string name = _s.Identifier("an environment variable name");
                string text = _s.QuotedString("a quoted comment");
                if (_variables.TryGetValue(name, out var variable)) variable.Comment = text;
                else Warn(line, column, $"comment for unknown environment variable '{name}' ignored");
                break;
            }
            default:
                _s.SkipStatement(Keywords.Contains);
                return;
        }
        _s.Expect(';', "';' after the comment");
    }

    private void ParseAttributeDefinition(bool relation)
    {
        var target = DbcAttributeTarget.Network;
        if (_s.Peek() != '"')
        {
            string kind = _s.Identifier("an object type (BU_, BO_, SG_, EV_) or a quoted attribute name");
            target = kind switch
            {
                "BU_" => DbcAttributeTarget.Node,
                "BO_" => DbcAttributeTarget.Message,
                "SG_" => DbcAttributeTarget.Signal,
                "EV_" => DbcAttributeTarget.EnvironmentVariable,
                "BU_SG_REL_" or "BU_BO_REL_" or "BU_EV_REL_" when relation => DbcAttributeTarget.Relation,
                _ => throw _s.ErrorAt(_s.Line, _s.Column - kind.Length, "an object type (BU_, BO_, SG_, EV_) or a quoted attribute name", kind),
            };
        }
        string name = _s.QuotedString("a quoted attribute name");
        string type = _s.Identifier("an attribute type (INT, HEX, FLOAT, STRING or ENUM)");
        double minimum = 0, maximum = 0;
        var labels = new List<string>();
        DbcAttributeKind kindOfValue;
        switch (type)
        {
            case "INT": kindOfValue = DbcAttributeKind.Int; break;
            case "HEX": kindOfValue = DbcAttributeKind.Hex; break;
            case "FLOAT": kindOfValue = DbcAttributeKind.Float; break;
            case "STRING": kindOfValue = DbcAttributeKind.String; break;
            case "ENUM": kindOfValue = DbcAttributeKind.Enum; break;
            default: throw _s.ErrorAt(_s.Line, _s.Column - type.Length, "an attribute type (INT, HEX, FLOAT, STRING or ENUM)", type);
        }
        if (kindOfValue is DbcAttributeKind.Int or DbcAttributeKind.Hex or DbcAttributeKind.Float)
        {
            minimum = _s.Number("the attribute's minimum");
            maximum = _s.Number("the attribute's maximum");
        }
        else if (kindOfValue == DbcAttributeKind.Enum)
        {
            while (_s.Peek() == '"')
            {
                labels.Add(_s.QuotedString("a quoted ENUM label"));
                if (!_s.TryChar(',')) break;
            }
        }
        _s.Expect(';', "';' after the attribute definition");
        var definition = new DbcAttributeDefinition(name, target, kindOfValue, minimum, maximum, labels);
        if (target != DbcAttributeTarget.Relation || !_file.DefinitionMap.ContainsKey(name))
            _file.DefinitionMap[name] = definition;
    }

    private void ParseAttributeDefault(int line, int column)
    {
        string name = _s.QuotedString("a quoted attribute name");
        var value = ReadAttributeValue();
        _s.Expect(';', "';' after the default value");
        _defaults.Add(new PendingValue(line, column, name, value.Number, value.Text, value.IsString, null));
    }

    private void ParseAttributeValue(int line, int column)
    {
        string name = _s.QuotedString("a quoted attribute name");
        object? target = null;
        string? targetText = null;
        if (_s.AtIdentifier())
        {
            string kind = _s.Identifier("BU_, BO_, SG_ or EV_");
            switch (kind)
            {
                case "BU_":
                    targetText = _s.Identifier("a node name");
                    target = _nodes.GetValueOrDefault(targetText);
                    break;
                case "BO_":
                    uint id = _s.UInt("a message id");
                    targetText = id.ToString(CultureInfo.InvariantCulture);
                    target = _messages.GetValueOrDefault(id);
                    break;
                case "SG_":
                    uint messageId = _s.UInt("a message id");
                    string signalName = _s.Name("a signal name");
                    targetText = $"{messageId} {signalName}";
                    target = _messages.TryGetValue(messageId, out var message) && message.TryGetSignal(signalName, out var signal) ? signal : null;
                    break;
                case "EV_":
                    targetText = _s.Identifier("an environment variable name");
                    target = _variables.GetValueOrDefault(targetText);
                    break;
                default:
                    throw _s.ErrorAt(_s.Line, _s.Column - kind.Length, "BU_, BO_, SG_, EV_ or a value after the attribute name", kind);
            }
        }
        var value = ReadAttributeValue();
        _s.Expect(';', "';' after the attribute value");
        if (targetText is not null && target is null)
        {
            Warn(line, column, $"attribute '{name}' for unknown object '{targetText}' ignored");
            return;
        }
        _values.Add(new PendingValue(line, column, name, value.Number, value.Text, value.IsString, target));
    }

    private (double Number, string Text, bool IsString) ReadAttributeValue()
    {
        if (_s.Peek() == '"') return (double.NaN, _s.QuotedString("a quoted value"), true);
        double number = _s.Number("an attribute value (a number or a quoted string)");
        return (number, number.ToString(CultureInfo.InvariantCulture), false);
    }

    private void ParseValueTable(int line, int column)
    {
        string name = _s.Identifier("a value table name after VAL_TABLE_");
        var labels = ReadLabels(line, column, "VAL_TABLE_");
        _file.ValueTableMap[name] = new DbcValueTable(name, labels);
    }

    private Dictionary<long, string> ReadLabels(int line, int column, string keyword)
    {
        var labels = new Dictionary<long, string>();
        while (!_s.TryChar(';'))
        {
            // opendbc's mazda_2017.dbc ends its last two VAL_ lines without ';' (the labels are all there): read on.
            if (_s.AtStatementStart(Keywords.Contains) || _s.AtEnd)
            {
                Warn(line, column, $"{keyword} ends without ';' (read up to {(_s.AtEnd ? "the end of the file" : "the next statement")})");
                break;
            }
            long value = _s.Integer("a whole raw value or ';'");
            labels[value] = _s.QuotedString("a quoted label after the value");
        }
        return labels;
    }

    private void ParseValueDescriptions(int line, int column)
    {
        if (_s.AtIdentifier())
        {
            string variableName = _s.Identifier("an environment variable name");
            var variableLabels = ReadLabels(line, column, "VAL_");
            if (_variables.TryGetValue(variableName, out var variable)) variable.ValueDescriptions = new DbcValueTable(variableName, variableLabels);
            else Warn(line, column, $"value descriptions for unknown environment variable '{variableName}' ignored");
            return;
        }
        uint id = _s.UInt("a message id or an environment variable name after VAL_");
        string name = _s.Name("a signal name");
        var labels = ReadLabels(line, column, "VAL_");
        if (FindSignal(id, name, line, column, "value descriptions") is { } signal)
            signal.ValueDescriptions = new DbcValueTable(name, labels);
    }

    private void ParseSignalValueType(int line, int column)
    {
        uint id = _s.UInt("a message id after SIG_VALTYPE_");
        string name = _s.Name("a signal name");
        _s.TryChar(':');
        _s.Skip();
        int typeLine = _s.Line, typeColumn = _s.Column;
        uint type = _s.UInt("a value type: 0 (integer), 1 (float32) or 2 (float64)");
        _s.Expect(';', "';' after the value type");
        if (type > 2) throw _s.ErrorAt(typeLine, typeColumn, "a value type: 0 (integer), 1 (float32) or 2 (float64)", type.ToString(CultureInfo.InvariantCulture));
        if (FindSignal(id, name, line, column, "value type") is not { } signal) return;
        int needed = type == 1 ? 32 : type == 2 ? 64 : signal.Length;
        if (signal.Length != needed)
            throw _s.ErrorAt(typeLine, typeColumn, $"a value type that fits '{name}' ({signal.Length} bits; float32 needs 32, float64 needs 64)", type.ToString(CultureInfo.InvariantCulture));
        signal.ValueType = (DbcValueType)type;
    }

    private void ParseMultiplexValues(int line, int column)
    {
        uint id = _s.UInt("a message id after SG_MUL_VAL_");
        string name = _s.Name("a multiplexed signal's name");
        string multiplexer = _s.Name("the multiplexor signal's name");
        var ranges = new List<DbcMultiplexRange>();
        do
        {
            uint low = _s.UInt("a range of multiplexor values 'low-high'");
            _s.Expect('-', "'-' between the low and high multiplexor value");
            uint high = _s.UInt("the high multiplexor value of the range");
            ranges.Add(new DbcMultiplexRange(low, Math.Max(low, high)));
        }
        while (_s.TryChar(','));
        _s.Expect(';', "',' or ';' after a multiplexor value range");
        if (FindSignal(id, name, line, column, "multiplexing") is { } signal)
            _multiplexing.Add(new PendingMultiplex(line, column, signal, _messages[id], multiplexer, ranges));
    }

    private void ParseEnvironmentVariable()
    {
        string name = _s.Identifier("an environment variable name after EV_");
        _s.Expect(':', "':' after the variable name");
        int type = (int)_s.UInt("a variable type: 0 (integer), 1 (float) or 2 (string)");
        _s.Expect('[', "'[' before min and max");
        double minimum = _s.Number("a minimum");
        _s.Expect('|', "'|' between min and max");
        double maximum = _s.Number("a maximum");
        _s.Expect(']', "']' after the maximum");
        string unit = _s.QuotedString("a quoted unit");
        double initial = _s.Number("an initial value");
        long id = _s.Integer("a variable id");
        string access = _s.Identifier("an access type (DUMMY_NODE_VECTORn)");
        var nodes = new List<string>();
        while (!_s.TryChar(';'))
        {
            if (_s.TryChar(',')) continue;
            nodes.Add(_s.Identifier("a node name or ';'"));
        }
        var variable = new DbcEnvironmentVariable(name, type, minimum, maximum, unit, initial, id, access, nodes);
        if (_variables.TryAdd(name, variable)) _file.EnvironmentVariableList.Add(variable);
    }

    private void ParseEnvironmentData(int line, int column)
    {
        string name = _s.Identifier("an environment variable name after ENVVAR_DATA_");
        _s.Expect(':', "':' after the variable name");
        uint size = _s.UInt("a data size in bytes");
        _s.Expect(';', "';' after the data size");
        if (_variables.TryGetValue(name, out var variable)) variable.DataSize = (int)size;
        else Warn(line, column, $"data size for unknown environment variable '{name}' ignored");
    }

    private void ParseSignalGroup(int line, int column)
    {
        uint id = _s.UInt("a message id after SIG_GROUP_");
        string name = _s.Identifier("a signal group name");
        uint repetitions = _s.UInt("a repetition count");
        _s.Expect(':', "':' before the group's signals");
        var signals = new List<string>();
        while (!_s.TryChar(';'))
        {
            if (_s.TryChar(',')) continue;
            signals.Add(_s.Name("a signal name or ';'"));
        }
        if (FindMessage(id, line, column, "signal group") is { } message)
            message.SignalGroupList.Add(new DbcSignalGroup(name, (int)repetitions, signals));
    }

    private void ParseTransmitters(int line, int column)
    {
        uint id = _s.UInt("a message id after BO_TX_BU_");
        _s.Expect(':', "':' before the transmitters");
        var nodes = new List<string>();
        while (!_s.TryChar(';'))
        {
            if (_s.TryChar(',')) continue;
            nodes.Add(_s.Identifier("a node name or ';'"));
        }
        if (FindMessage(id, line, column, "transmitters") is { } message) message.Transmitters = nodes;
    }

    private DbcMessage? FindMessage(uint id, int line, int column, string what)
    {
        if (_messages.TryGetValue(id, out var message)) return message;
        Warn(line, column, $"{what} for unknown message id {id} ignored", serious: true);
        return null;
    }

    private DbcSignal? FindSignal(uint id, string name, int line, int column, string what)
    {
        if (FindMessage(id, line, column, what) is not { } message) return null;
        if (message.TryGetSignal(name, out var signal)) return signal;
        Warn(line, column, $"{what} for unknown signal '{name}' of message '{message.Name}' ignored", serious: true);
        return null;
    }

    // Serious: some frames decode wrong or not at all because of it (--strict refuses the file).
    private void Warn(int line, int column, string text, bool serious = false)
    {
        string warning = $"{_file.Name}:{line}:{column}: {text}";
        _file.WarningList.Add(warning);
        if (serious) _file.SeriousWarningList.Add(warning);
    }

    private void Resolve()
    {
        ResolveAttributes();
        ResolveMultiplexing();
        ApplyLongNames();
        bool j1939 = _file.IsJ1939;
        foreach (var message in _file.MessageList)
        {
            if (message.AttributeValues.TryGetValue("GenMsgCycleTime", out var cycle) && cycle.IsNumber && cycle.Number >= 1 && cycle.Number <= int.MaxValue)
                message.CycleTimeMs = (int)cycle.Number;
            string format = message.AttributeValues.TryGetValue("VFrameFormat", out var frameFormat) ? frameFormat.Text : "";
            message.IsFd = message.Size > CanFrame.MaxClassicLength || format.EndsWith("CAN_FD", StringComparison.OrdinalIgnoreCase)
                || (frameFormat.IsNumber && frameFormat.Number is 14 or 15 && !_file.DefinitionMap.ContainsKey("VFrameFormat"));
            message.IsJ1939 = message.IsExtended && (j1939 || format.Equals("J1939PG", StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>CANdb++ cuts names to 32 characters and keeps the whole name in an attribute; use the whole name, as canmatrix and cantools do.</summary>
    private void ApplyLongNames()
    {
        foreach (var node in _file.NodeList)
            if (LongName(node.AttributeValues, "SystemNodeLongSymbol") is { } name) node.Name = name;
        foreach (var message in _file.MessageList)
        {
            if (LongName(message.AttributeValues, "SystemMessageLongSymbol") is { } name) message.Name = name;
            message.RenameSignals(signal => LongName(signal.AttributeValues, "SystemSignalLongSymbol"));
        }

        static string? LongName(Dictionary<string, DbcAttributeValue> attributes, string key) =>
            attributes.TryGetValue(key, out var value) && !value.IsNumber && value.Text.Length > 0 ? value.Text : null;
    }

    private void ResolveAttributes()
    {
        foreach (var pending in _defaults)
        {
            if (!_file.DefinitionMap.TryGetValue(pending.Name, out var definition))
            {
                Warn(pending.Line, pending.Column, $"default for undefined attribute '{pending.Name}' ignored");
                continue;
            }
            definition.Default = ToValue(definition, pending);
        }
        foreach (var definition in _file.DefinitionMap.Values)
        {
            if (definition.Default is not { } value) continue;
            switch (definition.Target)
            {
                case DbcAttributeTarget.Network: _file.AttributeValues[definition.Name] = value; break;
                case DbcAttributeTarget.Node: foreach (var node in _file.NodeList) node.AttributeValues[definition.Name] = value; break;
                case DbcAttributeTarget.Message: foreach (var message in _file.MessageList) message.AttributeValues[definition.Name] = value; break;
                case DbcAttributeTarget.Signal:
                    foreach (var message in _file.MessageList)
                        foreach (var signal in message.Signals) signal.AttributeValues[definition.Name] = value;
                    break;
                case DbcAttributeTarget.EnvironmentVariable: foreach (var variable in _file.EnvironmentVariableList) variable.AttributeValues[definition.Name] = value; break;
            }
        }
        foreach (var pending in _values)
        {
            var value = _file.DefinitionMap.TryGetValue(pending.Name, out var definition)
                ? ToValue(definition, pending)
                : pending.IsString ? DbcAttributeValue.FromString(pending.Text) : DbcAttributeValue.FromNumber(pending.Number, pending.Text);
            var map = pending.Target switch
            {
                null => _file.AttributeValues,
                DbcNode node => node.AttributeValues,
                DbcMessage message => message.AttributeValues,
                DbcSignal signal => signal.AttributeValues,
                DbcEnvironmentVariable variable => variable.AttributeValues,
                _ => null,
            };
            if (map is not null) map[pending.Name] = value;
        }
    }

    private DbcAttributeValue ToValue(DbcAttributeDefinition definition, PendingValue pending)
    {
        if (definition.Kind == DbcAttributeKind.Enum)
        {
            if (pending.IsString)
            {
                int index = IndexOf(definition.EnumValues, pending.Text);
                return index >= 0 ? DbcAttributeValue.FromEnum(index, pending.Text) : DbcAttributeValue.FromString(pending.Text);
            }
            if (pending.Number >= 0 && pending.Number < definition.EnumValues.Count && pending.Number == Math.Floor(pending.Number))
                return DbcAttributeValue.FromEnum((int)pending.Number, definition.EnumValues[(int)pending.Number]);
            Warn(pending.Line, pending.Column, $"value {pending.Text} is not an index of ENUM attribute '{definition.Name}'");
            return DbcAttributeValue.FromNumber(pending.Number, pending.Text);
        }
        if (pending.IsString)
        {
            if (definition.Kind != DbcAttributeKind.String
                && double.TryParse(pending.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed))
                return DbcAttributeValue.FromNumber(parsed, pending.Text);
            return DbcAttributeValue.FromString(pending.Text);
        }
        return DbcAttributeValue.FromNumber(pending.Number, pending.Text);
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (int i = 0; i < labels.Count; i++)
            if (labels[i] == label) return i;
        return -1;
    }

    private void ResolveMultiplexing()
    {
        var explicitly = new HashSet<DbcSignal>();
        foreach (var pending in _multiplexing)
        {
            if (!pending.Message.TryGetSignal(pending.Multiplexer, out var multiplexer))
                throw _s.ErrorAt(pending.Line, pending.Column, $"a multiplexor signal of message '{pending.Message.Name}'", pending.Multiplexer);
            if (multiplexer == pending.Signal)
                throw _s.ErrorAt(pending.Line, pending.Column, "a multiplexor other than the signal itself", pending.Multiplexer);
            if (!multiplexer.IsMultiplexor)
                multiplexer.MultiplexRole = multiplexer.MultiplexRole == DbcMultiplexRole.None ? DbcMultiplexRole.Multiplexor : DbcMultiplexRole.MultiplexedMultiplexor;
            var signal = pending.Signal;
            if (signal.MultiplexRole == DbcMultiplexRole.None) signal.MultiplexRole = DbcMultiplexRole.Multiplexed;
            else if (signal.MultiplexRole == DbcMultiplexRole.Multiplexor) signal.MultiplexRole = DbcMultiplexRole.MultiplexedMultiplexor;
            signal.Multiplexer = multiplexer;
            signal.MultiplexValues = pending.Ranges;
            explicitly.Add(signal);
        }

        foreach (var message in _file.MessageList)
        {
            DbcSignal? plain = null;
            int plainCount = 0;
            foreach (var signal in message.Signals)
                if (signal.MultiplexRole == DbcMultiplexRole.Multiplexor) { plain ??= signal; plainCount++; }
            foreach (var signal in message.Signals)
            {
                if (explicitly.Contains(signal) || !_sources.TryGetValue(signal, out var source) || source.SwitchValue is not { } value) continue;
                if (plain is null)
                    throw _s.ErrorAt(source.Line, source.Column, $"a multiplexor signal (M) in message '{message.Name}' for multiplexed signal '{signal.Name}'", signal.Name);
                if (plainCount > 1)
                    Warn(source.Line, source.Column, $"signal '{signal.Name}' has no SG_MUL_VAL_ and message '{message.Name}' has several multiplexors; '{plain.Name}' is used");
                signal.Multiplexer = plain;
                signal.MultiplexValues = [new DbcMultiplexRange(value, value)];
            }
            foreach (var signal in message.Signals)
            {
                int depth = 0;
                for (var up = signal.Multiplexer; up is not null; up = up.Multiplexer)
                {
                    if (++depth > message.Signals.Count)
                    {
                        var source = _sources[signal];
                        throw _s.ErrorAt(source.Line, source.Column, "multiplexors that do not select each other in a cycle", signal.Name);
                    }
                }
            }
        }
    }

    private readonly record struct SignalSource(int Line, int Column, long? SwitchValue);

    private sealed record PendingMultiplex(int Line, int Column, DbcSignal Signal, DbcMessage Message, string Multiplexer, List<DbcMultiplexRange> Ranges);

    private sealed record PendingValue(int Line, int Column, string Name, double Number, string Text, bool IsString, object? Target);
}
