using System.Globalization;

namespace EdgeAI.Can.Dbc.Parsing;

/// <summary>
/// Reads DBC tokens from text and knows the line and column of each, so every error names them.
/// In line mode, whitespace skipping stops at line breaks (for <c>BO_</c>, <c>SG_</c>, <c>BU_</c>, which end at the line's end).
/// </summary>
internal sealed class DbcScanner
{
    private readonly string _text;
    private readonly string _file;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    public DbcScanner(string text, string file)
    {
        _text = text;
        _file = file;
    }

    /// <summary>Stop skipping whitespace at line breaks.</summary>
    public bool LineMode { get; set; }

    public int Line => _line;
    public int Column => _pos - _lineStart + 1;
    public bool AtEnd => _pos >= _text.Length;
    private char Current => _pos < _text.Length ? _text[_pos] : '\0';
    private char Next => _pos + 1 < _text.Length ? _text[_pos + 1] : '\0';

    /// <summary>Skips whitespace (not line breaks in line mode) and <c>//</c> comments.</summary>
    public void Skip()
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == '\n')
            {
                if (LineMode) return;
                _pos++;
                _line++;
                _lineStart = _pos;
            }
            else if (c is ' ' or '\t' or '\r' or '\f' or '\v' or '\uFEFF') _pos++;
            else if (c == '/' && Next == '/')
            {
                while (_pos < _text.Length && _text[_pos] != '\n') _pos++;
            }
            else return;
        }
    }

    /// <summary>True at the end of the line (or file), after skipping spaces.</summary>
    public bool AtLineEnd()
    {
        bool lineMode = LineMode;
        LineMode = true;
        Skip();
        LineMode = lineMode;
        return AtEnd || Current == '\n';
    }

    /// <summary>The next character after whitespace, without consuming it ('\0' at the end).</summary>
    public char Peek()
    {
        Skip();
        return Current;
    }

    public bool TryChar(char c)
    {
        Skip();
        if (Current != c) return false;
        _pos++;
        return true;
    }

    public void Expect(char c, string expected)
    {
        if (!TryChar(c)) throw Error(expected);
    }

    /// <summary>True when the next token is an identifier (a C name).</summary>
    public bool AtIdentifier()
    {
        Skip();
        return IsIdentifierStart(Current);
    }

    public bool TryIdentifier(out string identifier)
    {
        Skip();
        if (!IsIdentifierStart(Current))
        {
            identifier = "";
            return false;
        }
        int start = _pos;
        while (_pos < _text.Length && IsIdentifierPart(_text[_pos])) _pos++;
        identifier = _text[start.._pos];
        return true;
    }

    public string Identifier(string expected) => TryIdentifier(out var identifier) ? identifier : throw Error(expected);

    /// <summary>
    /// A message or signal name: letters, digits and '_', possibly starting with a digit (real files have
    /// <c>2017_5</c> and <c>0_CHECKSUM</c>). All digits is a number, not a name, so a missing name is still reported.
    /// </summary>
    public string Name(string expected)
    {
        Skip();
        int end = _pos;
        bool hasNonDigit = false;
        while (end < _text.Length && IsIdentifierPart(_text[end]))
        {
            if (!char.IsAsciiDigit(_text[end])) hasNonDigit = true;
            end++;
        }
        if (!hasNonDigit) throw Error(expected);
        string name = _text[_pos..end];
        _pos = end;
        return name;
    }

    /// <summary>A decimal number: optional sign, digits, fraction, exponent.</summary>
    public double Number(string expected)
    {
        Skip();
        int start = _pos;
        int end = ScanNumber(_pos);
        if (end == start) throw Error(expected);
        if (!double.TryParse(_text.AsSpan(start, end - start), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw Error(expected);
        _pos = end;
        return value;
    }

    /// <summary>
    /// A number that must be finite: 1e400 parses as infinity, and a factor or offset of infinity makes every value it
    /// touches infinite or NaN (unwritable as JSON). Ranges may be huge: real J1939 DBCs write maxima of 4.4E+481.
    /// </summary>
    public double FiniteNumber(string expected)
    {
        Skip();
        int line = Line, column = Column;
        string token = DescribeCurrent(out _);
        double value = Number(expected);
        return double.IsFinite(value) ? value : throw new DbcFormatException(_file, line, column, expected + " (a finite number)", token);
    }

    /// <summary>A number that must be a whole value (value tables accept <c>3</c>, <c>-1</c> and <c>3.0</c>).</summary>
    public long Integer(string expected)
    {
        Skip();
        int line = Line, column = Column;
        string token = DescribeCurrent(out _);
        double value = Number(expected);
        if (value != Math.Floor(value) || value < long.MinValue || value >= 9.2233720368547758E18)
            throw new DbcFormatException(_file, line, column, expected, token);
        return (long)value;
    }

    /// <summary>Unsigned decimal digits (ids, bit positions, sizes).</summary>
    public uint UInt(string expected)
    {
        Skip();
        int start = _pos;
        ulong value = 0;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
        {
            value = value * 10 + (uint)(_text[_pos] - '0');
            if (value > uint.MaxValue) { _pos = start; throw Error(expected); }
            _pos++;
        }
        if (_pos == start || (_pos < _text.Length && (IsIdentifierPart(_text[_pos]) || _text[_pos] == '.')))
        {
            _pos = start;
            throw Error(expected);
        }
        return (uint)value;
    }

    /// <summary>A double-quoted string; <c>\"</c> and <c>\\</c> are escapes; line breaks may occur inside.</summary>
    public string QuotedString(string expected)
    {
        Skip();
        if (Current != '"') throw Error(expected);
        int line = Line, column = Column;
        _pos++;
        var builder = new System.Text.StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length) throw new DbcFormatException(_file, line, column, "a closing '\"' for this string", "end of file", foundIsToken: false);
            char c = _text[_pos++];
            if (c == '"') break;
            if (c == '\\' && _pos < _text.Length && _text[_pos] is '"' or '\\')
            {
                builder.Append(_text[_pos++]);
                continue;
            }
            if (c == '\n')
            {
                _line++;
                _lineStart = _pos;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>Skips a statement up to and including its ';', respecting strings; stops early before a line
    /// that starts with a known keyword, so a statement missing its ';' does not swallow the next ones.</summary>
    public void SkipStatement(Func<string, bool> isKeyword)
    {
        LineMode = false;
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == ';') { _pos++; return; }
            if (c == '"') { QuotedString("a string"); continue; }
            _pos++;
            if (c == '\n')
            {
                _line++;
                _lineStart = _pos;
                int probe = _pos;
                while (probe < _text.Length && _text[probe] is ' ' or '\t' or '\r') probe++;
                int end = probe;
                while (end < _text.Length && IsIdentifierPart(_text[end])) end++;
                if (end > probe && isKeyword(_text[probe..end])) return;
            }
        }
    }

    /// <summary>True when the next token is a statement keyword that begins its line: the statement being read has
    /// ended without its ';'.</summary>
    public bool AtStatementStart(Func<string, bool> isKeyword)
    {
        Skip();
        for (int i = _lineStart; i < _pos; i++)
            if (_text[i] is not (' ' or '\t' or '\r' or '\uFEFF')) return false;
        int end = _pos;
        while (end < _text.Length && IsIdentifierPart(_text[end])) end++;
        return end > _pos && isKeyword(_text[_pos..end]);
    }

    /// <summary>Skips the rest of the current line.</summary>
    public void SkipLine()
    {
        while (_pos < _text.Length && _text[_pos] != '\n') _pos++;
    }

    /// <summary>An error at the next token: <c>file:line:column: expected X, found 'Y'</c>.</summary>
    public DbcFormatException Error(string expected)
    {
        Skip();
        string found = DescribeCurrent(out bool isToken);
        return new DbcFormatException(_file, Line, Column, expected, found, isToken);
    }

    /// <summary>An error at a position recorded earlier.</summary>
    public DbcFormatException ErrorAt(int line, int column, string expected, string found, bool foundIsToken = true) =>
        new(_file, line, column, expected, found, foundIsToken);

    private string DescribeCurrent(out bool isToken)
    {
        isToken = true;
        if (AtEnd) { isToken = false; return "end of file"; }
        char c = Current;
        if (c is '\n' or '\r') { isToken = false; return "end of line"; }
        int end = _pos + 1;
        if (IsIdentifierStart(c))
        {
            while (end < _text.Length && IsIdentifierPart(_text[end])) end++;
        }
        else if (char.IsAsciiDigit(c) || ((c is '+' or '-' or '.') && char.IsAsciiDigit(Next)))
        {
            end = Math.Max(end, ScanNumber(_pos));
            if (char.IsAsciiDigit(c))
            {
                int word = _pos;
                while (word < _text.Length && IsIdentifierPart(_text[word])) word++;
                end = Math.Max(end, word); // show all of '2017_5', not just '2017'
            }
        }
        else if (c == '"')
        {
            while (end < _text.Length && _text[end] is not '"' and not '\n') end++;
            if (end < _text.Length && _text[end] == '"') end++;
        }
        return _text[_pos..Math.Min(end, _text.Length)];
    }

    private int ScanNumber(int pos)
    {
        int start = pos;
        if (pos < _text.Length && _text[pos] is '+' or '-') pos++;
        int digits = 0;
        while (pos < _text.Length && char.IsAsciiDigit(_text[pos])) { pos++; digits++; }
        if (pos < _text.Length && _text[pos] == '.')
        {
            pos++;
            while (pos < _text.Length && char.IsAsciiDigit(_text[pos])) { pos++; digits++; }
        }
        if (digits == 0) return start;
        if (pos < _text.Length && _text[pos] is 'e' or 'E')
        {
            int exponent = pos + 1;
            if (exponent < _text.Length && _text[exponent] is '+' or '-') exponent++;
            if (exponent < _text.Length && char.IsAsciiDigit(_text[exponent]))
            {
                pos = exponent;
                while (pos < _text.Length && char.IsAsciiDigit(_text[pos])) pos++;
            }
        }
        return pos;
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';
    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
