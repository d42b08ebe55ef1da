using Ctg.Signatories.Shared;
using Ctg.Signatories.Storage;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Annexes;

/// <summary>The annexes of a stored convention as the API answers them: built next to the endpoints, so the
/// aggregate does not know the shape of a gRPC answer.</summary>
public static class AnnexesViewMapping
{
    public static ConventionAnnexesView View(ConventionRecord record, long version)
    {
        var view = new ConventionAnnexesView
        {
            ConventionId = record.ConventionId,
            Version = version,
            Renewal = record.Renewal?.Clone(),
            TerminationTerms = record.TerminationTerms?.Clone(),
            SchemaStandIn = record.SchemaStandIn?.Clone(),
        };
        view.Projections.AddRange(record.Projections.Select(p => p.Clone()));
        view.CoFinancing.AddRange(record.CoFinancing.Select(e => e.Clone()));
        view.CoordinationPosts.AddRange(record.CoordinationPosts.Select(p => p.Clone()));
        return view;
    }
}
