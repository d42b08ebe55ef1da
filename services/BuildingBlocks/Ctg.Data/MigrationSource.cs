using System.Reflection;
using System.Text.RegularExpressions;

namespace Ctg.Data;

/// <summary>Reads the migration scripts a service embeds as resources, one folder per dialect:
/// <c>Migrations/sqlite/0001_initial.sql</c>, <c>Migrations/postgres/0001_initial.sql</c>.</summary>
public static partial class MigrationSource
{
    [GeneratedRegex(@"Migrations\.(?<dialect>[a-z]+)\.(?<version>\d{4})_(?<name>[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex ResourceName();

    public static IReadOnlyList<Migration> FromAssemblies(IEnumerable<Assembly> assemblies, SqlDialect dialect)
    {
        var wanted = dialect.ToString().ToLowerInvariant();
        var migrations = new List<Migration>();
        foreach (var (assembly, resource) in assemblies.SelectMany(a => a.GetManifestResourceNames().Select(r => (a, r))))
        {
            var match = ResourceName().Match(resource);
            if (!match.Success || match.Groups["dialect"].Value != wanted)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(
                int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Two {wanted} migrations share version {migrations[i].Version}.");
            }
        }

        return migrations;
    }
}
