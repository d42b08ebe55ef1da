using System.Data.Common;

namespace Ctg.Data;

/// <summary>"The column is one of a list" in every dialect. For SQLite and SQL Server, Dapper expands
/// <c>IN @list</c> into one parameter per value; Npgsql supports arrays, so Dapper hands it the list as a single
/// array parameter, which PostgreSQL reads only through <c>= ANY(@list)</c> (<c>IN $1</c> is a syntax error).</summary>
public static class SqlLists
{
    public static string In(DbConnection connection, string column, string parameter) =>
        connection is Npgsql.NpgsqlConnection ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";
}
