using Ctg.Application.Commands;
using Ctg.Domain;
using Ctg.Signatories.Conventions;
using Ctg.Signatories.Shared;

namespace Ctg.Signatories.Import;

/// <summary>What an import did (or, dry, would do), in request order.</summary>
public sealed record ConventionImportOutcome(
    int Read, IReadOnlyList<string> Imported, IReadOnlyList<string> Skipped, IReadOnlyList<ImportProblem> Problems, int EventsWritten);

/// <summary>
/// Imports conventions in the command's transaction: every convention is checked (its id free or, with
/// skip_existing, left alone; its CAF one the caller may write; its commands replayed through the aggregate; its
/// signatory ids free in the database and in the import) before anything is written. A dry run answers every
/// problem and writes nothing; a real import with any problem is refused whole (PERMISSION_DENIED when a
/// convention belongs to another CAF, else INVALID_ARGUMENT with one violation per problem).
/// </summary>
public sealed class ConventionImportHandler(ConventionImportStore store)
{
    public async Task<ConventionImportOutcome> HandleAsync(ICommandContext ctx, ImportConventionsCommand command, bool dryRun)
    {
        var scope = ConventionScope.Of(ctx.Caller);
        var problems = new List<ImportProblem>();
        var skipped = new List<string>();
        var replayed = new List<ReplayedConvention>();
        var existing = await store.ExistingConventionIdsAsync(ctx, [.. command.Conventions.Select(c => c.Draft.ConventionId ?? string.Empty).Where(id => id.Length > 0)]);
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < command.Conventions.Count; i++)
        {
            var convention = command.Conventions[i];
            var id = convention.Draft.ConventionId ?? string.Empty;
            var caf = convention.Draft.CafDepartement ?? string.Empty;
            var at = $"conventions[{i}].draft";
            if (id.Length > 0 && !firstIndex.TryAdd(id, i))
            {
                problems.Add(new ImportProblem(i, id, at + ".convention_id", $"is also the id of conventions[{firstIndex[id]}] of the import", "already_exists"));
            }
            else if (FrenchCodes.IsDepartement(caf) && !scope.Allows(caf))
            {
                problems.Add(new ImportProblem(i, id, at + ".caf_departement", $"convention '{id}' belongs to CAF {caf}, not to a CAF of the caller", "access_denied"));
            }
            else if (existing.Contains(id) && command.SkipExisting)
            {
                skipped.Add(id);
            }
            else if (existing.Contains(id))
            {
                problems.Add(new ImportProblem(i, id, at + ".convention_id", $"convention '{id}' already exists", "already_exists"));
            }
            else
            {
                var (replay, refused) = ConventionReplay.Run(i, convention);
                problems.AddRange(refused);
                if (replay is not null)
                {
                    replayed.Add(replay);
                }
            }
        }

        var accepted = await WithFreeSignatoryIdsAsync(ctx, replayed, problems);
        problems.Sort((a, b) => a.Index.CompareTo(b.Index));
        if (problems.Count > 0 && !dryRun)
        {
            throw Refusal(problems);
        }

        var events = dryRun ? 0 : await store.InsertAsync(ctx, accepted);
        return new ConventionImportOutcome(command.Conventions.Count, [.. accepted.Select(c => c.Record.ConventionId)], skipped, problems, events);
    }

    /// <summary>The conventions whose signatory ids no other convention uses, in the database or earlier in the import.</summary>
    private async Task<List<ReplayedConvention>> WithFreeSignatoryIdsAsync(ICommandContext ctx, List<ReplayedConvention> replayed, List<ImportProblem> problems)
    {
        var owners = await store.SignatoryOwnersAsync(ctx, [.. replayed.SelectMany(r => r.SignatoryIds.Select(s => s.SignatoryId))]);
        var inImport = new Dictionary<string, int>(StringComparer.Ordinal);
        var accepted = new List<ReplayedConvention>();
        foreach (var convention in replayed)
        {
            var before = problems.Count;
            foreach (var (signatoryId, field) in convention.SignatoryIds)
            {
                if (owners.ContainsKey(signatoryId))
                {
                    problems.Add(new ImportProblem(convention.Index, convention.Record.ConventionId, field, "is already used", "already_exists"));
                }
                else if (!inImport.TryAdd(signatoryId, convention.Index))
                {
                    problems.Add(new ImportProblem(convention.Index, convention.Record.ConventionId, field,
                        $"is also a signatory of conventions[{inImport[signatoryId]}] of the import", "already_exists"));
                }
            }

            if (problems.Count == before)
            {
                accepted.Add(convention);
            }
        }

        return accepted;
    }

    private static DomainError Refusal(IReadOnlyList<ImportProblem> problems)
    {
        var denied = problems.Where(p => p.Kind == "access_denied").Select(p => p.ConventionId).Distinct().ToList();
        if (denied.Count > 0)
        {
            return new AccessDeniedError(
                $"{denied.Count} convention(s) of the import belong to a CAF the caller cannot write ({string.Join(", ", denied)}): nothing was imported.");
        }

        var conventions = problems.Select(p => p.Index).Distinct().Count();
        return new RuleViolationError($"{conventions} convention(s) of the import are refused: nothing was imported.",
            problems.Select(p => new FieldViolation(p.Field, p.Message)));
    }
}
