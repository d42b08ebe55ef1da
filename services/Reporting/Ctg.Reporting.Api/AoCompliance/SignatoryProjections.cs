using Ctg.Eventing;
using Ctg.Eventing.Subscriptions;
using Ctg.Reporting.Shared;
using static Ctg.Reporting.Shared.ProjectionSupport;

namespace Ctg.Reporting.AoCompliance;

/// <summary>Conventions and their communes, AO competence holders (AO compliance) and the action plan.</summary>
internal static class SignatoryProjections
{
    private static string UpsertCommune(EventContext context) =>
        context.Syntax().Upsert(
            "rm_communes",
            "convention_id, insee_code, name, legal_population, removed, source_sequence",
            "@ConventionId, @InseeCode, @Name, @LegalPopulation, @Removed, @Sequence",
            "convention_id, insee_code",
            "name = excluded.name, legal_population = excluded.legal_population, removed = excluded.removed, source_sequence = excluded.source_sequence",
            "rm_communes.source_sequence <= excluded.source_sequence");

    public static async Task OnConventionSigned(ConventionSignedView @event, EventContext context)
    {
        var conventionId = Required(@event.ConventionId, "conventionId", context);
        var sequence = SourceSequence(context);
        await context.ExecuteAsync(
            context.Syntax().Upsert(
                "rm_conventions",
                "convention_id, name, period_start, period_end, terminated_on, caf_departement, source_sequence",
                "@ConventionId, @Name, @PeriodStart, @PeriodEnd, NULL, @CafDepartement, @Sequence",
                "convention_id",
                "name = excluded.name, period_start = excluded.period_start, period_end = excluded.period_end, caf_departement = excluded.caf_departement, source_sequence = excluded.source_sequence",
                "rm_conventions.source_sequence <= excluded.source_sequence"),
            new { ConventionId = conventionId, Name = @event.Name ?? "", @event.PeriodStart, @event.PeriodEnd, @event.CafDepartement, Sequence = sequence });
        foreach (var commune in @event.Communes ?? [])
        {
            await UpsertCommuneAsync(context, conventionId, commune, removed: false, sequence);
        }
    }

    public static async Task OnConventionAmended(ConventionAmendedView @event, EventContext context)
    {
        var conventionId = Required(@event.ConventionId, "conventionId", context);
        var sequence = SourceSequence(context);
        if (@event.NewName is not null || @event.NewEnd is not null)
        {
            // Applied without the sequence guard on purpose: an avenant changes only what it names.
            await context.ExecuteAsync(
                """
                UPDATE rm_conventions SET name = COALESCE(@NewName, name), period_end = COALESCE(@NewEnd, period_end)
                WHERE convention_id = @ConventionId
                """,
                new { ConventionId = conventionId, @event.NewName, @event.NewEnd });
        }

        foreach (var commune in (@event.CommunesAdded ?? []).Concat(@event.CommunesUpdated ?? []))
        {
            await UpsertCommuneAsync(context, conventionId, commune, removed: false, sequence);
        }

        foreach (var insee in @event.CommunesRemoved ?? [])
        {
            await context.ExecuteAsync(
                UpsertCommune(context), new { ConventionId = conventionId, InseeCode = insee, Name = "", LegalPopulation = (long?)null, Removed = 1L, Sequence = sequence });
        }
    }

    public static Task OnConventionTerminated(ConventionTerminatedView @event, EventContext context) =>
        context.ExecuteAsync(
            "UPDATE rm_conventions SET terminated_on = @EffectiveOn WHERE convention_id = @ConventionId",
            new { ConventionId = Required(@event.ConventionId, "conventionId", context), EffectiveOn = @event.EffectiveOn ?? "" });

    public static async Task OnCompetenceGranted(CompetenceGrantedView @event, EventContext context)
    {
        var conventionId = Required(@event.ConventionId, "conventionId", context);
        foreach (var competence in AoCompetenceCode.Covered(@event.Field, @event.AoCompetence))
        {
            foreach (var insee in @event.CommuneInseeCodes ?? [])
            {
                await UpsertHoldingAsync(
                    context, conventionId, insee, competence, Required(@event.SignatoryId, "signatoryId", context), @event.SignatoryName ?? "",
                    @event.SignatoryKind ?? "", @event.EffectiveOn ?? "");
            }
        }
    }

    public static async Task OnCompetenceTransferred(CompetenceTransferredView @event, EventContext context)
    {
        foreach (var competence in AoCompetenceCode.Covered(@event.Field, @event.AoCompetence))
        {
            await UpsertHoldingAsync(
                context, Required(@event.ConventionId, "conventionId", context), Required(@event.FromCommuneInseeCode, "fromCommuneInseeCode", context),
                competence, Required(@event.ToSignatoryId, "toSignatoryId", context), @event.ToSignatoryName ?? "", @event.ToSignatoryKind ?? "",
                @event.EffectiveOn ?? "");
        }
    }

    public static async Task OnActionStatusUpdated(ActionStatusUpdatedView @event, EventContext context)
    {
        var conventionId = Required(@event.ConventionId, "conventionId", context);
        var actionId = Required(@event.ActionId, "actionId", context);
        var axisId = Required(@event.AxisId, "axisId", context);
        var sequence = SourceSequence(context);
        await context.ExecuteAsync(
            context.Syntax().Upsert(
                "rm_actions",
                "convention_id, action_id, axis_id, objective_id, title, pilot, year, quarter, status, recorded_on, source_sequence",
                "@ConventionId, @ActionId, @AxisId, @ObjectiveId, @Title, @Pilot, @Year, @Quarter, @Status, @RecordedOn, @Sequence",
                "convention_id, action_id",
                "axis_id = excluded.axis_id, objective_id = excluded.objective_id, title = excluded.title, pilot = excluded.pilot, year = excluded.year, quarter = excluded.quarter, status = excluded.status, recorded_on = excluded.recorded_on, source_sequence = excluded.source_sequence",
                "rm_actions.source_sequence <= excluded.source_sequence"),
            new
            {
                ConventionId = conventionId,
                ActionId = actionId,
                AxisId = axisId,
                ObjectiveId = @event.ObjectiveId ?? "",
                Title = @event.ActionTitle ?? "",
                Pilot = @event.Pilot ?? "",
                Year = (long)Required(@event.Year, "year", context),
                Quarter = (long)(@event.Quarter ?? 0),
                Status = Required(@event.Status, "status", context),
                RecordedOn = @event.RecordedOn ?? "",
                Sequence = sequence,
            });
        foreach (var indicator in @event.IndicatorValues ?? [])
        {
            await context.ExecuteAsync(
                context.Syntax().Upsert(
                    "rm_indicators",
                    "convention_id, action_id, indicator_id, axis_id, name, unit, baseline, target, value, source_sequence",
                    "@ConventionId, @ActionId, @IndicatorId, @AxisId, @Name, @Unit, @Baseline, @Target, @Value, @Sequence",
                    "convention_id, action_id, indicator_id",
                    "axis_id = excluded.axis_id, name = excluded.name, unit = excluded.unit, baseline = excluded.baseline, target = excluded.target, value = excluded.value, source_sequence = excluded.source_sequence",
                    "rm_indicators.source_sequence <= excluded.source_sequence"),
                new
                {
                    ConventionId = conventionId,
                    ActionId = actionId,
                    IndicatorId = Required(indicator.IndicatorId, "indicatorValues[].indicatorId", context),
                    AxisId = axisId,
                    Name = indicator.Name ?? "",
                    Unit = indicator.Unit ?? "",
                    Baseline = indicator.Baseline ?? 0,
                    Target = indicator.Target ?? 0,
                    Value = Required(indicator.Value, "indicatorValues[].value", context),
                    Sequence = sequence,
                });
        }
    }

    private static Task UpsertCommuneAsync(EventContext context, string conventionId, CommuneView commune, bool removed, long sequence) =>
        context.ExecuteAsync(UpsertCommune(context), new
        {
            ConventionId = conventionId,
            InseeCode = Required(commune.InseeCode, "communes[].inseeCode", context),
            Name = commune.Name ?? "",
            commune.LegalPopulation,
            Removed = removed ? 1L : 0L,
            Sequence = sequence,
        });

    private static Task UpsertHoldingAsync(
        EventContext context, string conventionId, string insee, string competence, string holderId, string holderName, string holderKind, string effectiveOn) =>
        context.ExecuteAsync(
            context.Syntax().Upsert(
                "rm_ao_holdings",
                "convention_id, insee_code, competence, holder_id, holder_name, holder_kind, effective_on, source_sequence",
                "@ConventionId, @InseeCode, @Competence, @HolderId, @HolderName, @HolderKind, @EffectiveOn, @Sequence",
                "convention_id, insee_code, competence",
                "holder_id = excluded.holder_id, holder_name = excluded.holder_name, holder_kind = excluded.holder_kind, effective_on = excluded.effective_on, source_sequence = excluded.source_sequence",
                "rm_ao_holdings.source_sequence <= excluded.source_sequence"),
            new
            {
                ConventionId = conventionId,
                InseeCode = insee,
                Competence = competence,
                HolderId = holderId,
                HolderName = holderName,
                HolderKind = holderKind,
                EffectiveOn = effectiveOn,
                Sequence = SourceSequence(context),
            });
}

/// <summary>The four AO competences, whatever spelling the publisher uses (<c>SoutenirQualite</c> as
/// documented, <c>soutenir_qualite</c>, <c>AO_COMPETENCE_SOUTENIR_QUALITE</c>).</summary>
internal static class AoCompetenceCode
{
    public const string RecenserBesoins = "recenser_besoins";
    public const string InformerAccompagner = "informer_accompagner";
    public const string Planifier = "planifier";
    public const string SoutenirQualite = "soutenir_qualite";

    private static readonly string[] All = [RecenserBesoins, InformerAccompagner, Planifier, SoutenirQualite];

    /// <summary>The AO competences a grant or transfer covers: the one it names, or all four when it
    /// grants the whole field petite enfance (as the signatories service resolves holders); none for
    /// another field.</summary>
    public static IReadOnlyList<string> Covered(string? field, string? aoCompetence)
    {
        if (!string.IsNullOrWhiteSpace(aoCompetence))
        {
            return Normalize(aoCompetence) is { } one ? [one] : [];
        }

        return Squash(field ?? "") is "petiteenfance" or "fieldofinterventionpetiteenfance" ? All : [];
    }

    public static string? Normalize(string? value)
    {
        var code = Squash(value ?? "");
        if (code.StartsWith("aocompetence", StringComparison.Ordinal))
        {
            code = code["aocompetence".Length..];
        }

        return All.FirstOrDefault(c => Squash(c) == code);
    }

    /// <summary>Lower case without separators: <c>SoutenirQualite</c>, <c>soutenir_qualite</c> → <c>soutenirqualite</c>.</summary>
    public static string Squash(string value) =>
        new([.. value.Trim().ToLowerInvariant().Where(char.IsLetterOrDigit)]);
}
