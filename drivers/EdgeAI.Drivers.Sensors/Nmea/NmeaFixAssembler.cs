using System.Globalization;
using EdgeAI.Sensors;

namespace EdgeAI.Drivers.Sensors.Nmea;

/// <summary>
/// Folds NMEA 0183 sentences into <see cref="GpsFix"/> values, one per epoch (one UTC time of day). It reads GGA
/// (quality, satellites, HDOP, altitude), RMC (date, time, status, speed, course), VTG (speed, course), GSA (2D/3D
/// mode, HDOP) and GSV (validated, counted) from any talker (GP, GN, GL, GA, BD, GB, ...); other valid sentences are
/// counted and ignored. A sentence with a bad checksum, a wrong field count or a field that does not parse is counted
/// in <see cref="SentencesSkipped"/> and never applied.
/// </summary>
/// <remarks>
/// An epoch's fix is complete as soon as both its GGA and RMC arrived; a receiver that sends only one of them
/// completes the epoch when the next one starts, or at <see cref="TryFlush"/>. GSA's 2D/3D mode is carried over
/// to later epochs until the next GSA. Parsing allocates nothing: fields are spans of the line.
/// </remarks>
public sealed class NmeaFixAssembler
{
    /// <summary>Longest line accepted (the standard says 82 characters; some receivers go a little over).</summary>
    public const int MaxSentenceLength = 256;

    private const double KnotsToMps = 1852.0 / 3600.0;
    private const long NsPerMs = 1_000_000;
    private const long MsPerDay = 86_400_000;
    private const int MaxFields = 32;

    private readonly TimeProvider _time;

    // the epoch being assembled
    private long _todMs = -1;
    private bool _pending, _hasGga, _hasRmc;
    private int _rmcDateDays = -1;
    private double _lat = double.NaN, _lon = double.NaN, _alt = double.NaN, _speed = double.NaN, _heading = double.NaN, _hdop = double.NaN;
    private int _ggaQuality = -1, _satellites = -1;
    private char _rmcStatus, _rmcMode;

    // carried across epochs
    private int _gsaMode;
    private int _lastDateDays = -1;
    private long _lastDateTodMs = -1;

    /// <summary>Creates an assembler; <paramref name="time"/> stamps fixes of receivers that never give a date.</summary>
    public NmeaFixAssembler(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>Lines offered so far that were sentences or garbage (blank lines are not counted).</summary>
    public long SentencesRead { get; private set; }

    /// <summary>Lines skipped as bad, cumulative.</summary>
    public long SentencesSkipped { get; private set; }

    /// <summary>Why the last bad line was skipped (default when none was).</summary>
    public NmeaSkip LastSkip { get; private set; }

    /// <summary>Offers one line (without or with its CR LF). Returns true and the fix when this line completed an epoch.</summary>
    /// <param name="line">One line of text.</param>
    /// <param name="fix">The completed fix, when the method returns true.</param>
    /// <param name="error">Why the line was skipped, <see cref="NmeaError.None"/> when it was not.</param>
    public bool Accept(ReadOnlySpan<char> line, out GpsFix fix, out NmeaError error)
    {
        fix = default;
        line = line.TrimEnd("\r\n \t");
        if (line.IsEmpty)
        {
            error = NmeaError.None;
            return false;
        }
        SentencesRead++;
        var completed = false;
        error = Validate(line, out var type, out var body);
        if (error == NmeaError.None && !type.IsEmpty)
            error = Apply(type, body, out fix, out completed);
        if (error != NmeaError.None)
        {
            SentencesSkipped++;
            fix = default;
            return false;
        }
        return completed;
    }

    /// <summary>Offers one line of ASCII bytes (as read from a serial port or file).</summary>
    public bool Accept(ReadOnlySpan<byte> line, out GpsFix fix, out NmeaError error)
    {
        if (line.Length > MaxSentenceLength + 2)
        {
            SentencesRead++;
            SentencesSkipped++;
            LastSkip = new NmeaSkip(NmeaError.TooLong, "", 0);
            fix = default;
            error = NmeaError.TooLong;
            return false;
        }
        Span<char> chars = stackalloc char[line.Length];
        for (var i = 0; i < line.Length; i++)
            chars[i] = (char)line[i];
        return Accept(chars, out fix, out error);
    }

    /// <summary>Completes the epoch being assembled (at the end of a file). False when none holds a position report.</summary>
    public bool TryFlush(out GpsFix fix)
    {
        fix = default;
        if (!_pending || _done || !(_hasGga || _hasRmc)) return false;
        fix = Build();
        Reset();
        return true;
    }

    private NmeaError Validate(ReadOnlySpan<char> line, out ReadOnlySpan<char> type, out ReadOnlySpan<char> body)
    {
        type = default;
        body = default;
        if (line.Length > MaxSentenceLength) return Skip(NmeaError.TooLong, "", 0);
        if (line[0] != '$' && line[0] != '!') return Skip(NmeaError.NotASentence, "", 0);
        var star = line.Length - 3;
        if (star < 1 || line[star] != '*') return Skip(line.IndexOf('*') < 0 ? NmeaError.MissingChecksum : NmeaError.NotASentence, "", 0);
        var sum = 0;
        for (var i = 1; i < star; i++)
        {
            var c = line[i];
            if (c < 0x20 || c > 0x7E) return Skip(NmeaError.NotASentence, "", 0);
            sum ^= c;
        }
        if (!TryHex(line[star + 1], out var hi) || !TryHex(line[star + 2], out var lo)) return Skip(NmeaError.MissingChecksum, "", 0);
        if (sum != (hi << 4 | lo)) return Skip(NmeaError.ChecksumMismatch, "", 0);
        var content = line[1..star];
        var comma = content.IndexOf(',');
        var address = comma < 0 ? content : content[..comma];
        // talker sentences have a 2-letter talker and a 3-letter type; proprietary ($P...) and others are valid but unused
        if (address.Length == 5 && address[0] != 'P')
            type = address[2..];
        body = comma < 0 ? default : content[(comma + 1)..];
        return NmeaError.None;
    }

    private NmeaError Apply(ReadOnlySpan<char> type, ReadOnlySpan<char> body, out GpsFix fix, out bool completed)
    {
        fix = default;
        completed = false;
        Span<Range> ranges = stackalloc Range[MaxFields];
        var count = body.Split(ranges, ',');
        var f = new Fields(body, ranges[..count]);
        return type switch
        {
            "GGA" => ApplyGga(f, out fix, out completed),
            "RMC" => ApplyRmc(f, out fix, out completed),
            "VTG" => ApplyVtg(f),
            "GSA" => ApplyGsa(f),
            "GSV" => ApplyGsv(f),
            _ => NmeaError.None,
        };
    }

    private NmeaError ApplyGga(Fields f, out GpsFix fix, out bool completed)
    {
        fix = default;
        completed = false;
        const string S = "GGA";
        if (f.Count != 14) return Skip(NmeaError.WrongFieldCount, S, f.Count);
        if (!TryTime(f[0], out var tod)) return Skip(NmeaError.BadField, S, 1);
        if (!TryCoordinate(f[1], f[2], 2, 'N', 'S', out var lat, out var bad)) return Skip(NmeaError.BadField, S, bad);
        if (!TryCoordinate(f[3], f[4], 3, 'E', 'W', out var lon, out bad)) return Skip(NmeaError.BadField, S, bad + 2);
        if (!TryInt(f[5], out var quality) || quality > 8) return Skip(NmeaError.BadField, S, 6);
        if (!TryInt(f[6], out var sats)) return Skip(NmeaError.BadField, S, 7);
        if (!TryDouble(f[7], out var hdop)) return Skip(NmeaError.BadField, S, 8);
        if (!TryDouble(f[8], out var alt)) return Skip(NmeaError.BadField, S, 9);

        var emitted = StartEpoch(tod, out fix);
        if (_done) return NmeaError.None; // a second GGA (another talker) of an epoch already reported
        _hasGga = true;
        _lat = lat;
        _lon = lon;
        _ggaQuality = quality;
        _satellites = sats;
        if (!double.IsNaN(hdop)) _hdop = hdop;
        _alt = alt;
        completed = CompleteIfWhole(emitted, ref fix);
        return NmeaError.None;
    }

    private NmeaError ApplyRmc(Fields f, out GpsFix fix, out bool completed)
    {
        fix = default;
        completed = false;
        const string S = "RMC";
        if (f.Count is < 11 or > 13) return Skip(NmeaError.WrongFieldCount, S, f.Count);
        if (!TryTime(f[0], out var tod)) return Skip(NmeaError.BadField, S, 1);
        var status = f[1];
        if (status.Length != 1 || (status[0] != 'A' && status[0] != 'V')) return Skip(NmeaError.BadField, S, 2);
        if (!TryCoordinate(f[2], f[3], 3, 'N', 'S', out var lat, out var bad)) return Skip(NmeaError.BadField, S, bad);
        if (!TryCoordinate(f[4], f[5], 5, 'E', 'W', out var lon, out bad)) return Skip(NmeaError.BadField, S, bad);
        if (!TryDouble(f[6], out var knots)) return Skip(NmeaError.BadField, S, 7);
        if (!TryDouble(f[7], out var course)) return Skip(NmeaError.BadField, S, 8);
        if (!TryDate(f[8], out var days)) return Skip(NmeaError.BadField, S, 9);
        var mode = f.Count >= 12 && f[11].Length == 1 ? f[11][0] : '\0';

        var emitted = StartEpoch(tod, out fix);
        if (_done) return NmeaError.None;
        _hasRmc = true;
        _rmcStatus = status[0];
        _rmcMode = mode;
        if (double.IsNaN(_lat) || !_hasGga) { _lat = lat; _lon = lon; }
        _speed = knots * KnotsToMps;
        _heading = course;
        if (days >= 0)
        {
            _rmcDateDays = days;
            _lastDateDays = days;
            _lastDateTodMs = tod;
        }
        completed = CompleteIfWhole(emitted, ref fix);
        return NmeaError.None;
    }

    private NmeaError ApplyVtg(Fields f)
    {
        const string S = "VTG";
        if (f.Count is < 8 or > 9) return Skip(NmeaError.WrongFieldCount, S, f.Count);
        if (!TryDouble(f[0], out var course)) return Skip(NmeaError.BadField, S, 1);
        if (!TryDouble(f[4], out var knots)) return Skip(NmeaError.BadField, S, 5);
        if (!TryDouble(f[6], out var kmh)) return Skip(NmeaError.BadField, S, 7);
        // VTG has no time: it belongs to the epoch being assembled, and RMC's values (same quantities) win
        if (_pending && !_done && !_hasRmc)
        {
            _speed = !double.IsNaN(kmh) ? kmh / 3.6 : knots * KnotsToMps;
            _heading = course;
        }
        return NmeaError.None;
    }

    private NmeaError ApplyGsa(Fields f)
    {
        const string S = "GSA";
        if (f.Count is < 17 or > 18) return Skip(NmeaError.WrongFieldCount, S, f.Count);
        if (!TryInt(f[1], out var mode) || mode is 0 or > 3) return Skip(NmeaError.BadField, S, 2);
        for (var i = 2; i < 17; i++)
            if (!TryDouble(f[i], out _)) return Skip(NmeaError.BadField, S, i + 1);
        TryDouble(f[15], out var hdop);
        _gsaMode = mode;
        if (_pending && !_done && !_hasGga && !double.IsNaN(hdop)) _hdop = hdop;
        return NmeaError.None;
    }

    private NmeaError ApplyGsv(Fields f)
    {
        const string S = "GSV";
        if (f.Count < 3 || (f.Count - 3) % 4 > 1 || f.Count > 20) return Skip(NmeaError.WrongFieldCount, S, f.Count);
        if (!TryInt(f[0], out var total) || total < 1) return Skip(NmeaError.BadField, S, 1);
        if (!TryInt(f[1], out var number) || number < 1 || number > total) return Skip(NmeaError.BadField, S, 2);
        if (!TryInt(f[2], out _)) return Skip(NmeaError.BadField, S, 3);
        for (var i = 3; i + 3 < f.Count; i += 4)
            for (var k = 0; k < 4; k++)
                if (!TryInt(f[i + k], out _)) return Skip(NmeaError.BadField, S, i + k + 1);
        return NmeaError.None;
    }

    // A sentence with a time starts a new epoch when its time differs; the previous one is emitted if it was not yet.
    private bool StartEpoch(long tod, out GpsFix previous)
    {
        previous = default;
        if (_pending && tod == _todMs) return false;
        var emitted = false;
        if (_pending && !_done && (_hasGga || _hasRmc))
        {
            previous = Build();
            emitted = true;
        }
        Reset();
        _pending = true;
        _todMs = tod;
        return emitted;
    }

    // Returns true when a fix is ready: the previous epoch's (emitted on the time change) or this one's once whole.
    private bool CompleteIfWhole(bool emittedPrevious, ref GpsFix fix)
    {
        if (emittedPrevious) return true;
        if (!_hasGga || !_hasRmc) return false;
        fix = Build();
        // the epoch stays open (time-less GSA/VTG after it belong to it) but is reported
        _done = true;
        return true;
    }

    private bool _done;

    private void Reset()
    {
        _pending = _hasGga = _hasRmc = _done = false;
        _todMs = -1;
        _rmcDateDays = -1;
        _lat = _lon = _alt = _speed = _heading = _hdop = double.NaN;
        _ggaQuality = _satellites = -1;
        _rmcStatus = _rmcMode = '\0';
    }

    private GpsFix Build()
    {
        return new GpsFix(Timestamp(), _lat, _lon, _alt, _speed, _heading, Quality(), _hdop, _satellites);
    }

    private long Timestamp()
    {
        var days = _rmcDateDays;
        if (days < 0 && _lastDateDays >= 0 && _todMs >= 0)
            // a GGA-only epoch after midnight belongs to the day after the last RMC date
            days = _todMs + MsPerDay / 2 < _lastDateTodMs ? _lastDateDays + 1 : _lastDateDays;
        if (days < 0 || _todMs < 0) return (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        return (days * MsPerDay + _todMs) * NsPerMs;
    }

    private GpsFixQuality Quality()
    {
        if (_hasGga)
            return _ggaQuality switch
            {
                0 => GpsFixQuality.None,
                2 => GpsFixQuality.Differential,
                4 => GpsFixQuality.RtkFixed,
                5 => GpsFixQuality.RtkFloat,
                6 => GpsFixQuality.Estimated,
                _ => _gsaMode == 2 ? GpsFixQuality.Fix2D : GpsFixQuality.Fix3D,
            };
        if (_rmcStatus != 'A') return GpsFixQuality.None;
        return _rmcMode switch
        {
            'N' => GpsFixQuality.None,
            'E' => GpsFixQuality.Estimated,
            'D' => GpsFixQuality.Differential,
            'R' => GpsFixQuality.RtkFixed,
            'F' => GpsFixQuality.RtkFloat,
            _ => _gsaMode == 3 ? GpsFixQuality.Fix3D : GpsFixQuality.Fix2D,
        };
    }

    private NmeaError Skip(NmeaError error, string sentence, int field)
    {
        LastSkip = new NmeaSkip(error, sentence, field);
        return error;
    }

    private static bool TryHex(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'A' and <= 'F' => c - 'A' + 10,
            >= 'a' and <= 'f' => c - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }

    private static bool TryDouble(ReadOnlySpan<char> s, out double value)
    {
        if (s.IsEmpty)
        {
            value = double.NaN;
            return true;
        }
        return double.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryInt(ReadOnlySpan<char> s, out int value)
    {
        if (s.IsEmpty)
        {
            value = -1;
            return true;
        }
        return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    // hhmmss or hhmmss.sss; empty means no time (-1)
    private static bool TryTime(ReadOnlySpan<char> s, out long ms)
    {
        ms = -1;
        if (s.IsEmpty) return true;
        if (s.Length < 6 || !TwoDigits(s, 0, out var h) || !TwoDigits(s, 2, out var m) || !TwoDigits(s, 4, out var sec)) return false;
        if (h > 23 || m > 59 || sec > 60) return false;
        var frac = 0.0;
        if (s.Length > 6)
        {
            if (s[6] != '.' || !double.TryParse(s[6..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out frac)) return false;
        }
        ms = ((h * 60L + m) * 60 + sec) * 1000 + (long)Math.Round(frac * 1000);
        return true;
    }

    // ddmmyy, two-digit years 80..99 are 1980s/90s, the rest 2000s; empty means no date (-1)
    private static bool TryDate(ReadOnlySpan<char> s, out int days)
    {
        days = -1;
        if (s.IsEmpty) return true;
        if (s.Length != 6 || !TwoDigits(s, 0, out var d) || !TwoDigits(s, 2, out var mo) || !TwoDigits(s, 4, out var y)) return false;
        var year = y >= 80 ? 1900 + y : 2000 + y;
        if (mo is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(year, mo)) return false;
        days = new DateOnly(year, mo, d).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        return true;
    }

    private static bool TwoDigits(ReadOnlySpan<char> s, int at, out int value)
    {
        var a = s[at] - '0';
        var b = s[at + 1] - '0';
        value = a * 10 + b;
        return (uint)a <= 9 && (uint)b <= 9;
    }

    // (d)ddmm.mmmm plus a hemisphere letter; both empty means no position (NaN)
    private static bool TryCoordinate(ReadOnlySpan<char> value, ReadOnlySpan<char> hemisphere, int field, char positive, char negative,
        out double degrees, out int badField)
    {
        degrees = double.NaN;
        badField = field;
        if (value.IsEmpty && hemisphere.IsEmpty) return true;
        var dot = value.IndexOf('.');
        var whole = dot < 0 ? value.Length : dot;
        if (whole < 3) return false;
        if (!int.TryParse(value[..(whole - 2)], NumberStyles.None, CultureInfo.InvariantCulture, out var deg)) return false;
        if (!double.TryParse(value[(whole - 2)..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var minutes) || minutes >= 60) return false;
        degrees = deg + minutes / 60.0;
        if (degrees > (positive == 'N' ? 90 : 180)) return false;
        badField = field + 1;
        if (hemisphere.Length != 1) return false;
        if (hemisphere[0] == negative) degrees = -degrees;
        else if (hemisphere[0] != positive) return false;
        return true;
    }

    private readonly ref struct Fields(ReadOnlySpan<char> body, ReadOnlySpan<Range> ranges)
    {
        private readonly ReadOnlySpan<char> _body = body;
        private readonly ReadOnlySpan<Range> _ranges = ranges;

        public int Count => _ranges.Length;

        public ReadOnlySpan<char> this[int index] => _body[_ranges[index]];
    }
}
