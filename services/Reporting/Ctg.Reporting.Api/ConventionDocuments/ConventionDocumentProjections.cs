using Ctg.Eventing;
using Ctg.Eventing.Subscriptions;
using Ctg.Reporting.Shared;
using static Ctg.Reporting.Shared.ProjectionSupport;

namespace Ctg.Reporting.ConventionDocuments;

/// <summary>signatories' state events: the payload replaces the convention's document of that kind when
/// its version is at least the one held, so an older event replayed or delivered late changes nothing.</summary>
internal static class ConventionDocumentProjections
{
    public const string Governance = "governance";
    public const string Annexes = "annexes";
    public const string ActionPlan = "action_plan";

    public static Func<StateEventHeaderView, EventContext, Task> Keep(string kind) =>
        (@event, context) => context.ExecuteAsync(
            context.Syntax().Upsert(
                "rm_convention_documents",
                "convention_id, kind, caf_departement, version, document, source_sequence",
                "@ConventionId, @Kind, @CafDepartement, @Version, @Document, @Sequence",
                "convention_id, kind",
                "caf_departement = excluded.caf_departement, version = excluded.version, document = excluded.document, source_sequence = excluded.source_sequence",
                "rm_convention_documents.version <= excluded.version"),
            new
            {
                ConventionId = Required(@event.ConventionId, "conventionId", context),
                Kind = kind,
                CafDepartement = Required(@event.CafDepartement, "cafDepartement", context),
                Version = kind == ActionPlan ? Required(@event.PlanVersion, "planVersion", context) : Required(@event.Version, "version", context),
                Document = context.CloudEvent.Data.GetRawText(),
                Sequence = SourceSequence(context),
            });
}
