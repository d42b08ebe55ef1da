using System.CommandLine;
using Ctg.Presentation.Formatting;
using Ctg.Cli.Platform;
using Ctg.Signatories.V1;
using Spectre.Console;

namespace Ctg.Cli.Commands;

/// <summary><c>ctg annexes &lt;ctg&gt;</c>: the annex tables of a CTG — projection of places per mode d'accueil
/// and year, co-financing per structure, coordination posts, notice periods and renewal.</summary>
public static class AnnexesCommand
{
    private const string NotGiven = "non renseigné";

    public static Command Create(CliContext context, EndpointOptions endpointOptions)
    {
        var convention = CommonArguments.Convention();
        var command = new Command("annexes", "Affiche les annexes d'une CTG : projections par mode d'accueil et par année, cofinancements, postes de coordination, préavis et renouvellement.")
        {
            convention,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var clients = new ServiceClients(endpointOptions.Resolve(parse));
            var client = new ConventionAnnexes.ConventionAnnexesClient(clients.Signatories);
            var view = await client.GetConventionAnnexesAsync(new GetConventionAnnexesRequest { ConventionId = parse.GetValue(convention)! },
                deadline: ServiceClients.Deadline(), cancellationToken: cancellationToken);
            Write(context.Console, view);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static void Write(IAnsiConsole console, ConventionAnnexesView view)
    {
        console.WriteLine($"Annexes de {view.ConventionId}");
        console.WriteLine("Projections :" + (view.Projections.Count == 0 ? " aucune" : string.Empty));
        foreach (var projection in view.Projections)
        {
            var years = projection.Years.Count == 0
                ? NotGiven
                : string.Join(", ", projection.Years.Select(y => $"{y.Year} : {(y.HasQuantity ? French.Number((decimal)y.Quantity) : NotGiven)}"));
            console.WriteLine($"- {Mode(projection.Mode)} ({Unit(projection.Mode)}) : {years}");
            foreach (var investment in projection.Investments)
            {
                var cost = investment.HasEstimatedCostCents ? French.Euros(investment.EstimatedCostCents) : "coût " + NotGiven;
                console.WriteLine($"    projet ({investment.ProjectType}) : {investment.Description}, {cost}, {investment.Calendar}");
            }
        }

        console.WriteLine("Cofinancements :" + (view.CoFinancing.Count == 0 ? " aucun" : string.Empty));
        foreach (var entry in view.CoFinancing.OrderBy(e => e.Year).ThenBy(e => e.Beneficiary, StringComparer.Ordinal))
        {
            var amount = entry.HasAmountCents ? French.Euros(entry.AmountCents) : NotGiven;
            var share = entry.HasBudgetSharePercent ? $" ({French.Number((decimal)entry.BudgetSharePercent)} % du budget)" : string.Empty;
            console.WriteLine($"- {entry.Year} {entry.Beneficiary} — {entry.FinancingType} : {amount}{share}{(entry.Estimated ? ", coût estimé" : string.Empty)} [{entry.FunderSignatoryId}]");
        }

        foreach (var post in view.CoordinationPosts)
        {
            var fte = post.HasFte ? French.Number((decimal)post.Fte) + " ETP" : "ETP " + NotGiven;
            var cost = post.HasAnnualCostCents ? French.Euros(post.AnnualCostCents) : NotGiven;
            var caf = post.HasCafFundingCents ? French.Euros(post.CafFundingCents) : NotGiven;
            console.WriteLine($"Poste de coordination {post.Year} : {post.Description}, {fte}, coût {cost}, dont Caf {caf}");
        }

        var terms = view.TerminationTerms;
        console.WriteLine("Préavis de dénonciation : " + (terms is { HasDenunciationNoticeMonths: true } ? $"{terms.DenunciationNoticeMonths} mois" : "6 mois (modèle Cnaf)"));
        console.WriteLine("Résiliation après mise en demeure : " + (terms is { HasFormalNoticeMonths: true } ? $"{terms.FormalNoticeMonths} mois" : "1 mois (modèle Cnaf)"));
        if (view.Renewal is { } renewal)
        {
            console.WriteLine($"Renouvelle : {(renewal.RenewsConventionId.Length > 0 ? renewal.RenewsConventionId : renewal.Description)}");
        }
    }

    private static string Mode(CareMode mode) => mode switch
    {
        CareMode.EajePsu => "EAJE PSU",
        CareMode.MicroCrechePaje => "Micro-crèche Paje",
        CareMode.Mam => "MAM",
        CareMode.AssistantsMaternels => "Assistants maternels (hors MAM)",
        CareMode.Rpe => "RPE",
        CareMode.Passerelle => "Dispositifs passerelles",
        _ => "mode non renseigné",
    };

    private static string Unit(CareMode mode) => mode switch
    {
        CareMode.Rpe => "ETP",
        CareMode.Passerelle => "dispositifs",
        _ => "places",
    };
}
