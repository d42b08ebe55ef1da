using Ctg.Domain;
using Ctg.ServiceDefaults;
using Ctg.Signatories.Annexes;
using Ctg.Signatories.Shared;
using Ctg.Signatories.Storage;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Conventions;

/// <summary>The convention's annexes and terms: the projection table of the 2025 model (places or RPE
/// ETP per mode d'accueil and year of the CTG), co-financing, coordination posts, the renewal link and
/// the notice periods. Quantities and amounts are never negative; absent means non renseigné.</summary>
public sealed partial class ConventionAggregate
{
    public string SetCapacityProjection(SetCapacityProjectionCommand command)
    {
        var projection = command.Projection;
        var validation = new Violations();
        if (projection is null)
        {
            validation.Add("projection", "is required");
            validation.ThrowIfAny();
        }

        ValidateOptionalId(validation, projection!.ProjectionId, "projection.projection_id");
        validation.Require(IsSignatory(projection.AuthoritySignatoryId), "projection.authority_signatory_id",
            $"'{projection.AuthoritySignatoryId}' is not a signatory of convention {Record.ConventionId}");
        if (projection.Mode == CareMode.Unspecified || !Enum.IsDefined(projection.Mode))
        {
            validation.Add("projection.mode", "is required");
        }

        var terms = SnapshotAt(DateOnly.MaxValue);
        var years = new HashSet<int>();
        for (var i = 0; i < projection.Years.Count; i++)
        {
            var year = projection.Years[i];
            validation.Require(year.Year >= terms.Start.Year && year.Year <= terms.End.Year, $"projection.years[{i}].year",
                $"{year.Year} is not a year of the CTG ({terms.Start.Year} to {terms.End.Year})");
            validation.Require(years.Add(year.Year), $"projection.years[{i}].year", $"{year.Year} is given twice");
            validation.Require(year.Quantity is not { } quantity || (double.IsFinite(quantity) && quantity >= 0), $"projection.years[{i}].quantity",
                "must be a non-negative number");
        }

        NonNegative(validation, projection.VacantFte is not null, projection.VacantFte ?? 0, "projection.vacant_fte");
        NonNegative(validation, projection.FteToCreate is not null, projection.FteToCreate ?? 0, "projection.fte_to_create");
        for (var i = 0; i < projection.Investments.Count; i++)
        {
            var investment = projection.Investments[i];
            validation.Require(!string.IsNullOrWhiteSpace(investment.ProjectType) || !string.IsNullOrWhiteSpace(investment.Description),
                $"projection.investments[{i}].project_type", "a project has a type or a description");
            validation.Require(investment.EstimatedCostCents is null or >= 0,
                $"projection.investments[{i}].estimated_cost_cents", "must not be negative");
        }

        validation.ThrowIfAny("The projection is invalid.");
        var stored = Stored(projection, string.IsNullOrEmpty(projection.ProjectionId) ? FrenchCodes.NewId("proj") : projection.ProjectionId);
        Upsert(Record.Projections, stored, p => p.ProjectionId == stored.ProjectionId);
        _changes.Add("projection-set");
        return stored.ProjectionId;
    }

    /// <summary>The projection as the convention's record keeps it (the stored message), under its final id, its years in order.</summary>
    private static CapacityProjection Stored(CapacityProjectionEntry projection, string projectionId)
    {
        var stored = new CapacityProjection
        {
            ProjectionId = projectionId, AuthoritySignatoryId = projection.AuthoritySignatoryId, Mode = projection.Mode, Zone = projection.Zone,
            JobsAndSkills = projection.JobsAndSkills, OtherNeeds = projection.OtherNeeds, Source = projection.Source,
        };
        foreach (var year in projection.Years.OrderBy(y => y.Year))
        {
            var kept = new YearQuantity { Year = year.Year, Source = year.Source };
            if (year.Quantity is { } quantity)
            {
                kept.Quantity = quantity;
            }

            stored.Years.Add(kept);
        }

        if (projection.VacantFte is { } vacant)
        {
            stored.VacantFte = vacant;
        }

        if (projection.FteToCreate is { } toCreate)
        {
            stored.FteToCreate = toCreate;
        }

        foreach (var investment in projection.Investments)
        {
            var kept = new InvestmentProject
            {
                ProjectType = investment.ProjectType, Description = investment.Description, Calendar = investment.Calendar,
                Engineering = investment.Engineering, Source = investment.Source,
            };
            if (investment.EstimatedCostCents is { } cost)
            {
                kept.EstimatedCostCents = cost;
            }

            stored.Investments.Add(kept);
        }

        return stored;
    }

    public string RecordCoFinancing(RecordCoFinancingCommand command)
    {
        var entry = command.Entry;
        var validation = new Violations();
        if (entry is null)
        {
            validation.Add("entry", "is required");
            validation.ThrowIfAny();
        }

        ValidateOptionalId(validation, entry!.EntryId, "entry.entry_id");
        validation.Require(IsSignatory(entry.FunderSignatoryId), "entry.funder_signatory_id",
            $"'{entry.FunderSignatoryId}' is not a signatory of convention {Record.ConventionId}");
        validation.Require(!string.IsNullOrWhiteSpace(entry.Beneficiary), "entry.beneficiary", "is required");
        // Co-financing figures often describe the year before the CTG (the diagnostic's "coût estimé pour 2018").
        var end = SnapshotAt(DateOnly.MaxValue).End;
        validation.Require(entry.Year >= 1900 && entry.Year <= end.Year, "entry.year", $"must be a year up to the end of the CTG ({end.Year})");
        NonNegative(validation, entry.AmountCents, "entry.amount_cents");
        NonNegative(validation, entry.InKindCents, "entry.in_kind_cents");
        NonNegative(validation, entry.BudgetCents, "entry.budget_cents");
        NonNegative(validation, entry.Children, "entry.children");
        validation.Require(entry.BudgetSharePercent is not { } share || (double.IsFinite(share) && share is >= 0 and <= 100),
            "entry.budget_share_percent", "must be between 0 and 100");
        validation.Require(entry is not { InKindCents: { } inKind, AmountCents: { } amount } || inKind <= amount,
            "entry.in_kind_cents", "is more than the amount it is part of");
        validation.ThrowIfAny("The co-financing entry is invalid.");

        var stored = Stored(entry, string.IsNullOrEmpty(entry.EntryId) ? FrenchCodes.NewId("cofin") : entry.EntryId);
        Upsert(Record.CoFinancing, stored, e => e.EntryId == stored.EntryId);
        _changes.Add("co-financing-recorded");
        return stored.EntryId;
    }

    /// <summary>The co-financing line as the convention's record keeps it (the stored message), under its final id.</summary>
    private static CoFinancing Stored(CoFinancingEntry entry, string entryId)
    {
        var stored = new CoFinancing
        {
            EntryId = entryId, FunderSignatoryId = entry.FunderSignatoryId, Beneficiary = entry.Beneficiary, StructureId = entry.StructureId,
            Year = entry.Year, FinancingType = entry.FinancingType, Activity = entry.Activity, Estimated = entry.Estimated, Source = entry.Source,
        };
        if (entry.AmountCents is { } amount)
        {
            stored.AmountCents = amount;
        }

        if (entry.InKindCents is { } inKind)
        {
            stored.InKindCents = inKind;
        }

        if (entry.BudgetSharePercent is { } share)
        {
            stored.BudgetSharePercent = share;
        }

        if (entry.BudgetCents is { } budget)
        {
            stored.BudgetCents = budget;
        }

        if (entry.Children is { } children)
        {
            stored.Children = children;
        }

        return stored;
    }

    public string RecordCoordinationPost(RecordCoordinationPostCommand command)
    {
        var post = command.Post;
        var validation = new Violations();
        if (post is null)
        {
            validation.Add("post", "is required");
            validation.ThrowIfAny();
        }

        ValidateOptionalId(validation, post!.PostId, "post.post_id");
        validation.Require(IsSignatory(post.SignatoryId), "post.signatory_id", $"'{post.SignatoryId}' is not a signatory of convention {Record.ConventionId}");
        validation.Require(!string.IsNullOrWhiteSpace(post.Description), "post.description", "is required");
        var end = SnapshotAt(DateOnly.MaxValue).End;
        validation.Require(post.Year >= 1900 && post.Year <= end.Year, "post.year", $"must be a year up to the end of the CTG ({end.Year})");
        NonNegative(validation, post.Fte is not null, post.Fte ?? 0, "post.fte");
        NonNegative(validation, post.AnnualCostCents, "post.annual_cost_cents");
        NonNegative(validation, post.CafFundingCents, "post.caf_funding_cents");
        validation.Require(post.CafSharePercent is not { } share || (double.IsFinite(share) && share is >= 0 and <= 100),
            "post.caf_share_percent", "must be between 0 and 100");
        validation.Require(post is not { AnnualCostCents: { } cost, CafFundingCents: { } caf } || caf <= cost,
            "post.caf_funding_cents", "is more than the post's annual cost");
        validation.ThrowIfAny("The coordination post is invalid.");

        var stored = Stored(post, string.IsNullOrEmpty(post.PostId) ? FrenchCodes.NewId("post") : post.PostId);
        Upsert(Record.CoordinationPosts, stored, p => p.PostId == stored.PostId);
        _changes.Add("coordination-post-recorded");
        return stored.PostId;
    }

    /// <summary>The coordination post as the convention's record keeps it (the stored message), under its final id.</summary>
    private static CoordinationPost Stored(CoordinationPostEntry post, string postId)
    {
        var stored = new CoordinationPost { PostId = postId, SignatoryId = post.SignatoryId, Description = post.Description, Year = post.Year, Source = post.Source };
        if (post.Fte is { } fte)
        {
            stored.Fte = fte;
        }

        if (post.AnnualCostCents is { } cost)
        {
            stored.AnnualCostCents = cost;
        }

        if (post.CafFundingCents is { } caf)
        {
            stored.CafFundingCents = caf;
        }

        if (post.CafSharePercent is { } share)
        {
            stored.CafSharePercent = share;
        }

        return stored;
    }

    /// <summary>The renewal link and notice periods are clauses of the convention: set while it is not
    /// yet signed by every party, changed afterwards only by an avenant.</summary>
    public void SetTerms(SetTermsCommand command)
    {
        var (renewal, terminationTerms, schemaStandIn) = (command.Renewal, command.TerminationTerms, command.SchemaStandIn);
        var validation = new Violations();
        if (renewal is not null)
        {
            validation.Require(renewal.RenewsConventionId != Record.ConventionId, "renewal.renews_convention_id", "a convention cannot renew itself");
            validation.Require(!string.IsNullOrWhiteSpace(renewal.RenewsConventionId) || !string.IsNullOrWhiteSpace(renewal.Description),
                "renewal.description", "name the renewed convention by id or in words");
            validation.Require(renewal.RenewedStartYear == 0 || (renewal.RenewedStartYear >= 1900 && renewal.RenewedStartYear < Record.Period.Start.Year),
                "renewal.renewed_start_year", "must be a year before this convention starts");
        }

        if (terminationTerms is not null)
        {
            validation.Require(terminationTerms.DenunciationNoticeMonths is null or (>= 0 and <= 60),
                "termination_terms.denunciation_notice_months", "must be between 0 and 60");
            validation.Require(terminationTerms.FormalNoticeMonths is null or (>= 0 and <= 60),
                "termination_terms.formal_notice_months", "must be between 0 and 60");
        }

        validation.ThrowIfAny("The convention terms are invalid.");
        RequireNotYetSigned("its terms change only by an avenant once every party has signed");
        Record.Renewal = renewal is null ? null : new Renewal
        {
            RenewsConventionId = renewal.RenewsConventionId, Description = renewal.Description, RenewedStartYear = renewal.RenewedStartYear, Source = renewal.Source,
        };
        Record.TerminationTerms = terminationTerms is null ? null : Stored(terminationTerms);
        Record.SchemaStandIn = schemaStandIn is { StandsIn: true } ? new SchemaStandIn { StandsIn = true, Source = schemaStandIn.Source } : null;
        _changes.Add("terms-set");
    }

    /// <summary>The notice periods as the record keeps them: a period only when the convention gives it.</summary>
    private static TerminationTerms Stored(TerminationTermsEntry terms)
    {
        var stored = new TerminationTerms { ExpressRenewalOnly = terms.ExpressRenewalOnly, Source = terms.Source };
        if (terms.DenunciationNoticeMonths is { } denunciation)
        {
            stored.DenunciationNoticeMonths = denunciation;
        }

        if (terms.FormalNoticeMonths is { } formalNotice)
        {
            stored.FormalNoticeMonths = formalNotice;
        }

        return stored;
    }

    private static void NonNegative(Violations validation, bool has, double value, string field) =>
        validation.Require(!has || (double.IsFinite(value) && value >= 0), field, "must not be negative");

    /// <summary>A whole figure (cents, children): absent or at least zero.</summary>
    private static void NonNegative(Violations validation, long? value, string field) =>
        validation.Require(value is null or >= 0, field, "must not be negative");

    private static void Upsert<T>(IList<T> items, T item, Func<T, bool> match)
    {
        var index = IndexOf(items, match);
        if (index >= 0)
        {
            items[index] = item;
        }
        else
        {
            items.Add(item);
        }
    }
}
