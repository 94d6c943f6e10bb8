using System.Text.Json;
using EdgeAI.Sensors;

namespace EdgeAI.Drivers.Sensors.Gpsd;

/// <summary>
/// Reads gpsd JSON reports (one object per line) with <see cref="Utf8JsonReader"/>: no reflection, no allocation per
/// report. TPV gives mode, status, time, lat, lon, altMSL (or alt), speed and track; SKY gives hdop and the satellites
/// used (uSat, or the count of <c>"used":true</c>), which later TPVs carry. Other classes are read and ignored.
/// </summary>
internal sealed class GpsdReportParser(TimeProvider time)
{
    private double _hdop = double.NaN;
    private int _satellitesUsed = -1;

    /// <summary>The message of the last gpsd ERROR report, null when none came.</summary>
    public string? LastError { get; private set; }

    /// <summary>Parses one report. Returns true with a fix for TPV reports; throws <see cref="JsonException"/> on bad JSON.</summary>
    public bool TryParse(ReadOnlySpan<byte> line, out GpsFix fix)
    {
        fix = default;
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("expected a JSON object");

        var kind = Kind.Other;
        int mode = -1, status = -1, skyUsed = -1, usedCount = 0;
        bool sawSatellites = false;
        long timestampNs = long.MinValue;
        double lat = double.NaN, lon = double.NaN, altMsl = double.NaN, alt = double.NaN, speed = double.NaN, track = double.NaN, hdop = double.NaN;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName) throw new JsonException("expected a property name");
            if (reader.ValueTextEquals("class"u8))
            {
                reader.Read();
                kind = reader.ValueTextEquals("TPV"u8) ? Kind.Tpv : reader.ValueTextEquals("SKY"u8) ? Kind.Sky
                    : reader.ValueTextEquals("ERROR"u8) ? Kind.Error : Kind.Other;
            }
            else if (reader.ValueTextEquals("mode"u8)) mode = ReadInt(ref reader);
            else if (reader.ValueTextEquals("status"u8)) status = ReadInt(ref reader);
            else if (reader.ValueTextEquals("lat"u8)) lat = ReadDouble(ref reader);
            else if (reader.ValueTextEquals("lon"u8)) lon = ReadDouble(ref reader);
            else if (reader.ValueTextEquals("altMSL"u8)) altMsl = ReadDouble(ref reader);
            else if (reader.ValueTextEquals("alt"u8)) alt = ReadDouble(ref reader);
            else if (reader.ValueTextEquals("speed"u8)) speed = ReadDouble(ref reader);
            else if (reader.ValueTextEquals("track"u8)) track = ReadDouble(ref reader);
            else if (reader.ValueTextEquals("hdop"u8)) hdop = ReadDouble(ref reader);
            else if (reader.ValueTextEquals("uSat"u8)) skyUsed = ReadInt(ref reader);
            else if (reader.ValueTextEquals("time"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var when))
                    timestampNs = (when - DateTimeOffset.UnixEpoch).Ticks * 100;
            }
            else if (reader.ValueTextEquals("message"u8) && kind == Kind.Error)
            {
                reader.Read();
                LastError = reader.GetString();
            }
            else if (reader.ValueTextEquals("satellites"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    sawSatellites = true;
                    usedCount = CountUsed(ref reader);
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("expected the end of the object");

        if (kind == Kind.Sky)
        {
            if (!double.IsNaN(hdop)) _hdop = hdop;
            if (skyUsed >= 0) _satellitesUsed = skyUsed;
            else if (sawSatellites) _satellitesUsed = usedCount;
            return false;
        }
        if (kind != Kind.Tpv) return false;
        if (timestampNs == long.MinValue) timestampNs = (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        fix = new GpsFix(timestampNs, lat, lon, double.IsNaN(altMsl) ? alt : altMsl, speed, track, Quality(mode, status), _hdop, _satellitesUsed);
        return true;
    }

    // gpsd: mode 0 unknown, 1 no fix, 2 2D, 3 3D; status 2 DGPS, 3 RTK fixed, 4 RTK float, 5 DR, 6 GNSS+DR
    private static GpsFixQuality Quality(int mode, int status)
    {
        if (mode < 2) return GpsFixQuality.None;
        return status switch
        {
            2 => GpsFixQuality.Differential,
            3 => GpsFixQuality.RtkFixed,
            4 => GpsFixQuality.RtkFloat,
            5 or 6 => GpsFixQuality.Estimated,
            _ => mode == 2 ? GpsFixQuality.Fix2D : GpsFixQuality.Fix3D,
        };
    }

    private static int CountUsed(ref Utf8JsonReader reader)
    {
        var used = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var isUsed = reader.ValueTextEquals("used"u8);
                reader.Read();
                if (isUsed && reader.TokenType == JsonTokenType.True) used++;
                else reader.Skip();
            }
        }
        return used;
    }

    private static double ReadDouble(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : double.NaN;
    }

    private static int ReadInt(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v) ? v : -1;
    }

    private enum Kind { Other, Tpv, Sky, Error }
}
