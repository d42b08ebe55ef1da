using Ctg.Eventing;
using Ctg.Eventing.Subscriptions;
using Ctg.Reporting.Shared;
using static Ctg.Reporting.Shared.ProjectionSupport;

namespace Ctg.Reporting.StructureRegistry;

/// <summary>Structures (for the manager and structure read models), declarations and CEJ references.</summary>
internal static class StructureProjections
{
    public static Task OnStructureEvent(StructureEventView @event, EventContext context)
    {
        var structure = Required(@event.Structure, "structure", context);
        var closingDate = structure.ClosingDate ?? @event.ClosingDate;
        return context.ExecuteAsync(
            context.Syntax().Upsert(
                "rm_structures",
                "structure_id, version, kind, name, commune_insee, commune_name, manager_name, management_mode, supporting_collectivity_id, convention_id, agreed_places, opening_date, closing_date, closed, source_sequence",
                "@StructureId, @Version, @Kind, @Name, @CommuneInsee, @CommuneName, @ManagerName, @ManagementMode, @SupportingCollectivityId, @ConventionId, @AgreedPlaces, @OpeningDate, @ClosingDate, @Closed, @Sequence",
                "structure_id",
                "version = excluded.version, kind = excluded.kind, name = excluded.name, commune_insee = excluded.commune_insee, commune_name = excluded.commune_name, manager_name = excluded.manager_name, management_mode = excluded.management_mode, supporting_collectivity_id = excluded.supporting_collectivity_id, convention_id = excluded.convention_id, agreed_places = excluded.agreed_places, opening_date = excluded.opening_date, closing_date = excluded.closing_date, closed = excluded.closed, source_sequence = excluded.source_sequence",
                "rm_structures.source_sequence <= excluded.source_sequence"),
            new
            {
                StructureId = Required(structure.StructureId, "structure.structureId", context),
                Version = (long)(structure.Version ?? 0),
                Kind = Required(structure.Kind, "structure.kind", context),
                Name = Required(structure.Name, "structure.name", context),
                CommuneInsee = structure.CommuneInsee ?? "",
                CommuneName = structure.CommuneName ?? "",
                ManagerName = Required(structure.ManagerName, "structure.managerName", context),
                structure.ManagementMode,
                SupportingCollectivityId = structure.SupportingCollectivityId ?? "",
                ConventionId = structure.ConventionId ?? "",
                AgreedPlaces = (long?)structure.AgreedPlaces,
                structure.OpeningDate,
                ClosingDate = closingDate,
                Closed = context.Topic == ReportingTopics.StructureClosed || !string.IsNullOrEmpty(closingDate) ? 1L : 0L,
                Sequence = SourceSequence(context),
            });
    }

    public static Task OnDeclarationSubmitted(DeclarationSubmittedView @event, EventContext context) =>
        context.ExecuteAsync(
            context.Syntax().InsertIgnoringDuplicates(
                "rm_declarations",
                "declaration_id, revision, structure_id, year, version, received_on, late, source_sequence",
                "@DeclarationId, @Revision, @StructureId, @Year, @Version, @ReceivedOn, @Late, @Sequence",
                "declaration_id, revision"),
            new
            {
                DeclarationId = Required(@event.DeclarationId, "declarationId", context),
                Revision = (long)(@event.Revision ?? 1),
                StructureId = Required(@event.StructureId, "structureId", context),
                Year = (long)Required(@event.Year, "year", context),
                Version = Required(@event.Version, "version", context),
                ReceivedOn = @event.ReceivedOn ?? "",
                Late = @event.Late == true ? 1L : 0L,
                Sequence = SourceSequence(context),
            });

    public static Task OnReferenceRecorded(ReferenceRecordedView @event, EventContext context) =>
        context.ExecuteAsync(
            context.Syntax().Upsert(
                "rm_cej_references",
                "structure_id, reference_year, kind, amount_cents, unit, reference_units, supporting_collectivity_id, convention_id, source_sequence",
                "@StructureId, @ReferenceYear, @Kind, @AmountCents, @Unit, @ReferenceUnits, @SupportingCollectivityId, @ConventionId, @Sequence",
                "structure_id, reference_year",
                "kind = excluded.kind, amount_cents = excluded.amount_cents, unit = excluded.unit, reference_units = excluded.reference_units, supporting_collectivity_id = excluded.supporting_collectivity_id, convention_id = excluded.convention_id, source_sequence = excluded.source_sequence",
                "rm_cej_references.source_sequence <= excluded.source_sequence"),
            new
            {
                StructureId = Required(@event.StructureId, "structureId", context),
                ReferenceYear = (long)Required(@event.ReferenceYear, "referenceYear", context),
                Kind = @event.Kind ?? "",
                AmountCents = Required(@event.AmountCents, "amountCents", context),
                Unit = @event.Unit ?? "",
                ReferenceUnits = (double)(@event.ReferenceUnits ?? 0m),
                SupportingCollectivityId = @event.SupportingCollectivityId ?? "",
                ConventionId = @event.ConventionId ?? "",
                Sequence = SourceSequence(context),
            });
}
