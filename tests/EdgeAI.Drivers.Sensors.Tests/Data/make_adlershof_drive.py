#!/usr/bin/env python3
"""Writes adlershof-drive.nmea: a 90 s drive through Berlin-Adlershof at 1 Hz, as a receiver would report it.

Epochs 0-2 have no fix (cold start), then GP-talker sentences (GGA, GSA, GSV, RMC, VTG; NMEA 2.3) until epoch 44,
then a GPS+GLONASS receiver (GNGGA, two GNGSA with system ids, GPGSV + GLGSV, GNRMC with nav status, GNVTG;
NMEA 4.1). Deterministic: run it again and the file is byte for byte the same.
"""
import math, os

START = (2026, 11, 20, 7, 45, 0)  # UTC
WAYPOINTS = [  # lat, lon: Rudower Chaussee east, then north into Max-Born-Strasse area
    (52.43050, 13.52820), (52.42905, 13.53390), (52.42790, 13.53840), (52.43010, 13.54020), (52.43320, 13.54170)]
GEOID_SEP = 39.8

def checksum(body):
    c = 0
    for ch in body:
        c ^= ord(ch)
    return "%02X" % c

def sentence(body):
    return "$%s*%s\r\n" % (body, checksum(body))

def dm(value, deg_digits, pos, neg):
    hemi = pos if value >= 0 else neg
    value = abs(value)
    d = int(value)
    m = (value - d) * 60
    return ("%0*d%08.5f" % (deg_digits, d, m), hemi)

def dist_m(a, b):
    dy = (b[0] - a[0]) * 111_320.0
    dx = (b[1] - a[1]) * 111_320.0 * math.cos(math.radians(a[0]))
    return math.hypot(dx, dy)

def bearing(a, b):
    dy = (b[0] - a[0])
    dx = (b[1] - a[1]) * math.cos(math.radians(a[0]))
    return (math.degrees(math.atan2(dx, dy)) + 360) % 360

def position_at(s):
    """lat, lon, course after s metres along the waypoints"""
    for a, b in zip(WAYPOINTS, WAYPOINTS[1:]):
        d = dist_m(a, b)
        if s <= d:
            f = s / d
            return a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, bearing(a, b)
        s -= d
    a, b = WAYPOINTS[-2], WAYPOINTS[-1]
    return b[0], b[1], bearing(a, b)

def speed_at(t):
    if t < 6: return 0.0
    if t < 16: return (t - 6) * 1.39          # up to 13.9 m/s (50 km/h)
    if t < 60: return 13.9
    if t < 66: return 13.9 - (t - 60) * 1.2  # slowing for the turn
    if t < 80: return 6.7 + (t - 66) * 0.5
    return 13.7

SATS_GP = [(2, 67, 102, 44), (5, 41, 264, 41), (12, 55, 161, 43), (13, 18, 47, 35), (15, 26, 300, 37),
           (18, 12, 210, 30), (20, 34, 70, 39), (25, 72, 5, 46), (29, 9, 128, 28)]
SATS_GL = [(65, 44, 88, 40), (66, 23, 150, 36), (72, 61, 300, 42), (81, 15, 24, 31), (87, 38, 212, 38)]

def gsv(talker, sats, with_fix):
    out = []
    n = (len(sats) + 3) // 4
    for i in range(n):
        chunk = sats[i * 4:(i + 1) * 4]
        fields = ["%d" % n, "%d" % (i + 1), "%02d" % len(sats)]
        for prn, el, az, snr in chunk:
            fields += ["%02d" % prn, "%02d" % el, "%03d" % az, ("%02d" % snr) if with_fix else ""]
        out.append(sentence("%sGSV,%s" % (talker, ",".join(fields))))
    return out

def main():
    import datetime
    t0 = datetime.datetime(*START, tzinfo=datetime.timezone.utc)
    lines = []
    s = 0.0
    for t in range(90):
        when = t0 + datetime.timedelta(seconds=t)
        hms = when.strftime("%H%M%S") + ".00"
        date = when.strftime("%d%m%y")
        v = speed_at(t)
        if t > 0:
            s += (speed_at(t - 1) + v) / 2
        lat, lon, course = position_at(s)
        alt = 37.4 + 2.5 * math.sin(t / 15.0)
        gn = t >= 45
        fix = t >= 3
        nsat = 8 + (t % 5) if not gn else 12 + (t % 3)
        hdop = 0.9 + 0.1 * (t % 4) if not gn else 0.7 + 0.1 * (t % 3)
        tk = "GN" if gn else "GP"
        la, ns = dm(lat, 2, "N", "S")
        lo, ew = dm(lon, 3, "E", "W")
        knots = v / (1852 / 3600)
        kmh = v * 3.6
        if fix:
            lines.append(sentence("%sGGA,%s,%s,%s,%s,%s,1,%02d,%.1f,%.1f,M,%.1f,M,," % (tk, hms, la, ns, lo, ew, nsat, hdop, alt, GEOID_SEP)))
        else:
            lines.append(sentence("%sGGA,%s,,,,,0,00,99.99,,,,,," % (tk, hms)))
        if gn:
            used_gp = ["%02d" % p for p, *_ in SATS_GP[:7]] + [""] * 5
            used_gl = ["%02d" % p for p, *_ in SATS_GL[:5]] + [""] * 7
            lines.append(sentence("GNGSA,A,3,%s,1.4,%.1f,1.1,1" % (",".join(str(x) for x in used_gp), hdop)))
            lines.append(sentence("GNGSA,A,3,%s,1.4,%.1f,1.1,2" % (",".join(str(x) for x in used_gl), hdop)))
            lines += gsv("GP", SATS_GP, fix)
            lines += gsv("GL", SATS_GL, fix)
            lines.append(sentence("GNRMC,%s,A,%s,%s,%s,%s,%.3f,%.2f,%s,,,A,V" % (hms, la, ns, lo, ew, knots, course, date)))
            lines.append(sentence("GNVTG,%.2f,T,,M,%.3f,N,%.3f,K,A" % (course, knots, kmh)))
        else:
            used = [("%02d" % p) for p, *_ in SATS_GP[:nsat]] + [""] * (12 - min(nsat, 9)) if fix else [""] * 12
            used = used[:12]
            lines.append(sentence("GPGSA,A,%d,%s,%s,%s,%s" % (3 if fix else 1, ",".join(used), "1.6" if fix else "", ("%.1f" % hdop) if fix else "", "1.2" if fix else "")))
            lines += gsv("GP", SATS_GP, fix)
            if fix:
                lines.append(sentence("GPRMC,%s,A,%s,%s,%s,%s,%.3f,%.2f,%s,,,A" % (hms, la, ns, lo, ew, knots, course, date)))
                lines.append(sentence("GPVTG,%.2f,T,,M,%.3f,N,%.3f,K,A" % (course, knots, kmh)))
            else:
                lines.append(sentence("GPRMC,%s,V,,,,,,,%s,,,N" % (hms, date)))
                lines.append(sentence("GPVTG,,T,,M,,N,,K,N"))
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "adlershof-drive.nmea")
    with open(out, "w", newline="") as f:
        f.writelines(lines)

if __name__ == "__main__":
    main()
