using Ctg.Reporting.AoCompliance;
using Ctg.Reporting.ConventionDocuments;
using Ctg.Reporting.Endpoint;
using Ctg.Reporting.Funding;
using Ctg.Reporting.Shared;
using Ctg.Reporting.StructureRegistry;
using Ctg.Reporting.V1;
using Ctg.ServiceDefaults;
using Google.Protobuf;
using Grpc.Core;

namespace Ctg.Reporting.Exports;

/// <summary>The CSV reports, streamed as chunks of about <see cref="ChunkBytes"/> bytes.</summary>
public sealed class CsvExports(FundingQueries funding, StructureQueries structures, AoComplianceQueries compliance, ConventionDocumentQueries documents, TimeProvider clock)
{
    public const int ChunkBytes = 32 * 1024;

    /// <param name="scope">What the caller may read: a manager's export holds their structures only, a CAF's
    /// staff member's the structures of their CAF's CTGs (the caller checked a CTG report's CAF).</param>
    public async Task WriteAsync(ExportCsvRequest request, IServerStreamWriter<CsvChunk> stream, ReportingScope scope, CancellationToken cancellationToken)
    {
        var managers = scope.Managers;
        var csv = new FrenchCsv();
        async Task FlushIfFullAsync()
        {
            if (csv.PendingLength >= ChunkBytes)
            {
                await stream.WriteAsync(new CsvChunk { Data = ByteString.CopyFrom(csv.TakeBytes()) }, cancellationToken);
            }
        }

        switch (request.Report)
        {
            case CsvReport.AllocationSummary:
                var summary = await funding.AllocationSummaryAsync(request.ConventionId, request.Year, cancellationToken)
                    ?? throw new Ctg.Domain.NotFoundError($"No funding run of convention {request.ConventionId} for {request.Year}.");
                csv.Line("Collectivité compétente", "Type", "Enveloppe (€)", "Alloué (€)", "Écart (€)", "Causes de l'écart", "Calcul", "Approuvé");
                foreach (var (run, label) in new[] { (summary.LatestRun, "dernier calcul"), (summary.ApprovedRun, "calcul approuvé") })
                {
                    if (run is null || (label == "calcul approuvé" && run.RunId == summary.LatestRun.RunId))
                    {
                        continue;
                    }

                    foreach (var group in run.Groups)
                    {
                        var causes = string.Join(", ", group.Causes.Select(c => $"{c.Cause} {FrenchCsv.Euros(c.Amount.Cents)}"));
                        csv.Line(group.SupportingCollectivityId, group.Kind, FrenchCsv.Euros(group.Envelope.Cents), FrenchCsv.Euros(group.Allocated.Cents),
                            FrenchCsv.Euros(group.Difference.Cents), causes, $"{label} {run.RunId}", run.Approved ? "oui" : "non");
                        await FlushIfFullAsync();
                    }
                }

                break;
            case CsvReport.ManagerStructures:
                csv.Line("Identifiant", "Nom", "Type", "Commune (INSEE)", "Commune", "Collectivité compétente", "CTG", "Places agréées", "Ouverture", "Fermeture");
                var after = "";
                while (managers is null || managers.Contains(request.ManagerName.Trim().ToLowerInvariant(), StringComparer.Ordinal))
                {
                    var (page, _) = await structures.ByManagerAsync(request.ManagerName, scope.Cafs, after, 500, cancellationToken);
                    foreach (var s in page)
                    {
                        csv.Line(s.StructureId, s.Name, s.Kind, s.CommuneInsee, s.CommuneName, s.SupportingCollectivityId, s.ConventionId,
                            s.AgreedPlaces?.ToString(System.Globalization.CultureInfo.InvariantCulture), FrenchCsv.Date(s.OpeningDate), FrenchCsv.Date(s.ClosingDate));
                        await FlushIfFullAsync();
                    }

                    if (page.Count < 500)
                    {
                        break;
                    }

                    after = page[^1].StructureId;
                }

                break;
            case CsvReport.AoAlerts:
                var alerts = await compliance.AlertsAsync(request.ConventionId, ReportingRequests.AsOf(request.AsOf, clock), cancellationToken);
                csv.Line("Commune (INSEE)", "Commune", "Population légale", "Obligation", "Alerte");
                foreach (var commune in alerts.Communes)
                {
                    foreach (var alert in commune.Alerts)
                    {
                        csv.Line(commune.InseeCode, commune.Name, commune.LegalPopulation.ToString(System.Globalization.CultureInfo.InvariantCulture), alert.Obligation, alert.Message);
                        await FlushIfFullAsync();
                    }
                }

                break;
            case CsvReport.Payments:
                csv.Line("Structure", "Nom", "Gestionnaire", "Année", "Nature", "Montant (€)", "Échéance", "Paiement");
                foreach (var p in await funding.PaymentsOfConventionAsync(request.ConventionId, request.Year, managers, cancellationToken))
                {
                    csv.Line(p.StructureId, p.StructureName, p.ManagerName, p.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        PaymentKindLabel(p.Kind), FrenchCsv.Euros(p.AmountCents), FrenchCsv.Date(p.DueOn), p.PaymentId);
                    await FlushIfFullAsync();
                }

                break;
            case CsvReport.ActionPlan:
                var (plan, _) = await documents.DocumentAsync<ActionPlanDocument>(request.ConventionId, ConventionDocumentProjections.ActionPlan, scope, cancellationToken);
                foreach (var line in ActionPlanCsv.Lines(plan))
                {
                    csv.Line(line);
                    await FlushIfFullAsync();
                }

                break;
        }

        await stream.WriteAsync(new CsvChunk { Data = ByteString.CopyFrom(csv.TakeBytes()) }, cancellationToken);
    }

    private static string PaymentKindLabel(string kind) => kind switch
    {
        "advance" => "acompte",
        "balance" => "solde",
        "indu" => "indu",
        _ => kind,
    };
}
