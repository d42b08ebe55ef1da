using System.Text.RegularExpressions;
using Ctg.Signatories.V1;

namespace Ctg.Presentation.Importing;

/// <summary>
/// Sends the conventions of a file to the signatories service's bulk import (ImportConventions): a dry run first
/// to learn which already exist and every problem the service finds, then the import itself, one request for the
/// whole file, which the service writes in one transaction (all the file's conventions or none). The caller
/// translates a refusal for its person (terminal or page).
/// </summary>
public static partial class ConventionWriter
{
    /// <summary>The request of an import of <paramref name="conventions"/>, in the file's order.</summary>
    public static ImportConventionsRequest Request(IReadOnlyList<ConventionToImport> conventions, bool dryRun, bool skipExisting, string clientRequestId = "")
    {
        var request = new ImportConventionsRequest { DryRun = dryRun, SkipExisting = skipExisting, ClientRequestId = clientRequestId };
        foreach (var c in conventions)
        {
            var import = new ConventionImport { Draft = c.Draft };
            import.Signatories.AddRange(c.Signatories.Select(s => new SignatoryImport { Signatory = s.Signatory, SignedOn = s.SignedOn }));
            request.Conventions.Add(import);
        }

        return request;
    }

    /// <summary>The dry run of the file: what exists already (skipped) and every problem the service finds; nothing is written.</summary>
    public static async Task<ImportConventionsResponse> DryRunAsync(Conventions.ConventionsClient client, IReadOnlyList<ConventionToImport> conventions,
        bool skipExisting, Func<DateTime> deadline, CancellationToken cancellationToken) =>
        await client.ImportConventionsAsync(Request(conventions, dryRun: true, skipExisting), deadline: deadline(), cancellationToken: cancellationToken);

    /// <summary>The conventions of the file already registered (nothing is written here).</summary>
    public static async Task<IReadOnlyList<ConventionToImport>> ExistingAsync(Conventions.ConventionsClient client, IReadOnlyList<ConventionToImport> conventions,
        Func<DateTime> deadline, CancellationToken cancellationToken)
    {
        var answer = await DryRunAsync(client, conventions, skipExisting: true, deadline, cancellationToken);
        var skipped = answer.SkippedConventionIds.ToHashSet(StringComparer.Ordinal);
        return [.. conventions.Where(c => skipped.Contains(c.Draft.ConventionId))];
    }

    /// <summary>The French line of a convention that already exists, with its line in the file.</summary>
    public static string AlreadyExists(ConventionToImport c) =>
        $"ligne {c.Line}, champ « convention_id » : la convention « {c.Draft.ConventionId} » existe déjà";

    /// <summary>Each problem of a dry run as a French line pointing at the file: its convention's line and the field
    /// as the file names it (<c>signatories.deliberation.votes_for</c>).</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<ConventionToImport> conventions, ImportConventionsResponse answer) =>
        [.. answer.Problems.Select(p =>
        {
            var line = p.Index >= 0 && p.Index < conventions.Count ? conventions[p.Index].Line : 0;
            return p.Kind == "already_exists" && p.Field.EndsWith(".draft.convention_id", StringComparison.Ordinal) && p.Message.EndsWith("already exists", StringComparison.Ordinal)
                ? $"ligne {line}, champ « convention_id » : la convention « {p.ConventionId} » existe déjà"
                : $"ligne {line}, champ « {FileField(p.Field)} » : {Explain(p)}";
        })];

    /// <summary>The request's field path as the file names it: no convention index, no draft/signatory wrapper, no list index.</summary>
    public static string FileField(string field)
    {
        var path = Prefix().Replace(field, "");
        path = path.Replace("signatories.signatory.", "signatories.").Replace("territory.communes", "communes")
            .Replace("period.start", "start").Replace("period.end", "end");
        return path.Length == 0 ? "convention_id" : path;
    }

    private static string Explain(ConventionImportProblem p) => p.Kind switch
    {
        "access_denied" => $"la convention « {p.ConventionId} » relève d'une CAF pour laquelle vous n'avez pas les droits",
        "already_exists" => $"identifiant déjà utilisé ({p.Message})",
        _ => $"refusé par le service des signataires (motif : {p.Message})",
    };

    /// <summary>Creates one convention (draft, signatories, signatures) in one call.</summary>
    public static Task CreateAsync(Conventions.ConventionsClient client, ConventionToImport c, Func<DateTime> deadline, CancellationToken cancellationToken) =>
        CreateAllAsync(client, [c], skipExisting: false, deadline, cancellationToken);

    /// <summary>Imports the conventions of a file in one call: all or none. A fresh client request id makes a retry
    /// of this very call harmless.</summary>
    public static async Task<ImportConventionsResponse> CreateAllAsync(Conventions.ConventionsClient client, IReadOnlyList<ConventionToImport> conventions,
        bool skipExisting, Func<DateTime> deadline, CancellationToken cancellationToken) =>
        await client.ImportConventionsAsync(Request(conventions, dryRun: false, skipExisting, Guid.NewGuid().ToString("N")),
            deadline: deadline(), cancellationToken: cancellationToken);

    // "conventions[3]." then "draft." (the draft's fields are the file's top-level keys), and every "[n]".
    [GeneratedRegex(@"^conventions\[\d+\](\.draft)?(\.|$)|\[\d+\]")]
    private static partial Regex Prefix();
}
