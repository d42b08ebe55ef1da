using Ctg.Funding.V1;
using Ctg.Structures.V1;
using Grpc.Core;
using static Ctg.Funding.Tests.FundingHarness;

namespace Ctg.Funding.Tests;

/// <summary>
/// One structure's funding through the service: an EAJE of the PMA convention (2023-2027) that supplies
/// nappies and meals, computed for 2024, when the ceiling for t ≤ 1.07 with supplies is 10,05 €/h.
/// </summary>
[Collection(FundingCollection.Name)]
public sealed class StructureFundingTests(FundingHarness harness)
{
    public const string EajeId = "str-25-test-eaje-audincourt-nord";

    internal static async Task EnsureEajeAsync(FundingHarness harness)
    {
        try
        {
            await harness.Registry.GetStructureAsync(new GetStructureRequest { StructureId = EajeId });
            return;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
        }

        // The commune of Audincourt (25031) as the signatories service's PMA seed names it.
        var pma = await harness.Conventions.GetConventionAsync(new Ctg.Signatories.V1.GetConventionRequest { ConventionId = "ctg-25-pays-de-montbeliard-2023" });
        var audincourt = pma.Signatories.Single(s => s.CommuneInseeCode == "25031").SignatoryId;
        await harness.Registry.RegisterStructureAsync(new RegisterStructureRequest
        {
            StructureId = EajeId,
            EffectiveFrom = new Ctg.Common.V1.Date { Year = 2023, Month = 1, Day = 1 },
            Details = new StructureDetails
            {
                Name = "Multi-accueil Audincourt Nord (test)",
                Kind = StructureKind.EajePsu,
                Address = new Address { CommuneName = "Audincourt" },
                Manager = new Manager { Name = "Ville d'Audincourt", Mode = ManagementMode.Regie },
                Capacity = new Capacity { AgreedPlaces = 20 },
                Eaje = new EajeOptions { SuppliesNappies = true, SuppliesMeals = true },
                SupportingCollectivityId = audincourt,
            },
        });
    }

    /// <summary>20 places, HF hours invoiced, 98 % of HF attended (t = 1.0204 ≤ 1.07), C = 10 €/h × HF, PF = 1 €/h × HF.</summary>
    internal static ActivityFigures Figures(long hoursInvoiced) => new()
    {
        Places = 20,
        HoursInvoiced = Dec(hoursInvoiced.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        HoursAttended = Dec((hoursInvoiced * 98 / 100).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        OperatingCosts = Euros(10 * hoursInvoiced),
        FamilyParticipations = Euros(hoursInvoiced),
        RegimeGeneralShare = Dec("1"),
    };

    private async Task DeclareAsync(DeclarationVersion version, long hoursInvoiced)
    {
        try
        {
            await harness.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest
            {
                StructureId = EajeId, Year = 2024, Version = version, Figures = Figures(hoursInvoiced),
                ReceivedOn = new Ctg.Common.V1.Date { Year = 2025, Month = 3, Day = 28 },
            });
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
        }
    }

    [Fact]
    public async Task Advances_on_the_previsionnel_then_indu_on_a_lower_reel()
    {
        await EnsureEajeAsync(harness);
        await DeclareAsync(DeclarationVersion.Previsionnel, 30000);
        await DeclareAsync(DeclarationVersion.Reel, 10000);

        // Prévisionnel: PRH = C / HF = 10 €/h < PP = 10,05 €/h; PSU = 0,66 × 10 × 30 000 − 30 000 = 168 000,00 €.
        // Bonus mixité: PF / HF = 1,00 €/h ≤ 1,20 → 800 €/place × 20 = 16 000,00 €. Total 184 000,00 €.
        var previsionnel = await harness.Computations.ComputeStructureAsync(new ComputeStructureRequest
        {
            StructureId = EajeId, Year = 2024, DeclarationVersion = DeclarationVersion.Previsionnel,
        });
        Assert.Equal(16800000, previsionnel.Lines.Single(l => l.RuleId == "PSU").Amount.Cents);
        Assert.Equal(1600000, previsionnel.Lines.Single(l => l.RuleId == "PSU.BONUS_MIXITE_SOCIALE").Amount.Cents);
        Assert.True(previsionnel.Complete, string.Join(", ", previsionnel.NotComputable));
        Assert.Equal(previsionnel.Lines.Sum(l => l.Amount?.Cents ?? 0), previsionnel.Total.Cents);
        Assert.Equal(18400000, previsionnel.Total.Cents);
        var psu = previsionnel.Lines.Single(l => l.RuleId == "PSU").Explanation;
        Assert.Contains(Flatten(psu), e => e.Parameters.Any(p => p.Key == "psu.taux" && p.Value == "0.66" && p.Confidence == "P" && p.ReferenceTitle.Length > 0));

        // Advances: 35 % × 184 000,00 € = 64 400,00 € on 1 March 2024 and on 2 October 2024.
        Assert.Equal(2, previsionnel.Payments.Count);
        Assert.All(previsionnel.Payments, p => Assert.Equal((PaymentKind.Advance, 6440000L), (p.Kind, p.Amount.Cents)));
        Assert.Equal((3, 1), (previsionnel.Payments[0].DueOn.Month, previsionnel.Payments[0].DueOn.Day));
        Assert.Equal((10, 2), (previsionnel.Payments[1].DueOn.Month, previsionnel.Payments[1].DueOn.Day));

        // Réel: PSU = 0,66 × 10 × 10 000 − 10 000 = 56 000,00 €; mixité 16 000,00 €; total 72 000,00 €.
        // Balance = 72 000,00 − 128 800,00 = −56 800,00 € → an indu of 56 800,00 €.
        var reel = await harness.Computations.ComputeStructureAsync(new ComputeStructureRequest
        {
            StructureId = EajeId, Year = 2024, DeclarationVersion = DeclarationVersion.Reel,
        });
        Assert.Equal(7200000, reel.Total.Cents);
        var indu = Assert.Single(reel.Payments);
        Assert.Equal((PaymentKind.Indu, 5680000L), (indu.Kind, indu.Amount.Cents));

        var connections = (Ctg.Data.IDbConnectionFactory)harness.Funding.Services.GetService(typeof(Ctg.Data.IDbConnectionFactory))!;
        await using (var connection = await connections.OpenAsync(CancellationToken.None))
        {
            var payments = (await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT data FROM outbox WHERE topic = 'funding.payment-scheduled.v1'"))
                .Select(d => System.Text.Json.JsonDocument.Parse(d).RootElement)
                .Where(e => e.GetProperty("computationId").GetString() == reel.ComputationId).ToList();
            var induEvent = Assert.Single(payments);
            Assert.Equal(("indu", 5680000L, "2025-03-28"), (induEvent.GetProperty("kind").GetString(), induEvent.GetProperty("amountCents").GetInt64(), induEvent.GetProperty("dueOn").GetString()));
            Assert.Equal(1, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection,
                "SELECT COUNT(*) FROM outbox WHERE topic = 'funding.funding-computed.v1' AND data LIKE @Id", new { Id = "%" + reel.ComputationId + "%" }));
        }

        var schedule = await harness.Computations.GetPaymentScheduleAsync(new GetPaymentScheduleRequest { StructureId = EajeId, Year = 2024 });
        Assert.Equal(new[] { PaymentKind.Advance, PaymentKind.Advance, PaymentKind.Indu }, schedule.Lines.Select(l => l.Kind));
        Assert.Equal(18400000, schedule.EntitlementPrevisionnel.Cents);
        Assert.Equal(7200000, schedule.EntitlementReel.Cents);
        Assert.True(schedule.Settled);

        var history = await harness.Computations.GetFundingHistoryAsync(new GetFundingHistoryRequest { StructureId = EajeId, Year = 2024 });
        Assert.Contains(history.Computations, c => c.ComputationId == previsionnel.ComputationId && c.Total.Cents == 18400000);
        Assert.Contains(history.Computations, c => c.ComputationId == reel.ComputationId && c.Total.Cents == 7200000);
    }

    [Fact]
    public async Task A_rule_without_parameter_is_not_computable_and_schedules_nothing()
    {
        // PS ALSH ceilings are not public (RULES.md §6): the Jura Nord ALSH cannot be computed, and says why.
        var result = await harness.Computations.ComputeStructureAsync(new ComputeStructureRequest
        {
            StructureId = "str-39-jn-alsh-fraisans", Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel,
        });
        Assert.False(result.Complete);
        var missing = Assert.Single(result.NotComputable);
        Assert.Equal(("alsh.prix_plafond.periscolaire", 2020), (missing.ParameterKey, missing.Year));
        Assert.Empty(result.Payments);
    }

    private static IEnumerable<Explanation> Flatten(Explanation e) => new[] { e }.Concat(e.Children.SelectMany(Flatten));
}
