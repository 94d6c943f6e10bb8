using DuckDB.NET.Data;

namespace EdgeAI.Can.Tests.Logs.Parquet;

/// <summary>Reads Parquet files back with a real engine (DuckDB, in-process), the way fleet users query them.</summary>
internal static class DuckDbQuery
{
    /// <summary>Runs <paramref name="sql"/> and returns every row as an array of column values (DBNull for nulls).</summary>
    public static List<object[]> Rows(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The single value of a one-row, one-column query.</summary>
    public static object Scalar(string sql) => Rows(sql).Single()[0];

    /// <summary>A path quoted for SQL.</summary>
    public static string Quote(string path) => "'" + path.Replace("'", "''") + "'";
}
