using Ctg.Application.Commands;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Dapper;

namespace Ctg.Structures.Import;

/// <summary>The structures a declarations or references file names that the caller may see (another's is "not a
/// registered structure"), kept as their protobuf bytes and decoded when a row asks: the registry may hold the
/// national 53,000, and a decoded structure weighs several times its bytes.</summary>
internal sealed class NamedStructures
{
    private readonly Dictionary<string, byte[]> _bytes = new(StringComparer.Ordinal);

    public static async Task<NamedStructures> LoadAsync(ICommandContext ctx, IEnumerable<string> ids, StructureScope scope)
    {
        var wanted = ids.Where(id => id.Length > 0).ToHashSet(StringComparer.Ordinal);
        var named = new NamedStructures();
        // Read row by row (not buffered): only the rows the file names are decoded and kept.
        await using var reader = await ctx.Connection.ExecuteReaderAsync(new CommandDefinition(
            "SELECT structure_id, data FROM structures", transaction: ctx.Transaction, cancellationToken: ctx.CancellationToken));
        while (await reader.ReadAsync(ctx.CancellationToken))
        {
            var id = reader.GetString(0);
            if (!wanted.Contains(id))
            {
                continue;
            }

            var bytes = Convert.FromBase64String(reader.GetString(1));
            if (scope.Allows(Structure.Parser.ParseFrom(bytes)))
            {
                named._bytes[id] = bytes;
            }
        }

        return named;
    }

    public bool Contains(string structureId) => _bytes.ContainsKey(structureId);

    public Structure? Find(string structureId) => _bytes.TryGetValue(structureId, out var bytes) ? Structure.Parser.ParseFrom(bytes) : null;
}
