using System.Buffers.Binary;
using System.Globalization;
using EdgeAI.Services.Geo;
using Microsoft.Data.Sqlite;

namespace EdgeAI.Services.Map;

/// <summary>
/// A <see cref="RegionMap"/> in one SQLite file: the road graph (nodes, directed edges with class, length, speed limit,
/// one-way, lanes, name and shape; banned turns and paths), traffic signals with phases and links, POIs with their food, parking
/// and charger details, and metadata (name, attribution, format version). R*Tree indexes over POI positions and edge
/// bounding boxes answer <see cref="PoisNear"/> and <see cref="NearestEdges"/> without reading the whole map.
/// The schema is in docs/map.md. <see cref="Write"/> is atomic; <see cref="Open"/> refuses anything that is not a map
/// store of <see cref="FormatVersion"/> with one line naming the file.
/// </summary>
public sealed class MapStore : IDisposable
{
    /// <summary>The schema version this code writes and reads (SQLite <c>user_version</c> and metadata <c>format_version</c>).</summary>
    public const int FormatVersion = 2;

    // SQLite application_id: "EAIM" marks a file as an EdgeAI map store, so a foreign SQLite file is told apart.
    private const int ApplicationId = 0x4541494D;
    private const double MetresPerDegreeLat = 111_194.9;

    private static readonly Lazy<(string Version, bool Rtree)> Engine = new(ProbeEngine);

    private readonly SqliteConnection _db;

    private MapStore(SqliteConnection db, string path)
    {
        _db = db;
        Path = path;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The version of the SQLite library in use (the bundled e_sqlite3).</summary>
    public static string SqliteVersion => Engine.Value.Version;

    /// <summary>True when the SQLite library has the R*Tree module, which the store needs.</summary>
    public static bool HasRtree => Engine.Value.Rtree;

    /// <summary>
    /// Writes <paramref name="map"/> to <paramref name="path"/>: into a temporary file beside it, then renamed over it,
    /// so <paramref name="path"/> is either the old file or the whole new one, never half a file.
    /// </summary>
    /// <exception cref="NotSupportedException">the SQLite library lacks the R*Tree module.</exception>
    public static void Write(RegionMap map, string path)
    {
        ArgumentNullException.ThrowIfNull(map);
        RequireRtree();
        string full = System.IO.Path.GetFullPath(path);
        string temp = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.part";
        try
        {
            using (var db = Connect(temp, SqliteOpenMode.ReadWriteCreate))
            {
                Execute(db, "PRAGMA journal_mode=OFF");
                Execute(db, $"PRAGMA application_id={ApplicationId}");
                Execute(db, $"PRAGMA user_version={FormatVersion}");
                using (var tx = db.BeginTransaction())
                {
                    foreach (var statement in Schema) Execute(db, statement);
                    WriteContent(db, map);
                    tx.Commit();
                }
                Execute(db, "VACUUM");
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Opens a map store read-only.</summary>
    /// <exception cref="MapFormatException">the file is missing, not SQLite, not a map store, or of another format version; the message names the file.</exception>
    public static MapStore Open(string path)
    {
        if (!File.Exists(path)) throw new MapFormatException(path, 0, "no such file (expected an EdgeAI map store: edgeai map import)");
        RequireRtree();
        var db = Connect(path, SqliteOpenMode.ReadOnly);
        try
        {
            long app = Scalar(db, "PRAGMA application_id"), version = Scalar(db, "PRAGMA user_version");
            if (app != ApplicationId)
                throw new MapFormatException(path, 0, "not an EdgeAI map store (an SQLite file without its application id; write one with: edgeai map import)");
            if (version != FormatVersion)
                throw new MapFormatException(path, 0, $"map store format {version}, expected {FormatVersion}; import the region again (edgeai map import)");
            return new MapStore(db, path);
        }
        catch (SqliteException e)
        {
            db.Dispose();
            throw new MapFormatException(path, 0, $"expected an EdgeAI map store (SQLite format {FormatVersion}): {e.Message.ReplaceLineEndings(" ")}");
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>A metadata value (<c>name</c>, <c>attribution</c>, <c>format_version</c>, ...), or null.</summary>
    public string? Metadata(string key)
    {
        using var cmd = Command("SELECT value FROM meta WHERE key = $k");
        cmd.Parameters.AddWithValue("$k", key);
        return cmd.ExecuteScalar() as string;
    }

    /// <summary>Reads the whole map back.</summary>
    /// <exception cref="MapFormatException">the content is inconsistent (an edge naming a missing node, a damaged page).</exception>
    public RegionMap Load()
    {
        try
        {
            var nodes = new List<RoadNode>();
            using (var r = Command("SELECT idx, id, lat, lon FROM nodes ORDER BY idx").ExecuteReader())
                while (r.Read()) nodes.Add(new RoadNode(r.GetInt32(0), r.GetString(1), new GeoPoint(r.GetDouble(2), r.GetDouble(3))));
            var edges = new List<RoadEdge>();
            using (var r = Command("SELECT idx, id, from_node, to_node, class, name, length_m, speed_mps, one_way, lanes, shape FROM edges ORDER BY idx").ExecuteReader())
                while (r.Read()) edges.Add(ReadEdge(r));
            var turns = new List<(int, int)>();
            using (var r = Command("SELECT from_edge, to_edge FROM banned_turns").ExecuteReader())
                while (r.Read()) turns.Add((r.GetInt32(0), r.GetInt32(1)));
            var paths = new List<List<int>>();
            using (var r = Command("SELECT path, edge FROM banned_paths ORDER BY path, seq").ExecuteReader())
                while (r.Read())
                {
                    if (r.GetInt32(0) == paths.Count) paths.Add([]);
                    paths[^1].Add(r.GetInt32(1));
                }
            var graph = new RoadGraph(nodes, edges, turns, paths);
            return new RegionMap(Metadata("name") ?? "", Metadata("attribution") ?? "", graph, LoadSignals(), LoadPois("SELECT * FROM poi_view ORDER BY idx", null));
        }
        catch (Exception e) when (e is SqliteException or ArgumentException or InvalidCastException or FormatException)
        {
            throw new MapFormatException(Path, 0, $"damaged map store: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>
    /// The POIs within <paramref name="radiusM"/> metres of <paramref name="at"/> (great-circle distance), of
    /// <paramref name="kind"/> when given, nearest first (ties by id).
    /// </summary>
    public IReadOnlyList<Poi> PoisNear(GeoPoint at, double radiusM, PoiKind? kind = null)
    {
        var (minLat, maxLat, minLon, maxLon) = Box(at, radiusM);
        using var cmd = Command("""
            SELECT v.* FROM poi_rtree t JOIN poi_view v ON v.idx = t.id
            WHERE t.max_lat >= $minLat AND t.min_lat <= $maxLat AND t.max_lon >= $minLon AND t.min_lon <= $maxLon
            """ + (kind is null ? "" : " AND v.kind = $kind"));
        cmd.Parameters.AddWithValue("$minLat", minLat);
        cmd.Parameters.AddWithValue("$maxLat", maxLat);
        cmd.Parameters.AddWithValue("$minLon", minLon);
        cmd.Parameters.AddWithValue("$maxLon", maxLon);
        if (kind is { } k) cmd.Parameters.AddWithValue("$kind", k.ToString());
        var found = new List<(double D, Poi P)>();
        foreach (var poi in LoadPois(null, cmd))
        {
            double d = GeoPoint.DistanceM(at, poi.Position);
            if (d <= radiusM) found.Add((d, poi));
        }
        found.Sort((a, b) => a.D != b.D ? a.D.CompareTo(b.D) : string.CompareOrdinal(a.P.Id, b.P.Id));
        return found.ConvertAll(f => f.P);
    }

    /// <summary>
    /// The edges whose shape passes within <paramref name="radiusM"/> metres of <paramref name="at"/>, nearest first
    /// (ties by edge index). Distances are to the polyline, in a local plane around <paramref name="at"/> (exact to
    /// well under a metre over the few hundred metres this is asked for).
    /// </summary>
    public IReadOnlyList<EdgeMatch> NearestEdges(GeoPoint at, double radiusM)
    {
        var (minLat, maxLat, minLon, maxLon) = Box(at, radiusM);
        using var cmd = Command("""
            SELECT e.idx, e.id, e.from_node, e.to_node, e.class, e.name, e.length_m, e.speed_mps, e.one_way, e.lanes, e.shape
            FROM edge_rtree t JOIN edges e ON e.idx = t.id
            WHERE t.max_lat >= $minLat AND t.min_lat <= $maxLat AND t.max_lon >= $minLon AND t.min_lon <= $maxLon
            """);
        cmd.Parameters.AddWithValue("$minLat", minLat);
        cmd.Parameters.AddWithValue("$maxLat", maxLat);
        cmd.Parameters.AddWithValue("$minLon", minLon);
        cmd.Parameters.AddWithValue("$maxLon", maxLon);
        var found = new List<EdgeMatch>();
        using (var r = cmd.ExecuteReader())
            while (r.Read())
            {
                var edge = ReadEdge(r);
                double d = DistanceToPolylineM(at, edge.Shape);
                if (d <= radiusM) found.Add(new EdgeMatch(edge, d));
            }
        found.Sort((a, b) => a.DistanceM != b.DistanceM ? a.DistanceM.CompareTo(b.DistanceM) : a.Edge.Index.CompareTo(b.Edge.Index));
        return found;
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _db.Dispose();

    /// <summary>Metres from <paramref name="p"/> to the nearest point of <paramref name="shape"/> (equirectangular plane centred on <paramref name="p"/>).</summary>
    internal static double DistanceToPolylineM(GeoPoint p, IReadOnlyList<GeoPoint> shape)
    {
        double kx = MetresPerDegreeLat * Math.Cos(p.Lat * Math.PI / 180), ky = MetresPerDegreeLat;
        double best = double.PositiveInfinity;
        for (int i = 0; i < shape.Count; i++)
        {
            double ax = (shape[i].Lon - p.Lon) * kx, ay = (shape[i].Lat - p.Lat) * ky;
            if (i + 1 == shape.Count)
            {
                if (shape.Count == 1) best = Math.Sqrt(ax * ax + ay * ay);
                break;
            }
            double bx = (shape[i + 1].Lon - p.Lon) * kx, by = (shape[i + 1].Lat - p.Lat) * ky;
            double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
            double t = len2 == 0 ? 0 : Math.Clamp(-(ax * dx + ay * dy) / len2, 0, 1);
            double cx = ax + t * dx, cy = ay + t * dy;
            best = Math.Min(best, Math.Sqrt(cx * cx + cy * cy));
        }
        return best;
    }

    private static readonly string[] Schema =
    [
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE nodes (idx INTEGER PRIMARY KEY, id TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL)",
        """
        CREATE TABLE edges (idx INTEGER PRIMARY KEY, id TEXT NOT NULL, from_node INTEGER NOT NULL REFERENCES nodes(idx),
          to_node INTEGER NOT NULL REFERENCES nodes(idx), class TEXT NOT NULL, name TEXT, length_m REAL NOT NULL,
          speed_mps REAL NOT NULL, one_way INTEGER NOT NULL, lanes INTEGER NOT NULL, shape BLOB NOT NULL)
        """,
        "CREATE TABLE banned_turns (from_edge INTEGER NOT NULL, to_edge INTEGER NOT NULL, PRIMARY KEY (from_edge, to_edge)) WITHOUT ROWID",
        "CREATE TABLE banned_paths (path INTEGER NOT NULL, seq INTEGER NOT NULL, edge INTEGER NOT NULL, PRIMARY KEY (path, seq)) WITHOUT ROWID",
        "CREATE TABLE signals (idx INTEGER PRIMARY KEY, id TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, offset_s REAL NOT NULL)",
        """
        CREATE TABLE signal_phases (signal INTEGER NOT NULL REFERENCES signals(idx), seq INTEGER NOT NULL, duration_s REAL NOT NULL,
          state TEXT NOT NULL, min_s REAL NOT NULL, max_s REAL NOT NULL, PRIMARY KEY (signal, seq)) WITHOUT ROWID
        """,
        """
        CREATE TABLE signal_links (signal INTEGER NOT NULL REFERENCES signals(idx), seq INTEGER NOT NULL, link_index INTEGER NOT NULL,
          from_edge INTEGER NOT NULL, to_edge INTEGER NOT NULL, direction TEXT NOT NULL, stop_lat REAL, stop_lon REAL,
          PRIMARY KEY (signal, seq)) WITHOUT ROWID
        """,
        "CREATE TABLE pois (idx INTEGER PRIMARY KEY, id TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, generated INTEGER NOT NULL)",
        "CREATE TABLE poi_food (poi INTEGER PRIMARY KEY REFERENCES pois(idx), cuisine TEXT NOT NULL, opening_hours TEXT, price_level INTEGER NOT NULL, rating REAL)",
        """
        CREATE TABLE poi_parking (poi INTEGER PRIMARY KEY REFERENCES pois(idx), capacity INTEGER NOT NULL, fee_per_hour_eur REAL NOT NULL,
          daily_max_eur REAL, covered INTEGER NOT NULL, max_height_m REAL, ev_spaces INTEGER NOT NULL, opening_hours TEXT)
        """,
        "CREATE TABLE poi_charger (poi INTEGER PRIMARY KEY REFERENCES pois(idx), power_kw REAL NOT NULL, connectors TEXT NOT NULL, points INTEGER NOT NULL)",
        """
        CREATE VIEW poi_view AS SELECT p.idx, p.id, p.kind, p.name, p.lat, p.lon, p.generated,
          f.poi IS NOT NULL AS has_food, f.cuisine, f.opening_hours AS food_hours, f.price_level, f.rating,
          k.poi IS NOT NULL AS has_parking, k.capacity, k.fee_per_hour_eur, k.daily_max_eur, k.covered, k.max_height_m, k.ev_spaces, k.opening_hours AS parking_hours,
          c.poi IS NOT NULL AS has_charger, c.power_kw, c.connectors, c.points
        FROM pois p LEFT JOIN poi_food f ON f.poi = p.idx LEFT JOIN poi_parking k ON k.poi = p.idx LEFT JOIN poi_charger c ON c.poi = p.idx
        """,
        "CREATE VIRTUAL TABLE poi_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon)",
        "CREATE VIRTUAL TABLE edge_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon)",
    ];

    private static void WriteContent(SqliteConnection db, RegionMap map)
    {
        Insert(db, "INSERT INTO meta VALUES ($1, $2)", [
            ["name", map.Name], ["attribution", map.Attribution], ["format_version", FormatVersion.ToString(CultureInfo.InvariantCulture)],
            ["sqlite_version", SqliteVersion]]);
        Insert(db, "INSERT INTO nodes VALUES ($1, $2, $3, $4)",
            map.Graph.Nodes.Select(n => new object?[] { n.Index, n.Id, n.Position.Lat, n.Position.Lon }));
        Insert(db, "INSERT INTO edges VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            map.Graph.Edges.Select(e => new object?[] { e.Index, e.Id, e.From, e.To, e.RoadClass, e.Name, e.LengthM, e.SpeedLimitMps, e.OneWay ? 1 : 0, e.Lanes, PackShape(e.Shape) }));
        Insert(db, "INSERT INTO edge_rtree VALUES ($1, $2, $3, $4, $5)", map.Graph.Edges.Select(e =>
        {
            var shape = e.Shape.Count > 0 ? e.Shape : [map.Graph.Nodes[e.From].Position, map.Graph.Nodes[e.To].Position];
            return new object?[] { e.Index, shape.Min(p => p.Lat), shape.Max(p => p.Lat), shape.Min(p => p.Lon), shape.Max(p => p.Lon) };
        }));
        Insert(db, "INSERT INTO banned_turns VALUES ($1, $2)", map.Graph.BannedTurns.Select(t => new object?[] { t.FromEdge, t.ToEdge }));
        Insert(db, "INSERT INTO banned_paths VALUES ($1, $2, $3)", map.Graph.BannedPaths.SelectMany((p, i) =>
            p.Select((e, j) => new object?[] { i, j, e })));
        Insert(db, "INSERT INTO signals VALUES ($1, $2, $3, $4, $5)",
            map.Signals.Select((s, i) => new object?[] { i, s.Id, s.Position.Lat, s.Position.Lon, s.OffsetS }));
        Insert(db, "INSERT INTO signal_phases VALUES ($1, $2, $3, $4, $5, $6)", map.Signals.SelectMany((s, i) =>
            s.Phases.Select((p, j) => new object?[] { i, j, p.DurationS, p.State, p.MinDurationS, p.MaxDurationS })));
        Insert(db, "INSERT INTO signal_links VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", map.Signals.SelectMany((s, i) =>
            s.Links.Select((l, j) => new object?[] { i, j, l.LinkIndex, l.FromEdge, l.ToEdge, l.Direction.ToString(), l.StopLine?.Lat, l.StopLine?.Lon })));
        Insert(db, "INSERT INTO pois VALUES ($1, $2, $3, $4, $5, $6, $7)", map.Pois.Select((p, i) =>
            new object?[] { i, p.Id, p.Kind.ToString(), p.Name, p.Position.Lat, p.Position.Lon, p.Generated ? 1 : 0 }));
        Insert(db, "INSERT INTO poi_rtree VALUES ($1, $2, $3, $4, $5)", map.Pois.Select((p, i) =>
            new object?[] { i, p.Position.Lat, p.Position.Lat, p.Position.Lon, p.Position.Lon }));
        Insert(db, "INSERT INTO poi_food VALUES ($1, $2, $3, $4, $5)", map.Pois.Select((p, i) => (p, i)).Where(x => x.p.Food is not null).Select(x =>
            new object?[] { x.i, x.p.Food!.Cuisine, x.p.Food.OpeningHours, x.p.Food.PriceLevel, x.p.Food.Rating }));
        Insert(db, "INSERT INTO poi_parking VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", map.Pois.Select((p, i) => (p, i)).Where(x => x.p.Parking is not null).Select(x =>
        {
            var k = x.p.Parking!;
            return new object?[] { x.i, k.Capacity, k.FeePerHourEur, k.DailyMaxEur, k.Covered ? 1 : 0, k.MaxHeightM, k.EvSpaces, k.OpeningHours };
        }));
        Insert(db, "INSERT INTO poi_charger VALUES ($1, $2, $3, $4)", map.Pois.Select((p, i) => (p, i)).Where(x => x.p.Charger is not null).Select(x =>
            new object?[] { x.i, x.p.Charger!.PowerKw, string.Join(';', x.p.Charger.Connectors), x.p.Charger.Points }));
    }

    private static void Insert(SqliteConnection db, string sql, IEnumerable<object?[]> rows)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        SqliteParameter[]? ps = null;
        foreach (var row in rows)
        {
            if (ps is null)
            {
                ps = new SqliteParameter[row.Length];
                for (int i = 0; i < row.Length; i++) ps[i] = cmd.Parameters.Add(new SqliteParameter("$" + (i + 1).ToString(CultureInfo.InvariantCulture), null));
                cmd.Prepare();
            }
            for (int i = 0; i < row.Length; i++) ps[i].Value = row[i] ?? DBNull.Value;
            cmd.ExecuteNonQuery();
        }
    }

    private List<TrafficSignal> LoadSignals()
    {
        var phases = new Dictionary<int, List<SignalPhase>>();
        using (var r = Command("SELECT signal, duration_s, state, min_s, max_s FROM signal_phases ORDER BY signal, seq").ExecuteReader())
            while (r.Read()) ListFor(phases, r.GetInt32(0)).Add(new SignalPhase(r.GetDouble(1), r.GetString(2), r.GetDouble(3), r.GetDouble(4)));
        var links = new Dictionary<int, List<SignalLink>>();
        using (var r = Command("SELECT signal, link_index, from_edge, to_edge, direction, stop_lat, stop_lon FROM signal_links ORDER BY signal, seq").ExecuteReader())
            while (r.Read())
                ListFor(links, r.GetInt32(0)).Add(new SignalLink(r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetString(4)[0],
                    r.IsDBNull(5) ? null : new GeoPoint(r.GetDouble(5), r.GetDouble(6))));
        var signals = new List<TrafficSignal>();
        using (var r = Command("SELECT idx, id, lat, lon, offset_s FROM signals ORDER BY idx").ExecuteReader())
            while (r.Read())
            {
                int i = r.GetInt32(0);
                signals.Add(new TrafficSignal(r.GetString(1), new GeoPoint(r.GetDouble(2), r.GetDouble(3)), r.GetDouble(4),
                    phases.GetValueOrDefault(i) ?? [], links.GetValueOrDefault(i) ?? []));
            }
        return signals;
    }

    private static List<T> ListFor<T>(Dictionary<int, List<T>> map, int key)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        return list;
    }

    private List<Poi> LoadPois(string? sql, SqliteCommand? query)
    {
        using var own = query is null ? Command(sql!) : null;
        using var r = (query ?? own!).ExecuteReader();
        var pois = new List<Poi>();
        while (r.Read())
        {
            var poi = new Poi(r.GetString(r.GetOrdinal("id")), Enum.Parse<PoiKind>(r.GetString(r.GetOrdinal("kind"))), r.GetString(r.GetOrdinal("name")),
                new GeoPoint(r.GetDouble(r.GetOrdinal("lat")), r.GetDouble(r.GetOrdinal("lon"))), r.GetInt64(r.GetOrdinal("generated")) != 0);
            if (r.GetInt64(r.GetOrdinal("has_food")) != 0)
                poi = poi with { Food = new FoodInfo(r.GetString(r.GetOrdinal("cuisine")), NullableString(r, "food_hours"), r.GetInt32(r.GetOrdinal("price_level")), NullableDouble(r, "rating")) };
            if (r.GetInt64(r.GetOrdinal("has_parking")) != 0)
                poi = poi with
                {
                    Parking = new ParkingInfo(r.GetInt32(r.GetOrdinal("capacity")), r.GetDouble(r.GetOrdinal("fee_per_hour_eur")), NullableDouble(r, "daily_max_eur"),
                        r.GetInt64(r.GetOrdinal("covered")) != 0, NullableDouble(r, "max_height_m"), r.GetInt32(r.GetOrdinal("ev_spaces")), NullableString(r, "parking_hours")),
                };
            if (r.GetInt64(r.GetOrdinal("has_charger")) != 0)
            {
                string connectors = r.GetString(r.GetOrdinal("connectors"));
                poi = poi with
                {
                    Charger = new ChargerInfo(r.GetDouble(r.GetOrdinal("power_kw")), connectors.Length == 0 ? [] : connectors.Split(';'), r.GetInt32(r.GetOrdinal("points"))),
                };
            }
            pois.Add(poi);
        }
        return pois;
    }

    private static string? NullableString(SqliteDataReader r, string column)
    {
        int i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : r.GetString(i);
    }

    private static double? NullableDouble(SqliteDataReader r, string column)
    {
        int i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : r.GetDouble(i);
    }

    private static RoadEdge ReadEdge(SqliteDataReader r) => new(
        r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
        r.GetDouble(6), r.GetDouble(7), r.GetInt64(8) != 0, r.GetInt32(9), UnpackShape((byte[])r.GetValue(10)));

    // Shapes are little-endian (lat, lon) double pairs: exact round trip, a third of the size of text.
    private static byte[] PackShape(IReadOnlyList<GeoPoint> shape)
    {
        var bytes = new byte[shape.Count * 16];
        for (int i = 0; i < shape.Count; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 16), shape[i].Lat);
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 16 + 8), shape[i].Lon);
        }
        return bytes;
    }

    private static GeoPoint[] UnpackShape(byte[] bytes)
    {
        if (bytes.Length % 16 != 0) throw new FormatException($"an edge shape of {bytes.Length} bytes (expected (lat, lon) double pairs)");
        var shape = new GeoPoint[bytes.Length / 16];
        for (int i = 0; i < shape.Length; i++)
            shape[i] = new GeoPoint(BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * 16)), BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * 16 + 8)));
        return shape;
    }

    private static (double MinLat, double MaxLat, double MinLon, double MaxLon) Box(GeoPoint at, double radiusM)
    {
        // A box a little larger than the circle: the R*Tree stores 32-bit floats, the exact test follows.
        double dLat = radiusM / MetresPerDegreeLat * 1.01 + 1e-5;
        double dLon = dLat / Math.Max(0.01, Math.Cos(at.Lat * Math.PI / 180));
        return (at.Lat - dLat, at.Lat + dLat, at.Lon - dLon, at.Lon + dLon);
    }

    private SqliteCommand Command(string sql)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        return cmd;
    }

    private static SqliteConnection Connect(string path, SqliteOpenMode mode)
    {
        // No pooling: a pooled connection keeps the file open after Dispose, which would outlive the rename and the caller.
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        db.Open();
        return db;
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void RequireRtree()
    {
        if (!HasRtree) throw new NotSupportedException($"the SQLite library in use ({SqliteVersion}) lacks the R*Tree module the map store needs");
    }

    private static (string, bool) ProbeEngine()
    {
        using var db = new SqliteConnection("Data Source=:memory:");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT sqlite_version(), sqlite_compileoption_used('ENABLE_RTREE')";
        using var r = cmd.ExecuteReader();
        r.Read();
        string version = r.GetString(0);
        bool rtree = r.GetInt64(1) != 0;
        if (!rtree)
        {
            // Some builds register the module without the compile option; creating a table is the real test.
            try { Execute(db, "CREATE VIRTUAL TABLE probe USING rtree(id, a, b)"); rtree = true; }
            catch (SqliteException) { rtree = false; }
        }
        return (version, rtree);
    }
}
