namespace Ctg.SqlServer.Tests;

/// <summary>The statement collector on small sources: what it renders is what the service sends on SQL Server.</summary>
public sealed class ScannerTests
{
    [Fact]
    public void Renders_dialect_calls_constants_and_dialect_branches_for_sqlserver()
    {
        const string source = """
            class Store(IDbConnectionFactory connections)
            {
                private const string Columns = "a, b";
                void M()
                {
                    var match = connections.Dialect == SqlDialect.Postgres ? "id = ANY(@Ids)" : "id IN @Ids";
                    Run($"SELECT {Columns} FROM t WHERE {match} ORDER BY a {connections.Syntax.Limit("@Limit")}");
                    Run(connections.Syntax.InsertIgnoringDuplicates("t", "a, b", "@A, @B", "a"));
                    var sql = "SELECT a FROM t WHERE " + where + " ORDER BY a";
                    sql += " " + syntax.Limit("@limit");
                }
            }
            """;

        var statements = ServiceSqlScanner.StatementsIn("Store.cs", source);

        Assert.Equal(
            [
                "SELECT a, b FROM t WHERE id IN (@Ids1, @Ids2) ORDER BY a OFFSET 0 ROWS FETCH NEXT @Limit ROWS ONLY",
                "MERGE INTO t WITH (HOLDLOCK) USING (VALUES (@A, @B)) AS excluded (a, b) ON t.a = excluded.a WHEN NOT MATCHED THEN INSERT (a, b) VALUES (excluded.a, excluded.b);",
                "SELECT a FROM t WHERE 1 = 1 ORDER BY a OFFSET 0 ROWS FETCH NEXT @limit ROWS ONLY",
            ],
            statements.Select(s => s.Sql));
        Assert.Equal([7, 8, 9], statements.Select(s => s.Line));
        Assert.Equal(["where"], statements[2].Unresolved);
        Assert.All(statements, s => Assert.Empty(TSql.Errors(s.Sql)));
    }

    [Fact]
    public void Renders_SqlLists_In_as_the_list_SQL_Server_receives_and_stands_in_only_for_a_column_built_at_run_time()
    {
        const string source = """
            class Store
            {
                void M()
                {
                    Run($"UPDATE outbox SET published_at = @PublishedAt WHERE {SqlLists.In(connection, "sequence", "Sequences")}");
                    Run($"SELECT id FROM conventions WHERE {Ctg.Data.SqlLists.In(ctx.Connection, "convention_id", "ids")} AND year = @Year");
                    Run("SELECT a FROM t WHERE b = @B AND " + SqlLists.In(connection, prefix + "manager_key", "Keys"));
                }
            }
            """;

        var statements = ServiceSqlScanner.StatementsIn("Store.cs", source);

        Assert.Equal(
            [
                "UPDATE outbox SET published_at = @PublishedAt WHERE sequence IN (@Sequences1, @Sequences2)",
                "SELECT id FROM conventions WHERE convention_id IN (@ids1, @ids2) AND year = @Year",
                "SELECT a FROM t WHERE b = @B AND 1 = 1",
            ],
            statements.Select(s => s.Sql));
        Assert.Equal([[], [], ["SqlLists.In(connection, prefix + \"manager_key\", \"Keys\")"]], statements.Select(s => s.Unresolved));
        Assert.All(statements, s => Assert.Empty(TSql.Errors(s.Sql)));
    }

    [Fact]
    public void A_statement_that_is_not_TSql_is_reported_with_its_line()
    {
        var statement = Assert.Single(ServiceSqlScanner.StatementsIn("Store.cs", """
            class Store
            {
                void M() => Run("SELECT data FROM t ORDER BY a LIMIT 1");
            }
            """));

        Assert.Equal(3, statement.Line);
        Assert.Equal(["line 1, column 31: Expected OFFSET but encountered LIMIT instead."], TSql.Errors(statement.Sql));
    }
}
