using DuckDB.NET.Data;

namespace EdgeAI.Can.Tests.Logs.Parquet;

/// <summary>Runs SQL on an in-memory DuckDB: the real engine the exports are checked against.</summary>
internal static class DuckDb
{
    /// <summary>Every row of a query, BLOBs as byte arrays.</summary>
    public static List<object?[]> Query(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : Normalize(reader.GetValue(i));
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The one value of a one-row, one-column query.</summary>
    public static object? Scalar(string sql) => Assert.Single(Query(sql))[0];

    /// <summary>A path as a SQL string literal.</summary>
    public static string Literal(string path) => "'" + path.Replace("'", "''") + "'";

    private static object Normalize(object value)
    {
        if (value is not Stream stream) return value;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
