using System.Reflection;
using System.Text.RegularExpressions;
using Ctg.Data;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ctg.SqlServer.Tests;

/// <summary>One SQL statement a service sends, as it would be sent on SQL Server.</summary>
internal sealed record ServiceStatement(string File, int Line, string Sql, IReadOnlyList<string> Unresolved);

/// <summary>A piece of SQL text in service code written in one dialect only.</summary>
internal sealed record NonPortableSql(string File, int Line, string Construct, string Text);

/// <summary>
/// Finds the SQL statements of the C# sources where they are written, with Roslyn: every string
/// expression (literal, raw, interpolated, concatenation) whose text starts a DML statement, plus the
/// statements ISqlDialectSyntax builds (InsertIgnoringDuplicates, Upsert). Interpolation holes are
/// rendered when they call ISqlDialectSyntax (through <see cref="SqlServerSyntax"/>) or <see cref="SqlLists.In"/>
/// (on a SQL Server connection), name a string constant of the same file, or choose a branch on the dialect;
/// other holes (a WHERE clause built at run time) are reported in <see cref="ServiceStatement.Unresolved"/>
/// and stood in for by a neutral piece of SQL of the same role, so that the rest of the statement is still checked.
/// </summary>
internal static partial class ServiceSqlScanner
{
    [GeneratedRegex(@"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|MERGE)\b[\s\S]*\b(FROM|INTO|SET|USING)\b")]
    private static partial Regex StatementStart();

    [GeneratedRegex(@"\bIN\s+@(\w+)")]
    private static partial Regex DapperList();

    [GeneratedRegex(@"(\bWHERE|\bAND|\bOR|\bON|\bWHEN)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex PredicatePosition();

    [GeneratedRegex(@"\b(FROM|INTO|UPDATE|JOIN|TABLE)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TablePosition();

    [GeneratedRegex(@"\bVALUES\s*\(?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ValuesPosition();

    [GeneratedRegex(@"^\s*(=|<>|<|>|!=|\bIN\b|\bIS\b|\bASC\b|\bDESC\b)", RegexOptions.IgnoreCase)]
    private static partial Regex OperandBefore();

    [GeneratedRegex(@"(\bBY|\(|,)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ListPosition();

    private static readonly (string Construct, Regex Pattern)[] OneDialectOnly =
    [
        ("LIMIT (use ISqlDialectSyntax.Limit or LimitOffset)", new Regex(@"\bLIMIT\s+[@\d]")),
        ("ON CONFLICT (use ISqlDialectSyntax.InsertIgnoringDuplicates or Upsert)", new Regex(@"\bON CONFLICT\b")),
        ("RETURNING", new Regex(@"\bRETURNING\b")),
        ("substr/length (use ISqlDialectSyntax.StartsWith)", new Regex(@"\b(substr|length)\s*\(")),
        ("|| concatenation", new Regex(@"\|\|")),
        ("boolean literal", new Regex(@"\b(TRUE|FALSE)\b")),
        ("PostgreSQL cast", new Regex(@"::[a-z]")),
    ];

    private static readonly HashSet<string> SyntaxMethods =
        typeof(ISqlDialectSyntax).GetMethods().Select(m => m.Name).ToHashSet(StringComparer.Ordinal);

    private static readonly HashSet<string> StatementMethods = ["InsertIgnoringDuplicates", "Upsert"];

    private static readonly SqlServerSyntax Syntax = new();

    // Never opened: SqlLists.In only looks at the connection's type to choose the dialect's form.
    private static readonly System.Data.Common.DbConnection SqlServerConnection = new Microsoft.Data.SqlClient.SqlConnection();

    /// <summary>The C# files whose SQL runs on the service's configured provider. The development bus is
    /// left out: it stores its queues in its own SQLite file whatever the services use.</summary>
    public static IEnumerable<string> SourceFiles() =>
        RepositoryFiles.Under("services", "*.cs").Concat(RepositoryFiles.Under("tools", "*.cs"))
            .Where(f => !RepositoryFiles.Relative(f).StartsWith("tools/Ctg.DevBus/", StringComparison.Ordinal));

    public static IReadOnlyList<ServiceStatement> Statements()
    {
        var statements = new List<ServiceStatement>();
        // Ctg.Data's dialect classes hold the templates the services' calls render, not statements.
        foreach (var file in SourceFiles().Where(f => !RepositoryFiles.Relative(f).StartsWith("services/BuildingBlocks/Ctg.Data/", StringComparison.Ordinal)))
        {
            statements.AddRange(StatementsIn(RepositoryFiles.Relative(file), File.ReadAllText(file)));
        }

        return statements;
    }

    /// <summary>The statements of one C# source text.</summary>
    public static IReadOnlyList<ServiceStatement> StatementsIn(string file, string source)
    {
        var statements = new List<ServiceStatement>();
        {
            var root = CSharpSyntaxTree.ParseText(source).GetRoot();
            var constants = Constants(root);
            foreach (var expression in root.DescendantNodes().OfType<ExpressionSyntax>().Where(e => IsCandidate(e) && IsOutermost(e)))
            {
                var unresolved = new List<string>();
                var sql = Render(expression, constants, unresolved, new HashSet<string>());
                if (sql is null)
                {
                    continue;
                }

                sql += Appended(expression, constants, unresolved);
                if (ValuesPosition().IsMatch(sql))
                {
                    // Rows appended one by one to a StringBuilder: one row of parameters stands in for them.
                    unresolved.Add("rows appended at run time");
                    sql += "(@dynamic)";
                }
                if (StatementStart().IsMatch(sql))
                {
                    var line = expression.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    statements.Add(new ServiceStatement(file, line, AsDapperSends(sql), unresolved));
                }
            }
        }

        return statements;
    }

    /// <summary>Every string piece in service code (Ctg.Data's dialect classes aside) that is written
    /// for one dialect only instead of going through ISqlDialectSyntax.</summary>
    public static IReadOnlyList<NonPortableSql> NonPortable()
    {
        var found = new List<NonPortableSql>();
        foreach (var file in SourceFiles().Where(f => !RepositoryFiles.Relative(f).StartsWith("services/BuildingBlocks/Ctg.Data/", StringComparison.Ordinal)))
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: file).GetRoot();
            foreach (var token in root.DescendantTokens())
            {
                var text = token.Kind() switch
                {
                    SyntaxKind.StringLiteralToken or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken
                        or SyntaxKind.InterpolatedStringTextToken => token.ValueText,
                    _ => null,
                };
                if (text is null || InOtherDialectBranch(token.Parent))
                {
                    continue;
                }

                foreach (var (construct, pattern) in OneDialectOnly.Where(p => p.Pattern.IsMatch(text)))
                {
                    found.Add(new NonPortableSql(RepositoryFiles.Relative(file), token.GetLocation().GetLineSpan().StartLinePosition.Line + 1, construct, text.Trim()));
                }
            }
        }

        return found;
    }

    private static bool IsConstantValue(ExpressionSyntax e) =>
        IsCandidate(e) || (e is ConditionalExpressionSyntax c && DialectCondition(c.Condition) is not null);

    private static bool IsCandidate(ExpressionSyntax e) => e switch
    {
        LiteralExpressionSyntax l => l.IsKind(SyntaxKind.StringLiteralExpression),
        InterpolatedStringExpressionSyntax => true,
        BinaryExpressionSyntax b => b.IsKind(SyntaxKind.AddExpression),
        InvocationExpressionSyntax i => MethodName(i) is { } name && StatementMethods.Contains(name),
        _ => false,
    };

    private static bool IsOutermost(ExpressionSyntax e) =>
        e.Parent is not (BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } or ParenthesizedExpressionSyntax
            or InterpolationSyntax)
        && !(e.Parent is ConditionalExpressionSyntax conditional && DialectCondition(conditional.Condition) is not null);

    private static string? MethodName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>String constants and string-initialized fields and locals of the file, by name.</summary>
    private static Dictionary<string, ExpressionSyntax> Constants(SyntaxNode root)
    {
        var constants = new Dictionary<string, ExpressionSyntax>(StringComparer.Ordinal);
        foreach (var variable in root.DescendantNodes().OfType<VariableDeclaratorSyntax>())
        {
            if (variable.Initializer?.Value is { } value && IsConstantValue(value))
            {
                constants.TryAdd(variable.Identifier.ValueText, value);
            }

            // A clause built in a StringBuilder: what it starts with is always there; what is appended
            // under conditions is checked by NonPortable, piece by piece.
            if (variable.Initializer?.Value is BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: [var first] } creation
                && (creation is ImplicitObjectCreationExpressionSyntax || creation.ToString().Contains("StringBuilder", StringComparison.Ordinal))
                && IsCandidate(first.Expression))
            {
                constants.TryAdd(variable.Identifier.ValueText, first.Expression);
            }
        }

        foreach (var property in root.DescendantNodes().OfType<PropertyDeclarationSyntax>())
        {
            if ((property.ExpressionBody?.Expression ?? property.Initializer?.Value) is { } value && IsCandidate(value))
            {
                constants.TryAdd(property.Identifier.ValueText, value);
            }
        }

        return constants;
    }

    private static string? Render(ExpressionSyntax expression, Dictionary<string, ExpressionSyntax> constants, List<string> unresolved, HashSet<string> resolving)
    {
        switch (expression)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                return literal.Token.ValueText;
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NumericLiteralExpression):
                return literal.Token.ValueText;
            case ParenthesizedExpressionSyntax parenthesized:
                return Render(parenthesized.Expression, constants, unresolved, resolving);
            case BinaryExpressionSyntax add when add.IsKind(SyntaxKind.AddExpression):
            {
                var left = Render(add.Left, constants, unresolved, resolving);
                var right = Render(add.Right, constants, unresolved, resolving);
                if (left is null && right is null)
                {
                    return null;
                }

                left ??= StandIn("", right!, add.Left, unresolved);
                right ??= StandIn(left, "", add.Right, unresolved);
                return left + right;
            }
            case InterpolatedStringExpressionSyntax interpolated:
            {
                var text = new System.Text.StringBuilder();
                var contents = interpolated.Contents;
                for (var i = 0; i < contents.Count; i++)
                {
                    if (contents[i] is InterpolatedStringTextSyntax piece)
                    {
                        text.Append(piece.TextToken.ValueText);
                        continue;
                    }

                    var hole = ((InterpolationSyntax)contents[i]).Expression;
                    var after = i + 1 < contents.Count && contents[i + 1] is InterpolatedStringTextSyntax next ? next.TextToken.ValueText : "";
                    text.Append(Render(hole, constants, unresolved, resolving) ?? StandIn(text.ToString(), after, hole, unresolved));
                }

                return text.ToString();
            }

            case ConditionalExpressionSyntax conditional when DialectCondition(conditional.Condition) is { } isSqlServer:
                return Render(isSqlServer ? conditional.WhenTrue : conditional.WhenFalse, constants, unresolved, resolving);
            case InvocationExpressionSyntax invocation when MethodName(invocation) is { } name && SyntaxMethods.Contains(name):
                return CallSyntax(name, invocation, constants, unresolved, resolving);
            case InvocationExpressionSyntax invocation when IsSqlListsIn(invocation):
                return CallSqlListsIn(invocation, constants, resolving);
            case IdentifierNameSyntax identifier:
                return Constant(identifier.Identifier.ValueText, constants, unresolved, resolving);
            case MemberAccessExpressionSyntax member:
                return Constant(member.Name.Identifier.ValueText, constants, unresolved, resolving);
            default:
                return null;
        }
    }

    private static string? Constant(string name, Dictionary<string, ExpressionSyntax> constants, List<string> unresolved, HashSet<string> resolving)
    {
        if (!constants.TryGetValue(name, out var value) || !resolving.Add(name))
        {
            return null;
        }

        var rendered = Render(value, constants, unresolved, resolving);
        resolving.Remove(name);
        return rendered;
    }

    private static string? CallSyntax(string name, InvocationExpressionSyntax invocation, Dictionary<string, ExpressionSyntax> constants, List<string> unresolved, HashSet<string> resolving)
    {
        var method = typeof(SqlServerSyntax).GetMethod(name, BindingFlags.Public | BindingFlags.Instance)!;
        var parameters = method.GetParameters();
        var values = parameters.Select(p => p.HasDefaultValue ? p.DefaultValue : null).ToArray();
        var arguments = invocation.ArgumentList.Arguments;
        for (var i = 0; i < arguments.Count; i++)
        {
            var index = arguments[i].NameColon is { } named ? Array.FindIndex(parameters, p => p.Name == named.Name.Identifier.ValueText) : i;
            var value = Render(arguments[i].Expression, constants, unresolved, resolving);
            if (value is null)
            {
                unresolved.Add($"argument {i + 1} of {name}: {arguments[i].Expression}");
                return null;
            }

            values[index] = value;
        }

        return (string?)method.Invoke(Syntax, values);
    }

    private static bool IsSqlListsIn(InvocationExpressionSyntax invocation) =>
        invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: nameof(SqlLists.In) } member
        && (member.Expression.ToString() is nameof(SqlLists) or "Ctg.Data." + nameof(SqlLists))
        && invocation.ArgumentList.Arguments.Count == 3;

    /// <summary>What <see cref="SqlLists.In"/> returns on a SQL Server connection, called for real so the scanner
    /// follows any change to it; null (a stand-in then) when the column or the parameter is built at run time.</summary>
    private static string? CallSqlListsIn(InvocationExpressionSyntax invocation, Dictionary<string, ExpressionSyntax> constants, HashSet<string> resolving)
    {
        var pieces = new List<string>();
        var column = Render(invocation.ArgumentList.Arguments[1].Expression, constants, pieces, resolving);
        var parameter = Render(invocation.ArgumentList.Arguments[2].Expression, constants, pieces, resolving);
        return column is null || parameter is null || pieces.Count > 0 ? null : SqlLists.In(SqlServerConnection, column, parameter);
    }

    /// <summary>True when the condition picks SQL Server, false when it does not, null when it is not
    /// a test of the dialect (<c>x.Dialect == SqlDialect.Postgres</c>).</summary>
    private static bool? DialectCondition(ExpressionSyntax condition)
    {
        if (condition is not BinaryExpressionSyntax comparison
            || !(comparison.IsKind(SyntaxKind.EqualsExpression) || comparison.IsKind(SyntaxKind.NotEqualsExpression)))
        {
            return null;
        }

        var dialect = new[] { comparison.Left, comparison.Right }.OfType<MemberAccessExpressionSyntax>()
            .FirstOrDefault(m => m.Expression.ToString() == "SqlDialect")?.Name.Identifier.ValueText;
        if (dialect is null)
        {
            return null;
        }

        var equals = dialect == nameof(SqlDialect.SqlServer);
        return comparison.IsKind(SyntaxKind.EqualsExpression) ? equals : !equals;
    }

    private static bool InOtherDialectBranch(SyntaxNode? node)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            if (current.Parent is ConditionalExpressionSyntax conditional && DialectCondition(conditional.Condition) is { } isSqlServer
                && current != conditional.Condition && (current == conditional.WhenTrue) != isSqlServer)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A piece of SQL standing in for a hole built at run time: a condition where the text
    /// before expects one, else a parameter.</summary>
    private static string StandIn(string before, string after, ExpressionSyntax hole, List<string> unresolved)
    {
        unresolved.Add(hole.ToString());
        if (TablePosition().IsMatch(before))
        {
            return "dynamic_table";
        }

        if (ValuesPosition().IsMatch(before))
        {
            return "@dynamic";
        }

        if (OperandBefore().IsMatch(after) || (ListPosition().IsMatch(before) && after.TrimStart() is [')' or ',', ..] or ""))
        {
            return "dynamic_column";
        }

        return PredicatePosition().IsMatch(before) ? "1 = 1" : "@dynamic";
    }

    /// <summary>What <c>sql += ...</c> adds later in the method to a local the statement initializes.</summary>
    private static string Appended(ExpressionSyntax expression, Dictionary<string, ExpressionSyntax> constants, List<string> unresolved)
    {
        if (expression.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax variable }
            || variable.Ancestors().OfType<BlockSyntax>().FirstOrDefault() is not { } block)
        {
            return "";
        }

        var name = variable.Identifier.ValueText;
        var appended = new System.Text.StringBuilder();
        foreach (var assignment in block.DescendantNodes().OfType<AssignmentExpressionSyntax>()
                     .Where(a => a.IsKind(SyntaxKind.AddAssignmentExpression) && a.Left is IdentifierNameSyntax target && target.Identifier.ValueText == name))
        {
            appended.Append(Render(assignment.Right, constants, unresolved, new HashSet<string>()) ?? StandIn(appended.ToString(), "", assignment.Right, unresolved));
        }

        return appended.ToString();
    }

    /// <summary>Dapper expands <c>IN @list</c> into <c>IN (@list1, @list2...)</c> before sending.</summary>
    private static string AsDapperSends(string sql) => DapperList().Replace(sql, m => $"IN (@{m.Groups[1].Value}1, @{m.Groups[1].Value}2)");
}
