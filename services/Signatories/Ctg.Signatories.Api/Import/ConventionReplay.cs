using Ctg.Domain;
using Ctg.Signatories.Conventions;
using Ctg.Signatories.Events;
using Ctg.Signatories.Shared;
using Ctg.Signatories.Storage;

namespace Ctg.Signatories.Import;

/// <summary>One version of an imported convention: the version and change a unit command would have saved.</summary>
public sealed record ReplayedVersion(long Version, string ChangeKind);

/// <summary>An imported convention once replayed: its final state, every intermediate version, the signatory
/// ids it takes (with the field that names each), and the events in the order the unit commands would have
/// raised them, with their versions.</summary>
public sealed record ReplayedConvention(
    int Index, ConventionRecord Record, long Version, IReadOnlyList<ReplayedVersion> Versions,
    IReadOnlyList<(string SignatoryId, string Field)> SignatoryIds, IReadOnlyList<PendingEvent> Events);

/// <summary>
/// Replays one convention of an import through the aggregate, one unit command at a time (draft, each
/// signatory, each signature, each grant, each transfer), each on the state the previous one left, as if
/// saved and reloaded in between: the same rules, the same versions and the same events as the unit RPCs,
/// without their round trips. A refused step stops that convention with its problems named by the request's
/// field paths; the caller goes on checking the other conventions.
/// </summary>
public static class ConventionReplay
{
    public static (ReplayedConvention? Convention, IReadOnlyList<ImportProblem> Problems) Run(int index, ImportConventionCommand command)
    {
        var at = $"conventions[{index}]";
        var id = command.Draft.ConventionId ?? string.Empty;
        if (id.Length == 0)
        {
            return (null, [new ImportProblem(index, id, at + ".draft.convention_id", "is required for an import (it names the convention)", "rule_violation")]);
        }

        var versions = new List<ReplayedVersion>();
        var signatoryIds = new List<(string, string)>();
        var events = new List<PendingEvent>();
        ConventionAggregate? aggregate = null;

        // Runs one command; its violations are renamed from the unit request's fields to the import's.
        IReadOnlyList<ImportProblem> Step(string path, Func<string, string> field, Func<ConventionAggregate?, ConventionAggregate> apply)
        {
            try
            {
                aggregate = apply(aggregate);
            }
            catch (DomainError error)
            {
                return error.Violations.Count == 0
                    ? [new ImportProblem(index, id, path, error.Message, error.Kind)]
                    : [.. error.Violations.Select(v => new ImportProblem(index, id, field(v.Field), v.Description, error.Kind))];
            }

            versions.Add(new ReplayedVersion(aggregate.NextVersion, aggregate.ChangeKind));
            signatoryIds.AddRange(aggregate.NewSignatoryIds.Select(s => (s, path + ".signatory_id")));
            events.AddRange(aggregate.Events);
            return [];
        }

        // As the store would between two commands: the state the previous one saved, loaded at its version.
        static ConventionAggregate Next(ConventionAggregate? previous) => ConventionAggregate.Load(previous!.Record, previous.NextVersion);

        var problems = Step(at + ".draft", f => $"{at}.draft.{f}", _ => ConventionAggregate.CreateDraft(command.Draft));
        for (var j = 0; problems.Count == 0 && j < command.Signatories.Count; j++)
        {
            var signatory = command.Signatories[j].Signatory;
            var path = $"{at}.signatories[{j}].signatory";
            // AddSignatory names its fields under the prefix it is given.
            problems = Step(path, f => f, previous =>
            {
                var next = Next(previous);
                next.AddSignatory(new AddSignatoryCommand(signatory), path);
                return next;
            });
        }

        for (var j = 0; problems.Count == 0 && j < command.Signatories.Count; j++)
        {
            if (command.Signatories[j].SignedOn is not { } signedOn)
            {
                continue;
            }

            // The id the signatory was stored with (generated when the import left it empty).
            var signatoryId = aggregate!.Record.Signatories[j].SignatoryId;
            var path = $"{at}.signatories[{j}]";
            problems = Step(path, f => f == "signatory_id" ? $"{path}.signatory.signatory_id" : $"{path}.{f}", previous =>
            {
                var next = Next(previous);
                next.Sign(new SignCommand(signatoryId, signedOn));
                return next;
            });
        }

        for (var k = 0; problems.Count == 0 && k < command.Grants.Count; k++)
        {
            var grant = command.Grants[k];
            var path = $"{at}.grants[{k}]";
            problems = Step(path, f => $"{path}.{f}", previous =>
            {
                var next = Next(previous);
                next.Grant(grant);
                return next;
            });
        }

        for (var k = 0; problems.Count == 0 && k < command.Transfers.Count; k++)
        {
            var transfer = command.Transfers[k];
            var path = $"{at}.transfers[{k}]";
            problems = Step(path, f => $"{path}.{f}", previous =>
            {
                var next = Next(previous);
                next.Transfer(transfer);
                return next;
            });
        }

        return problems.Count > 0
            ? (null, problems)
            : (new ReplayedConvention(index, aggregate!.Record, aggregate.NextVersion, versions, signatoryIds, events), []);
    }
}
