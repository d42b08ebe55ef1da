namespace Ctg.Data;

/// <summary>One versioned SQL script, e.g. <c>Migrations/postgres/0002_add_outbox.sql</c>.</summary>
public sealed record Migration(int Version, string Name, string Sql);
