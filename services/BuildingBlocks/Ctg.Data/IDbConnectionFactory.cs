using System.Data.Common;

namespace Ctg.Data;

/// <summary>Opens connections to the one database a service owns.</summary>
public interface IDbConnectionFactory
{
    SqlDialect Dialect { get; }

    ISqlDialectSyntax Syntax { get; }

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);
}
