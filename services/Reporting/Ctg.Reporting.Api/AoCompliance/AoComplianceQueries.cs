using System.Globalization;
using Ctg.Data;
using Ctg.Reporting.Shared;
using Ctg.Reporting.V1;
using Ctg.ServiceDefaults;
using Dapper;

namespace Ctg.Reporting.AoCompliance;

/// <summary>AO compliance alerts per commune (read model 4). A commune is autorité organisatrice de
/// l'accueil du jeune enfant since 1 January 2025: every commune must recenser and informer; above
/// 3,500 inhabitants also planifier and soutenir la qualité; above 10,000 a relais petite enfance from
/// 1 January 2026. An obligation is flagged when no holder of the competence was recorded (granted or
/// transferred, effective on the date), or when no open RPE serves the commune.</summary>
public sealed class AoComplianceQueries(IDbConnectionFactory connections)
{
    private static readonly DateOnly AoReformStart = new(2025, 1, 1);
    private static readonly DateOnly RpeObligationStart = new(2026, 1, 1);

    private static readonly (string Code, string Label)[] Competences =
    [
        (AoCompetenceCode.RecenserBesoins, "Recenser les besoins et l'offre d'accueil"),
        (AoCompetenceCode.InformerAccompagner, "Informer et accompagner les familles"),
        (AoCompetenceCode.Planifier, "Planifier le développement de l'offre"),
        (AoCompetenceCode.SoutenirQualite, "Soutenir la qualité des modes d'accueil"),
    ];

    public async Task<ListAoComplianceAlertsResponse> AlertsAsync(string conventionId, DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var communes = (await connection.QueryAsync<CommuneRow>(new CommandDefinition(
            """
            SELECT insee_code AS InseeCode, name AS Name, legal_population AS LegalPopulation
            FROM rm_communes WHERE convention_id = @ConventionId AND removed = 0 ORDER BY insee_code
            """,
            new { ConventionId = conventionId },
            cancellationToken: cancellationToken))).AsList();
        var holdings = (await connection.QueryAsync<HoldingRow>(new CommandDefinition(
            """
            SELECT insee_code AS InseeCode, competence AS Competence, holder_id AS HolderId, holder_name AS HolderName, effective_on AS EffectiveOn
            FROM rm_ao_holdings WHERE convention_id = @ConventionId
            """,
            new { ConventionId = conventionId },
            cancellationToken: cancellationToken))).AsList();
        var rpes = (await connection.QueryAsync<(string CommuneInsee, string SupportingCollectivityId, string? OpeningDate, string? ClosingDate)>(new CommandDefinition(
            """
            SELECT commune_insee, supporting_collectivity_id, opening_date, closing_date
            FROM rm_structures WHERE convention_id = @ConventionId AND kind = 'rpe'
            """,
            new { ConventionId = conventionId },
            cancellationToken: cancellationToken))).AsList();

        var iso = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var openRpes = rpes.Where(r => (r.OpeningDate is null || string.CompareOrdinal(r.OpeningDate, iso) <= 0)
            && (string.IsNullOrEmpty(r.ClosingDate) || string.CompareOrdinal(r.ClosingDate, iso) > 0)).ToList();
        var held = holdings
            .Where(h => string.IsNullOrEmpty(h.EffectiveOn) || string.CompareOrdinal(h.EffectiveOn, iso) <= 0)
            .ToDictionary(h => (h.InseeCode, h.Competence));

        var response = new ListAoComplianceAlertsResponse
        {
            ConventionId = conventionId,
            AsOf = new Common.V1.Date { Year = asOf.Year, Month = asOf.Month, Day = asOf.Day },
            CommunesChecked = communes.Count,
        };
        if (asOf < AoReformStart)
        {
            return response;
        }

        foreach (var commune in communes)
        {
            var population = commune.LegalPopulation ?? 0;
            var compliance = new CommuneCompliance { InseeCode = commune.InseeCode, Name = commune.Name, LegalPopulation = population };
            foreach (var (code, label) in Competences)
            {
                var mandatory = code is AoCompetenceCode.RecenserBesoins or AoCompetenceCode.InformerAccompagner || population > 3500;
                if (mandatory && !held.ContainsKey((commune.InseeCode, code)))
                {
                    compliance.Alerts.Add(new AoComplianceAlert
                    {
                        Obligation = code,
                        Message = population > 3500 && code is AoCompetenceCode.Planifier or AoCompetenceCode.SoutenirQualite
                            ? $"Aucune collectivité n'exerce la compétence « {label} », obligatoire au-delà de 3 500 habitants."
                            : $"Aucune collectivité n'exerce la compétence « {label} ».",
                    });
                }
            }

            if (population > 10000 && asOf >= RpeObligationStart)
            {
                var qualityHolder = held.TryGetValue((commune.InseeCode, AoCompetenceCode.SoutenirQualite), out var holder) ? holder.HolderId : null;
                var served = openRpes.Any(r => r.CommuneInsee == commune.InseeCode || (qualityHolder is not null && r.SupportingCollectivityId == qualityHolder));
                if (!served)
                {
                    compliance.Alerts.Add(new AoComplianceAlert
                    {
                        Obligation = "relais_petite_enfance",
                        Message = "Aucun relais petite enfance ouvert, obligatoire au-delà de 10 000 habitants depuis le 01/01/2026.",
                    });
                }
            }

            if (compliance.Alerts.Count > 0)
            {
                response.Communes.Add(compliance);
            }
        }

        return response;
    }

    /// <summary>One page of the communes with alerts, by INSEE code after the cursor's. The alerts are decided
    /// over the whole territory (the holders of a competence and the RPEs are read once per question, not per
    /// commune), and only the page is sent; total_size counts every commune with an alert.</summary>
    public static ListAoComplianceAlertsResponse Page(ListAoComplianceAlertsResponse all, PageQuery page)
    {
        var after = page.AfterKey;
        var rows = all.Communes
            .Where(c => after is null || string.CompareOrdinal(c.InseeCode, after) > 0)
            .Take(page.Limit)
            .ToList();
        var (items, pageResponse) = Paging.Cut(rows, page, c => [c.InseeCode], all.Communes.Count);
        var response = new ListAoComplianceAlertsResponse
        {
            ConventionId = all.ConventionId,
            AsOf = all.AsOf,
            CommunesChecked = all.CommunesChecked,
            Page = pageResponse,
        };
        response.Communes.AddRange(items);
        return response;
    }
}
