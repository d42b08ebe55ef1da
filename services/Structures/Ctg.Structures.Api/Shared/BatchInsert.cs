using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Ctg.Structures.Shared;

/// <summary>Fast INSERTs of many rows for the bulk import. SQLite: one prepared single-row statement
/// re-executed with new values (SQLite binds named parameters by scanning, so wide multi-row statements
/// are slow there). PostgreSQL and SQL Server: multi-row VALUES statements, to save round trips.</summary>
internal static class BatchInsert
{
    private const int MaxParameters = 4000;

    // SQL Server takes at most 2,100 parameters per request and 1,000 rows per VALUES list.
    private const int SqlServerMaxParameters = 2000;
    private const int SqlServerMaxRows = 1000;

    public static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string table, string[] columns,
        IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (connection is SqliteConnection)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, c) => "@c" + c.ToString(CultureInfo.InvariantCulture)))})";
            var parameters = columns.Select((_, c) =>
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@c" + c.ToString(CultureInfo.InvariantCulture);
                command.Parameters.Add(parameter);
                return parameter;
            }).ToArray();
            command.Prepare();
            foreach (var row in rows)
            {
                for (var c = 0; c < columns.Length; c++)
                {
                    parameters[c].Value = row[c] ?? DBNull.Value;
                }

                await command.ExecuteNonQueryAsync(ct);
            }

            return;
        }

        var rowsPerStatement = connection is Microsoft.Data.SqlClient.SqlConnection
            ? Math.Clamp(SqlServerMaxParameters / columns.Length, 1, SqlServerMaxRows)
            : Math.Max(1, MaxParameters / columns.Length);
        for (var start = 0; start < rows.Count; start += rowsPerStatement)
        {
            var count = Math.Min(rowsPerStatement, rows.Count - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
            for (var r = 0; r < count; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                var row = rows[start + r];
                for (var c = 0; c < columns.Length; c++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@p{r}_{c}");
                    sql.Append(c == 0 ? name : ", " + name);
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = row[c] ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }

                sql.Append(')');
            }

            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
