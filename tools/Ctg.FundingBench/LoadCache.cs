using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Ctg.FundingBench;

/// <summary>
/// The signatories and structures databases as the national load left them, kept under .data/bench-cache so that
/// the next benchmark starts from them instead of loading again: the load goes through tens of thousands of unit
/// RPCs of the signatories service (it has no bulk import), several minutes on the shared 2-core machine. The
/// key covers the seed and every migration of both services, so a schema change loads again; `--reload` forces it.
/// The copy is SQLite's own consistent snapshot (VACUUM INTO) taken while the services run.
/// </summary>
public sealed class LoadCache
{
    private static readonly string[] Databases = ["signatories", "structures"];

    private LoadCache(string directory) => Directory = directory;

    public string Directory { get; }

    public bool Exists => File.Exists(Path.Combine(Directory, "load.json"));

    public static LoadCache For(int seed)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"seed={seed};loader=3;"));
        foreach (var service in new[] { "Signatories/Ctg.Signatories.Api", "Structures/Ctg.Structures.Api" })
        {
            var migrations = Path.Combine(RepositoryPaths.Root, "services", service, "Migrations", "sqlite");
            foreach (var file in System.IO.Directory.GetFiles(migrations).Order(StringComparer.Ordinal))
            {
                hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file)));
                hash.AppendData(File.ReadAllBytes(file));
            }
        }

        var key = Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
        return new LoadCache(Path.Combine(RepositoryPaths.Root, ".data", "bench-cache", $"national-{seed}-{key}"));
    }

    /// <summary>Copies the cached databases into a fresh data directory, before the services start.</summary>
    public void CopyInto(string dataDirectory)
    {
        foreach (var name in Databases)
        {
            File.Copy(Path.Combine(Directory, name + ".db"), Path.Combine(dataDirectory, name + ".db"));
        }
    }

    public LoadReport ReadReport() =>
        JsonSerializer.Deserialize<LoadReport>(File.ReadAllText(Path.Combine(Directory, "load.json")))!;

    /// <summary>Snapshots the running services' databases and the load's timings.</summary>
    public void Save(string dataDirectory, LoadReport report)
    {
        var staging = Directory + ".partial";
        if (System.IO.Directory.Exists(staging)) System.IO.Directory.Delete(staging, recursive: true);
        System.IO.Directory.CreateDirectory(staging);
        foreach (var name in Databases)
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, name + ".db")}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO $target";
            command.Parameters.AddWithValue("$target", Path.Combine(staging, name + ".db"));
            command.ExecuteNonQuery();
        }

        File.WriteAllText(Path.Combine(staging, "load.json"), JsonSerializer.Serialize(report));
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
        System.IO.Directory.Move(staging, Directory);
    }
}
