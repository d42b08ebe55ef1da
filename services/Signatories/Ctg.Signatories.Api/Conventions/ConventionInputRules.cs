using Ctg.Domain;
using Ctg.ServiceDefaults;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Conventions;

/// <summary>Format rules of what a caller sends about a convention (INVALID_ARGUMENT when broken).
/// Rules that depend on the convention's state are in <see cref="ConventionAggregate"/>.</summary>
public static class ConventionInputRules
{
    public static void ValidateCommune(Violations validation, CommuneEntry commune, string prefix)
    {
        if (!FrenchCodes.IsInseeCommuneCode(commune.InseeCode ?? string.Empty))
        {
            validation.Add(prefix + ".insee_code",
                $"'{commune.InseeCode}' is not an INSEE commune code (2 digits, 2A or 2B, then 3 digits; 971-976 then 2 digits overseas)");
        }

        validation.Require(!string.IsNullOrWhiteSpace(commune.Name), prefix + ".name", "is required");
        if (commune.LegalPopulation < 0)
        {
            validation.Add(prefix + ".legal_population", "must not be negative");
        }

        if (commune.PopulationYear != 0 && (commune.PopulationYear < 1900 || commune.PopulationYear > 2200))
        {
            validation.Add(prefix + ".population_year", "is not a plausible year");
        }
    }

    /// <summary>Period rules: from 1 January of year N to 31 December of N+4 at most.</summary>
    public static (DateOnly Start, DateOnly End)? ValidatePeriod(Violations validation, PeriodEntry? period, string prefix)
    {
        var start = validation.Required(period?.Start, prefix + ".start");
        var end = validation.Required(period?.End, prefix + ".end");
        if (start is null || end is null)
        {
            return null;
        }

        var ok = true;
        if (start.Value.Month != 1 || start.Value.Day != 1)
        {
            validation.Add(prefix + ".start", "a convention starts on 1 January");
            ok = false;
        }

        ok &= ValidateEnd(validation, start.Value, end.Value, prefix + ".end");
        return ok ? (start.Value, end.Value) : null;
    }

    public static bool ValidateEnd(Violations validation, DateOnly start, DateOnly end, string field)
    {
        var latest = new DateOnly(start.Year + 4, 12, 31);
        if (end < start)
        {
            validation.Add(field, "ends before the convention starts");
            return false;
        }

        if (end > latest)
        {
            validation.Add(field, $"a convention lasts 5 years at most: it must end on {latest:yyyy-MM-dd} at the latest");
            return false;
        }

        return true;
    }

    public static void ValidateFields(Violations validation, IReadOnlyList<FieldOfIntervention> fields, string prefix, bool atLeastOne)
    {
        if (atLeastOne && fields.Count == 0)
        {
            validation.Add(prefix, "at least one field of intervention is required");
        }

        var seen = new HashSet<FieldOfIntervention>();
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i] == FieldOfIntervention.Unspecified || !Enum.IsDefined(fields[i]))
            {
                validation.Add($"{prefix}[{i}]", "is not a field of intervention");
            }
            else if (!seen.Add(fields[i]))
            {
                validation.Add($"{prefix}[{i}]", "is listed twice");
            }
        }
    }

    /// <summary>Counts of a deliberation. Zero counts mean "not given by the source"; the votes cast can
    /// never exceed the members present plus represented, who can never exceed the members in office.</summary>
    public static DateOnly? ValidateDeliberation(Violations validation, DeliberationEntry deliberation, string prefix)
    {
        validation.Require(!string.IsNullOrWhiteSpace(deliberation.Body), prefix + ".body", "is required");
        var date = validation.Required(deliberation.Date, prefix + ".date");
        var counts = new (int Value, string Field)[]
        {
            (deliberation.MembersInOffice, "members_in_office"), (deliberation.MembersPresent, "members_present"),
            (deliberation.MembersRepresented, "members_represented"), (deliberation.VotesFor, "votes_for"),
            (deliberation.VotesAgainst, "votes_against"), (deliberation.VotesAbstaining, "votes_abstaining"),
        };
        foreach (var (value, field) in counts.Where(c => c.Value < 0))
        {
            validation.Add(prefix + "." + field, "must not be negative");
        }

        var attending = (long)deliberation.MembersPresent + deliberation.MembersRepresented;
        if (deliberation.MembersInOffice > 0 && attending > deliberation.MembersInOffice)
        {
            validation.Add(prefix + ".members_present",
                $"members present plus represented ({attending}) exceed the members in office ({deliberation.MembersInOffice})");
        }

        var votes = (long)deliberation.VotesFor + deliberation.VotesAgainst + deliberation.VotesAbstaining;
        if (votes > attending)
        {
            validation.Add(prefix + ".votes_for",
                $"votes for, against and abstaining ({votes}) exceed the members present plus represented ({attending}): the deliberation is invalid");
        }

        return date;
    }

    public static void ValidateSignatory(Violations validation, SignatoryEntry signatory, string prefix)
    {
        if (!string.IsNullOrEmpty(signatory.SignatoryId) && !FrenchCodes.IsValidId(signatory.SignatoryId))
        {
            validation.Add(prefix + ".signatory_id", "letters, digits, '.', '_' and '-' only, 128 characters at most");
        }

        validation.Require(!string.IsNullOrWhiteSpace(signatory.Name), prefix + ".name", "is required");
        if (signatory.Kind == SignatoryKind.Unspecified || !Enum.IsDefined(signatory.Kind))
        {
            validation.Add(prefix + ".kind", "is required");
        }

        if (signatory.Kind == SignatoryKind.Commune)
        {
            validation.Require(FrenchCodes.IsInseeCommuneCode(signatory.CommuneInseeCode ?? string.Empty),
                prefix + ".commune_insee_code", "a commune signatory needs the INSEE code of its commune");
        }
        else if (!string.IsNullOrEmpty(signatory.CommuneInseeCode))
        {
            validation.Add(prefix + ".commune_insee_code", "only a commune signatory has a commune INSEE code");
        }

        if (signatory.SignedOn.IsSet())
        {
            validation.Add(prefix + ".signed_on", "a signatory signs with SignConvention, not when it is added");
        }

        // A representative's name may be unknown while the convention is prepared; the role is not.
        for (var i = 0; i < signatory.Representatives.Count; i++)
        {
            validation.Require(!string.IsNullOrWhiteSpace(signatory.Representatives[i].Role), $"{prefix}.representatives[{i}].role", "is required");
        }

        if (signatory.Kind == SignatoryKind.Caf && signatory.Representatives.Count > 0)
        {
            foreach (var missing in MissingCafRepresentatives(signatory.Representatives.Select(r => r.Role)))
            {
                validation.Add(prefix + ".representatives", missing);
            }
        }

        if (signatory.Deliberation is not null)
        {
            ValidateDeliberation(validation, signatory.Deliberation, prefix + ".deliberation");
        }
    }

    /// <summary>The CAF signs through both the président of its conseil d'administration and its directeur: the roles
    /// of its representatives, as given (when it is added) or stored (when it signs).</summary>
    public static IEnumerable<string> MissingCafRepresentatives(IEnumerable<string> representativeRoles)
    {
        var roles = representativeRoles.Select(r => (r ?? string.Empty).ToLowerInvariant()).ToList();
        if (!roles.Any(r => r.Contains("président") || r.Contains("president")))
        {
            yield return "the CAF is represented by the président of its conseil d'administration and its directeur: the président is missing";
        }

        if (!roles.Any(r => r.Contains("directeur") || r.Contains("directrice")))
        {
            yield return "the CAF is represented by the président of its conseil d'administration and its directeur: the directeur is missing";
        }
    }
}
