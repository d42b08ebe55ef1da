using Ctg.Domain;
using Ctg.Funding.Api.Shared;
using Ctg.Funding.Api.Upstream;
using Ctg.Funding.V1;
using Ctg.ServiceDefaults;
using Ctg.Signatories.V1;
using Ctg.Structures.V1;
using EngineKind = Ctg.Funding.Engine.BonusTerritoire.BonusTerritoireKind;

namespace Ctg.Funding.Api.Inputs;

/// <summary>
/// Reads, at run time, everything an allocation of a CTG needs from the authoritative services and
/// freezes it as the run's <see cref="AllocationInputs"/> snapshot: convention, structures, their CEJ
/// reference (the latest before the year) and their activity of the year. Nothing here writes.
/// </summary>
public sealed class AllocationInputReader(UpstreamReader upstream, Territory.TerritoryStore territory)
{
    public const string NotEligibleKind = "kind_not_eligible";
    public const string NotSupportedBySignatory = "not_supported_by_signatory";
    public const string NotOpenDuringYear = "not_open_during_year";
    public const string CompetenceNotHeld = "competence_not_held";

    public async Task<AllocationInputs> ReadAsync(RunAllocationRequest request, IReadOnlyDictionary<string, string>? activityOverrides, CancellationToken ct)
    {
        var validation = new Validation();
        validation.Require(!string.IsNullOrWhiteSpace(request.ConventionId), "convention_id", "must not be empty");
        validation.Require(request.Year is >= 2000 and <= 2100, "year", "must be between 2000 and 2100");
        validation.Require(request.DeclarationVersion != DeclarationVersion.Unspecified, "declaration_version", "must be set");
        validation.ThrowIfInvalid();

        var convention = await upstream.GetConventionAsync(request.ConventionId, ct);
        ConventionChecks.RequireYearWithinPeriod(convention, request.Year);
        ConventionChecks.RequireSigned(convention, request.Year);

        // Three streamed reads at once, whatever the CTG's size: its structures, their references, their declarations.
        var structuresTask = upstream.StreamStructuresAsync(request.ConventionId, ct);
        var referencesTask = upstream.ListReferencesAsync(request.ConventionId, ct);
        var declarationsTask = upstream.StreamConventionDeclarationsAsync(request.ConventionId, request.Year, request.DeclarationVersion, ct);
        var structures = await structuresTask;
        var references = await referencesTask;
        var declarations = await declarationsTask;
        return await BuildAsync(convention, request, structures, references, declarations, activityOverrides, competenceHolders: null, ct);
    }

    /// <summary>
    /// The snapshot of one CTG from what was read of it (the convention, its structures, their references and declarations),
    /// with the competence holders and territory data: the one way both RunAllocation and RunAllocations build it, so a
    /// batch allocates to the cent what the single run does. The convention must already be checked (period, signature).
    /// <paramref name="competenceHolders"/>: the answers to <see cref="CompetenceQuestions"/> when already asked (a batch
    /// asks them for many CTGs at once); null to ask signatories here.
    /// </summary>
    public async Task<AllocationInputs> BuildAsync(Convention convention, RunAllocationRequest request, IReadOnlyList<Structure> structures,
        IEnumerable<CejReference> references, IReadOnlyDictionary<string, Declaration> declarations,
        IReadOnlyDictionary<string, string>? activityOverrides, CompetenceAnswers? competenceHolders, CancellationToken ct)
    {
        var signatories = convention.Signatories.ToDictionary(s => s.SignatoryId, s => s.Name, StringComparer.Ordinal);
        var latestReference = LatestReferences(references, request.Year);

        var inputs = new AllocationInputs
        {
            ConventionId = convention.ConventionId,
            ConventionName = convention.Name,
            ConventionStart = convention.Period?.Start,
            ConventionEnd = convention.Period?.End,
            ConventionSignedOn = convention.SignedOn,
            Year = request.Year,
            DeclarationVersion = request.DeclarationVersion,
        };

        var rows = structures.ToDictionary(
            s => s.StructureId,
            s => Describe(s, request.Year, latestReference.GetValueOrDefault(s.StructureId), signatories),
            StringComparer.Ordinal);
        var holders = competenceHolders is null
            ? await ReadCompetenceHoldersAsync(convention.ConventionId, request.Year, rows.Values.Where(r => r.Eligible), ct)
            : competenceHolders.Holders ?? throw new NotFoundError($"The signatories service found nothing: convention '{convention.ConventionId}' is unknown to it.");
        var violations = new List<(string Field, string Description)>();
        var missingDeclarations = new List<string>();
        foreach (var structure in structures)
        {
            var row = rows[structure.StructureId];
            if (row.Eligible && !HoldsCompetence(row, holders))
            {
                (row.Eligible, row.IneligibilityReason) = (false, CompetenceNotHeld);
            }

            if (!row.Eligible)
            {
                continue;
            }

            if (activityOverrides is not null && activityOverrides.TryGetValue(structure.StructureId, out var units))
            {
                row.ActivityUnits = units;
                row.ActivityOverridden = true;
            }
            else if (!declarations.TryGetValue(structure.StructureId, out var declaration))
            {
                missingDeclarations.Add(structure.StructureId);
            }
            else
            {
                row.DeclarationRevision = declaration.Revision;
                var (value, field) = ActivityUnits(structure, declaration.Figures);
                if (value is null)
                {
                    violations.Add(($"structures[{structure.StructureId}].declaration.figures.{field}", "is required to measure the activity of the year"));
                }
                else
                {
                    row.ActivityUnits = Decimals.Format(value.Value);
                }
            }
        }

        if (violations.Count > 0)
        {
            throw DomainErrors.RuleViolation("Some declarations cannot measure the activity of the year.", violations.OrderBy(v => v.Field, StringComparer.Ordinal).ToArray());
        }

        if (missingDeclarations.Count > 0)
        {
            throw DomainErrors.Precondition(
                $"{missingDeclarations.Count} eligible structure(s) have no {KindMapper.VersionName(request.DeclarationVersion)} declaration for {request.Year}.",
                missingDeclarations.Order(StringComparer.Ordinal).Select(id => ($"structures[{id}].declaration", "no declaration for this year and version")).ToArray());
        }

        await AddTerritoryAsync(rows.Values, request.Year, ct);
        inputs.Structures.AddRange(rows.Values.OrderBy(r => r.StructureId, StringComparer.Ordinal));
        inputs.Collectivities.AddRange(inputs.Structures.Select(s => s.SupportingCollectivityId).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(id => new CollectivityInput { SignatoryId = id, Name = signatories.GetValueOrDefault(id, "") }));
        return inputs;
    }

    /// <summary>
    /// DECISION-BT-COMPETENCE-AT-COMMUNE (RULES.md §4.8): the supporting collectivity must hold the competence of the
    /// structure's kind at its commune. When the signatories service names no holder (no record for the commune, or
    /// a commune outside the territory), being a signatory is enough.
    /// </summary>
    private static bool HoldsCompetence(AllocationInputStructure row,
        IReadOnlyDictionary<(string Commune, Ctg.Signatories.V1.FieldOfIntervention Field), IList<Ctg.Signatories.V1.CompetenceHolder>?> holders)
    {
        var field = CompetenceRule.FieldOf(row.Kind);
        if (string.IsNullOrEmpty(row.CommuneInsee) || field == Ctg.Signatories.V1.FieldOfIntervention.Unspecified) return true;
        return CompetenceRule.IsHeldBy(holders.GetValueOrDefault((row.CommuneInsee, field)), row.SupportingCollectivityId);
    }

    /// <summary>The competence questions of a CTG's snapshot: for each field, the communes of its eligible structures (one
    /// question per field for the whole CTG; a national allocation asked one per commune and field before: 32,826 calls).
    /// The same rows as <see cref="BuildAsync"/> describes, so a batch can ask them for many CTGs before building.</summary>
    public static IReadOnlyList<(Ctg.Signatories.V1.FieldOfIntervention Field, IReadOnlyCollection<string> Communes)> CompetenceQuestions(
        Convention convention, int year, IEnumerable<Structure> structures, IEnumerable<CejReference> references)
    {
        var signatories = convention.Signatories.ToDictionary(s => s.SignatoryId, s => s.Name, StringComparer.Ordinal);
        var latestReference = LatestReferences(references, year);
        return CompetenceQuestions(structures.Select(s => Describe(s, year, latestReference.GetValueOrDefault(s.StructureId), signatories)).Where(r => r.Eligible));
    }

    private static List<(Ctg.Signatories.V1.FieldOfIntervention Field, IReadOnlyCollection<string> Communes)> CompetenceQuestions(IEnumerable<AllocationInputStructure> eligible) =>
        eligible
            .Where(r => !string.IsNullOrEmpty(r.CommuneInsee))
            .Select(r => (Commune: r.CommuneInsee, Field: CompetenceRule.FieldOf(r.Kind)))
            .Where(k => k.Field != Ctg.Signatories.V1.FieldOfIntervention.Unspecified)
            .GroupBy(k => k.Field, k => k.Commune)
            .Select(g => (g.Key, (IReadOnlyCollection<string>)g.Distinct(StringComparer.Ordinal).ToList()))
            .ToList();

    /// <summary>The holders of each field at the communes of the eligible structures, on 1 January of the year.</summary>
    private async Task<IReadOnlyDictionary<(string Commune, Ctg.Signatories.V1.FieldOfIntervention Field), IList<Ctg.Signatories.V1.CompetenceHolder>?>> ReadCompetenceHoldersAsync(
        string conventionId, int year, IEnumerable<AllocationInputStructure> eligible, CancellationToken ct)
    {
        var answers = await Task.WhenAll(CompetenceQuestions(eligible).Select(async q =>
            (q.Field, Holders: await upstream.ListCompetenceHoldersAsync(conventionId, q.Field, q.Communes, new DateOnly(year, 1, 1), ct))));
        return CompetenceAnswers.Of(answers).Holders!;
    }

    private static Dictionary<string, CejReference> LatestReferences(IEnumerable<CejReference> references, int year) => references
        .Where(r => r.ReferenceYear < year)
        .GroupBy(r => r.StructureId, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.MaxBy(r => r.ReferenceYear)!, StringComparer.Ordinal);

    /// <summary>
    /// The wealth stratum of each eligible structure's commune for the year, from the territory data (RULES.md §6.1): it
    /// prices new EAJE places and selects per-stratum floors and revaluations of every kind (DECISION-BT-STRATUM-FLOORS).
    /// QPV/ZRR only matters for new EAJE places, so only EAJE rows carry it.
    /// </summary>
    private async Task AddTerritoryAsync(ICollection<AllocationInputStructure> rows, int year, CancellationToken ct)
    {
        var located = rows.Where(r => r.Eligible && r.CommuneInsee.Length > 0).ToList();
        var known = await territory.InForceAsync(located.Select(r => r.CommuneInsee).Distinct(StringComparer.Ordinal).ToList(), year, ct);
        foreach (var row in located)
        {
            if (known.TryGetValue(row.CommuneInsee, out var t))
            {
                row.WealthStratum = t.Stratum;
                row.QpvOrZrr = row.Kind == V1.BonusTerritoireKind.Eaje && (t.Qpv || t.Zrr);
            }
        }
    }

    private static AllocationInputStructure Describe(Structure structure, int year, CejReference? reference, IReadOnlyDictionary<string, string> signatories)
    {
        var kind = KindMapper.ToBonusTerritoireKind(structure.Details.Kind);
        // DECISION-BT-GROUP-REFERENCE-YEAR-COLLECTIVITY: the group is the collectivity of the reference year.
        var collectivity = !string.IsNullOrEmpty(reference?.SupportingCollectivityId) ? reference.SupportingCollectivityId : structure.Details.SupportingCollectivityId;
        var row = new AllocationInputStructure
        {
            StructureId = structure.StructureId,
            Name = structure.Details.Name,
            StructureKind = structure.Details.Kind,
            Kind = KindMapper.ToProto(kind),
            SupportingCollectivityId = collectivity,
            ReferenceYear = reference?.ReferenceYear ?? 0,
            ReferenceAmount = Decimals.Money(reference?.Amount?.Cents ?? 0),
            ReferenceUnits = reference is null ? "0" : Decimals.Format(Decimals.Parse(reference.ReferenceUnits) ?? 0m),
            Eligible = true,
            CommuneInsee = structure.Details.Address?.CommuneInsee ?? "",
        };

        var (opening, closing) = OpenPeriod.Of(structure);
        if (kind == EngineKind.NotEligible)
        {
            (row.Eligible, row.IneligibilityReason) = (false, NotEligibleKind);
        }
        else if (string.IsNullOrEmpty(collectivity) || !signatories.ContainsKey(collectivity))
        {
            (row.Eligible, row.IneligibilityReason) = (false, NotSupportedBySignatory);
        }
        else if ((opening is { } o && o > new DateOnly(year, 12, 31)) || (closing is { } c && c < new DateOnly(year, 1, 1)))
        {
            (row.Eligible, row.IneligibilityReason) = (false, NotOpenDuringYear);
        }

        return row;
    }

    /// <summary>The activity unit u of RULES.md §4 from a declaration, or the field that is missing.</summary>
    private static (decimal? Value, string Field) ActivityUnits(Structure structure, ActivityFigures? figures)
    {
        figures ??= new ActivityFigures();
        var capacity = structure.Details.Capacity;
        return structure.Details.Kind switch
        {
            StructureKind.EajePsu => (figures.HasPlaces ? figures.Places : capacity?.HasAgreedPlaces == true ? capacity.AgreedPlaces : (int?)null) is { } places
                ? (places * (figures.HasMonthsOpen ? figures.MonthsOpen : 12) / 12m, "places")
                : (null, "places"),
            StructureKind.Alsh or StructureKind.AccueilJeunes => (Decimals.Parse(figures.HoursAttended), "hours_attended"),
            StructureKind.Rpe => (Decimals.Parse(figures.Etp) ?? Decimals.Parse(capacity?.Etp), "etp"),
            StructureKind.Laep => (Decimals.Parse(figures.OpeningHours) ?? Decimals.Parse(capacity?.OpeningHoursPerYear), "opening_hours"),
            _ => (null, "kind"),
        };
    }
}
