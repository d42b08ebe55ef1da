using Ctg.Signatories.V1;
using Grpc.Core;

namespace Ctg.Presentation.Importing;

/// <summary>
/// Creates the conventions of a file through the signatories service, which has no bulk import: "nothing
/// imported if any error" is kept by checking first that none exists yet, then writing draft, signatories and
/// signatures. The caller translates a refusal for its person (terminal or page).
/// </summary>
public static class ConventionWriter
{
    /// <summary>The conventions of the file already registered (nothing is written here).</summary>
    public static async Task<IReadOnlyList<ConventionToImport>> ExistingAsync(Conventions.ConventionsClient client, IReadOnlyList<ConventionToImport> conventions,
        Func<DateTime> deadline, CancellationToken cancellationToken)
    {
        var existing = new List<ConventionToImport>();
        foreach (var c in conventions)
        {
            try
            {
                await client.GetConventionAsync(new GetConventionRequest { ConventionId = c.Draft.ConventionId }, deadline: deadline(), cancellationToken: cancellationToken);
                existing.Add(c);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                // Not there yet: it will be created.
            }
        }
        return existing;
    }

    /// <summary>The French line of a convention that already exists, with its line in the file.</summary>
    public static string AlreadyExists(ConventionToImport c) =>
        $"ligne {c.Line}, champ « convention_id » : la convention « {c.Draft.ConventionId} » existe déjà";

    public static async Task CreateAsync(Conventions.ConventionsClient client, ConventionToImport c, Func<DateTime> deadline, CancellationToken cancellationToken)
    {
        var convention = await client.CreateConventionDraftAsync(c.Draft, deadline: deadline(), cancellationToken: cancellationToken);
        foreach (var (signatory, _) in c.Signatories)
        {
            convention = await client.AddSignatoryAsync(new AddSignatoryRequest { ConventionId = convention.ConventionId, ExpectedVersion = convention.Version, Signatory = signatory },
                deadline: deadline(), cancellationToken: cancellationToken);
        }
        // Signatures last: the convention is signed when its last signatory signs.
        for (var i = 0; i < c.Signatories.Count; i++)
        {
            if (c.Signatories[i].SignedOn is not { } signedOn) continue;
            convention = await client.SignConventionAsync(new SignConventionRequest
            {
                ConventionId = convention.ConventionId, ExpectedVersion = convention.Version, SignatoryId = convention.Signatories[i].SignatoryId, SignedOn = signedOn,
            }, deadline: deadline(), cancellationToken: cancellationToken);
        }
    }
}
