using Ctg.Funding.Api.Shared;
using Ctg.Funding.Engine.Rules;
using Ctg.Structures.V1;

namespace Ctg.Funding.Api.Inputs;

/// <summary>
/// A structure and its declared figures, as the engine's input for its prestation de service.
/// Figures the kind needs but the declaration leaves empty are violations named after the field
/// (prefix + snake_case name), never zeros.
/// </summary>
internal static class StructureInputMapper
{
    public static (StructureYearInput? Input, List<(string Field, string Description)> Violations) Map(
        Structure structure, int year, DeclarationVersion version, ActivityFigures figures, string prefix)
    {
        var violations = new List<(string, string)>();
        var details = structure.Details;
        decimal Required(Ctg.Structures.V1.DecimalValue? value, string field)
        {
            var parsed = Decimals.Parse(value);
            if (parsed is null)
            {
                violations.Add((prefix + field, "is required for this kind of structure"));
                return 0m;
            }

            return parsed.Value;
        }

        decimal RequiredMoney(Ctg.Common.V1.Money? money, string field)
        {
            if (money is null)
            {
                violations.Add((prefix + field, "is required for this kind of structure"));
                return 0m;
            }

            return Decimals.Euros(money);
        }

        var versionName = KindMapper.VersionName(version);
        StructureYearInput? input = details.Kind switch
        {
            StructureKind.EajePsu => new EajeInput
            {
                StructureId = structure.StructureId,
                Year = year,
                DeclarationVersion = versionName,
                AgreedPlaces = figures.HasPlaces ? figures.Places : details.Capacity?.HasAgreedPlaces == true ? details.Capacity.AgreedPlaces : Missing(violations, prefix + "places"),
                HoursInvoiced = Required(figures.HoursInvoiced, "hours_invoiced"),
                HoursAttended = Required(figures.HoursAttended, "hours_attended"),
                OperatingCosts = RequiredMoney(figures.OperatingCosts, "operating_costs"),
                FamilyParticipations = RequiredMoney(figures.FamilyParticipations, "family_participations"),
                RegimeGeneralShare = Required(figures.RegimeGeneralShare, "regime_general_share"),
                SuppliesNappiesAndMeals = details.Eaje is { SuppliesNappies: true, SuppliesMeals: true },
                ManagerType = details.Manager?.Mode switch
                {
                    ManagementMode.Association => ManagerType.Associative,
                    ManagementMode.PrivateCompany => ManagerType.Private,
                    _ => ManagerType.Public,
                },
                // The declaration carries no count of enrolled children, so the AEEH share of the bonus
                // inclusion handicap cannot be formed: the engine's zero-share decision applies.
                EnrolledChildren = 0,
                AeehChildren = 0,
            },
            StructureKind.Alsh => MapAlsh(structure, year, versionName, figures, Required, RequiredMoney),
            StructureKind.AccueilJeunes => new JeunesInput
            {
                StructureId = structure.StructureId,
                Year = year,
                DeclarationVersion = versionName,
                HoursAttended = Required(figures.HoursAttended, "hours_attended"),
                OperatingCosts = RequiredMoney(figures.OperatingCosts, "operating_costs"),
                RegimeGeneralShare = Required(figures.RegimeGeneralShare, "regime_general_share"),
            },
            StructureKind.Rpe => new RpeInput
            {
                StructureId = structure.StructureId,
                Year = year,
                DeclarationVersion = versionName,
                Etp = Decimals.Parse(figures.Etp) ?? Decimals.Parse(details.Capacity?.Etp) ?? Missing(violations, prefix + "etp"),
                OperatingCosts = RequiredMoney(figures.OperatingCosts, "operating_costs"),
            },
            StructureKind.Laep => new LaepInput
            {
                StructureId = structure.StructureId,
                Year = year,
                DeclarationVersion = versionName,
                OpeningHours = Decimals.Parse(figures.OpeningHours) ?? Decimals.Parse(details.Capacity?.OpeningHoursPerYear) ?? Missing(violations, prefix + "opening_hours"),
                OperatingCosts = RequiredMoney(figures.OperatingCosts, "operating_costs"),
            },
            _ => null,
        };

        return (input, violations);
    }

    /// <summary>Engine field names ("periscolaire.hours_attended") as the declaration's field names.</summary>
    public static string FieldOf(string engineField, string prefix)
    {
        var lastDot = engineField.LastIndexOf('.');
        var name = lastDot >= 0 ? engineField[(lastDot + 1)..] : engineField;
        return name is "structure_id" or "year" ? name : prefix + name;
    }

    private static AlshInput MapAlsh(Structure structure, int year, string versionName, ActivityFigures figures,
        Func<Ctg.Structures.V1.DecimalValue?, string, decimal> required, Func<Ctg.Common.V1.Money?, string, decimal> requiredMoney)
    {
        // DECISION-ALSH-SPLIT (RULES.md §2): a declaration that splits the site's hours and costs between périscolaire
        // and extrascolaire gets each part priced at its own ceiling (the structures service checks that the parts
        // add up to the totals). Without the split, the whole activity counts under périscolaire when the site runs
        // it, else under extrascolaire.
        AlshActivity? Part(AlshActivityPart? part, string name) => part is null ? null
            : new AlshActivity(required(part.HoursAttended, name + ".hours_attended"), requiredMoney(part.OperatingCosts, name + ".operating_costs"));
        AlshActivity? periscolairePart, extrascolairePart;
        if (figures.Periscolaire is not null || figures.Extrascolaire is not null)
        {
            (periscolairePart, extrascolairePart) = (Part(figures.Periscolaire, "periscolaire"), Part(figures.Extrascolaire, "extrascolaire"));
        }
        else
        {
            var activity = new AlshActivity(required(figures.HoursAttended, "hours_attended"), requiredMoney(figures.OperatingCosts, "operating_costs"));
            var runsPeriscolaire = structure.Details.Alsh?.Periscolaire ?? true;
            var onlyExtrascolaire = !runsPeriscolaire && structure.Details.Alsh?.Extrascolaire == true;
            periscolairePart = onlyExtrascolaire ? null : activity;
            extrascolairePart = onlyExtrascolaire ? activity : null;
        }

        return new AlshInput
        {
            StructureId = structure.StructureId,
            Year = year,
            DeclarationVersion = versionName,
            Periscolaire = periscolairePart,
            Extrascolaire = extrascolairePart,
            RegimeGeneralShare = required(figures.RegimeGeneralShare, "regime_general_share"),
            AeehHours = Decimals.Parse(figures.AeehHours) ?? 0m,
        };
    }

    private static decimal Missing(List<(string, string)> violations, string field)
    {
        violations.Add((field, "is required for this kind of structure"));
        return 0m;
    }
}
