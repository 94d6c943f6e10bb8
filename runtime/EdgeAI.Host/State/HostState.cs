using EdgeAI.Assistant.Drive;
using EdgeAI.Assistant.Profile;
using EdgeAI.Assistant.Trip;
using Microsoft.Data.Sqlite;

namespace EdgeAI.Host.State;

/// <summary>
/// The host's persistent state in SQLite (WAL): the user profile (acceptances and dismissals per suggestion kind), every
/// accepted and dismissed suggestion, the current trip and its accepted charging stop. Each change is its own
/// transaction, committed before the next event is handled, so a kill -9 loses at most the event in flight and the
/// file is never corrupt (WAL replays or discards the last transaction as a whole).
/// </summary>
public sealed class HostState : IDisposable
{
    /// <summary>The file's name in the state folder.</summary>
    public const string FileName = "state.db";

    private const int SchemaVersion = 1;
    private readonly SqliteConnection _db;
    private AcceptedStop? _stop;
    private bool _stopReached;

    private HostState(string path, SqliteConnection db)
    {
        Path = path;
        _db = db;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens (or creates) the state in <paramref name="folder"/>.</summary>
    /// <exception cref="InvalidDataException">the file is not EdgeAI's state, or a newer schema (one line naming it).</exception>
    public static HostState Open(string folder)
    {
        Directory.CreateDirectory(folder);
        string path = System.IO.Path.Combine(folder, FileName);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            db.Open();
            Execute(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=2000;");
            Execute(db, """
                CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS profile(kind TEXT PRIMARY KEY, accepted INTEGER NOT NULL, dismissed INTEGER NOT NULL);
                CREATE TABLE IF NOT EXISTS decisions(seq INTEGER PRIMARY KEY AUTOINCREMENT, time_ns INTEGER NOT NULL, at_s REAL NOT NULL,
                    type TEXT NOT NULL, kind TEXT, ref TEXT, text TEXT);
                CREATE TABLE IF NOT EXISTS trip(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                INSERT OR IGNORE INTO meta(key, value) VALUES('schema', '1');
                """);
            long version = Scalar(db, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema'");
            if (version != SchemaVersion) throw new InvalidDataException($"{path}: state schema {version}, expected {SchemaVersion} (a newer edgeai wrote it)");
        }
        catch (SqliteException e)
        {
            db.Dispose();
            throw new InvalidDataException($"{path}: not an EdgeAI state database ({e.Message.ReplaceLineEndings(" ")})", e);
        }
        return new HostState(path, db);
    }

    /// <summary>The stored profile.</summary>
    public UserProfile LoadProfile()
    {
        var profile = new UserProfile();
        using var command = _db.CreateCommand();
        command.CommandText = "SELECT kind, accepted, dismissed FROM profile";
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            string kind = rows.GetString(0);
            for (long i = rows.GetInt64(1); i > 0; i--) profile.Accepted(kind);
            for (long i = rows.GetInt64(2); i > 0; i--) profile.Dismissed(kind);
        }
        return profile;
    }

    /// <summary>Records the trip's destination (a new trip).</summary>
    public void StartTrip(string destination, double lat, double lon)
    {
        using var tx = _db.BeginTransaction();
        Execute(_db, "DELETE FROM trip", tx);
        SetTrip("destination", destination, tx);
        SetTrip("destination_lat", lat.ToString("R", System.Globalization.CultureInfo.InvariantCulture), tx);
        SetTrip("destination_lon", lon.ToString("R", System.Globalization.CultureInfo.InvariantCulture), tx);
        tx.Commit();
    }

    /// <summary>Records an event if it changes the state (accepted, dismissed) and the trip's accepted stop if it changed;
    /// true when something was written.</summary>
    public bool Record(TimelineEvent e, TripState? trip)
    {
        ArgumentNullException.ThrowIfNull(e);
        bool decision = e.Type is "accepted" or "dismissed" && e.Kind is not null;
        var stop = trip?.Charger;
        bool stopChanged = !ReferenceEquals(stop, _stop) || stop is not null && stop.Reached != _stopReached;
        if (!decision && !stopChanged) return false;
        using var tx = _db.BeginTransaction();
        if (decision)
        {
            using (var insert = _db.CreateCommand())
            {
                insert.Transaction = tx;
                insert.CommandText = "INSERT INTO decisions(time_ns, at_s, type, kind, ref, text) VALUES($t, $at, $type, $kind, $ref, $text)";
                insert.Parameters.AddWithValue("$t", e.TimeNs);
                insert.Parameters.AddWithValue("$at", e.AtS);
                insert.Parameters.AddWithValue("$type", e.Type);
                insert.Parameters.AddWithValue("$kind", e.Kind);
                insert.Parameters.AddWithValue("$ref", (object?)e.Ref ?? DBNull.Value);
                insert.Parameters.AddWithValue("$text", (object?)e.Text ?? DBNull.Value);
                insert.ExecuteNonQuery();
            }
            using var count = _db.CreateCommand();
            count.Transaction = tx;
            count.CommandText = e.Type == "accepted"
                ? "INSERT INTO profile(kind, accepted, dismissed) VALUES($k, 1, 0) ON CONFLICT(kind) DO UPDATE SET accepted = accepted + 1"
                : "INSERT INTO profile(kind, accepted, dismissed) VALUES($k, 0, 1) ON CONFLICT(kind) DO UPDATE SET dismissed = dismissed + 1";
            count.Parameters.AddWithValue("$k", e.Kind);
            count.ExecuteNonQuery();
        }
        if (stopChanged)
        {
            SetTrip("stop", stop is null ? "" : System.Text.Json.JsonSerializer.Serialize(
                new StoredStop(stop.PoiId, stop.Name, stop.Position.Lat, stop.Position.Lon, stop.PowerKw, stop.TargetSoc, stop.Reached), HostStateJson.Default.StoredStop), tx);
            _stop = stop;
            _stopReached = stop?.Reached ?? false;
        }
        tx.Commit();
        return true;
    }

    /// <summary>The decisions recorded, oldest first (type, kind, ref).</summary>
    public IReadOnlyList<(string Type, string Kind, string? Ref)> Decisions()
    {
        var list = new List<(string, string, string?)>();
        using var command = _db.CreateCommand();
        command.CommandText = "SELECT type, kind, ref FROM decisions ORDER BY seq";
        using var rows = command.ExecuteReader();
        while (rows.Read()) list.Add((rows.GetString(0), rows.GetString(1), rows.IsDBNull(2) ? null : rows.GetString(2)));
        return list;
    }

    /// <summary>A trip value ("destination", "stop"), or null.</summary>
    public string? Trip(string key)
    {
        using var command = _db.CreateCommand();
        command.CommandText = "SELECT value FROM trip WHERE key = $k";
        command.Parameters.AddWithValue("$k", key);
        return command.ExecuteScalar() as string;
    }

    /// <summary>SQLite's integrity check: "ok", or what is wrong.</summary>
    public string IntegrityCheck()
    {
        using var command = _db.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return command.ExecuteScalar() as string ?? "no answer";
    }

    /// <summary>Writes the WAL back into the database (on a clean shutdown).</summary>
    public void Checkpoint() => Execute(_db, "PRAGMA wal_checkpoint(TRUNCATE);");

    /// <inheritdoc/>
    public void Dispose() => _db.Dispose();

    private void SetTrip(string key, string value, SqliteTransaction tx)
    {
        using var command = _db.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "INSERT INTO trip(key, value) VALUES($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        command.Parameters.AddWithValue("$k", key);
        command.Parameters.AddWithValue("$v", value);
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection db, string sql, SqliteTransaction? tx = null)
    {
        using var command = db.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
