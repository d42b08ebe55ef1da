using Ctg.Funding.Engine.Explanations;
using Ctg.Funding.Engine.Parameters;
using Ctg.Funding.Engine.Results;
using Ctg.Funding.Engine.Validation;
using K = Ctg.Funding.Engine.Parameters.ParameterKeys;

namespace Ctg.Funding.Engine.Payments;

/// <summary>What a structure is entitled to for a year, by declaration: prévisionnel, and réel once declared.</summary>
public sealed record PaymentInput
{
    public required string StructureId { get; init; }
    public required int Year { get; init; }
    /// <summary>Entitlement computed on the prévisionnel declaration, in cents.</summary>
    public required long PrevisionnelEntitlementCents { get; init; }
    /// <summary>Entitlement computed on the réel declaration, in cents; null until declared.</summary>
    public long? ReelEntitlementCents { get; init; }
}

/// <summary>One scheduled advance (acompte).</summary>
public sealed record ScheduledAdvance(int Number, DateOnly? Date, Amount Amount);

/// <summary>The payment schedule of a structure and year: advances, then the balance or the indu.</summary>
public sealed class PaymentSchedule
{
    public required string StructureId { get; init; }
    public required int Year { get; init; }
    public required IReadOnlyList<ScheduledAdvance> Advances { get; init; }
    /// <summary>réel − advances; null until the réel is known. Negative: an overpayment to recover.</summary>
    public Amount? Balance { get; init; }
    public bool AdvancesComputable => Advances.All(a => a.Amount.IsComputable);
    public long AdvancesTotalCents => Advances.Where(a => a.Amount.IsComputable).Sum(a => a.Amount.Cents);
    public bool IsIndu => Balance is { IsComputable: true, Cents: < 0 };
}

/// <summary>Advances on the prévisionnel entitlement and settlement on the réel (RULES.md §5).</summary>
public static class PaymentRules
{
    private static readonly string[] AdvanceDecisions = [Decisions.PaymentsAdvanceRounding];
    private static readonly (string Rate, string Date)[] AdvanceKeys = [(K.Acompte1Taux, K.Acompte1Date), (K.Acompte2Taux, K.Acompte2Date)];

    public static IReadOnlyList<FieldViolation> Validate(PaymentInput i)
    {
        var v = new List<FieldViolation>();
        if (i.PrevisionnelEntitlementCents < 0) v.Add(new("previsionnel_entitlement", "must not be negative"));
        if (i.ReelEntitlementCents < 0) v.Add(new("reel_entitlement", "must not be negative"));
        return v;
    }

    public static PaymentSchedule Schedule(PaymentInput i, ParameterSet p)
    {
        var violations = Validate(i);
        if (violations.Count > 0) throw new FundingInputException(violations);
        var y = i.Year;
        var advances = new List<ScheduledAdvance>(AdvanceKeys.Length);
        for (var k = 0; k < AdvanceKeys.Length; k++)
        {
            var (rateKey, dateKey) = AdvanceKeys[k];
            if (!p.TryResolve(rateKey, y, out var rate)) { advances.Add(new(k + 1, null, Amount.NotComputable(RuleIds.PaymentAdvance, rateKey, y))); continue; }
            if (!p.TryResolve(dateKey, y, out var day)) { advances.Add(new(k + 1, null, Amount.NotComputable(RuleIds.PaymentAdvance, dateKey, y))); continue; }
            var monthDay = (int)day.Scalar;
            var date = new DateOnly(y, monthDay / 100, monthDay % 100);
            var exact = i.PrevisionnelEntitlementCents * rate.Scalar;
            advances.Add(new(k + 1, date, Amount.Computed(Money.RoundCents(exact), new Explanation(RuleIds.PaymentAdvance,
                $"acompte {k + 1} = prévisionnel entitlement × taux, paid on {date:dd/MM/yyyy}", exact, "cents",
                [new("prévisionnel entitlement", i.PrevisionnelEntitlementCents, "cents")], [rate, day],
                Rounding.ToCentHalfAwayFromZero, AdvanceDecisions))));
        }

        Amount? balance = null;
        if (i.ReelEntitlementCents is { } reel)
        {
            var notComputable = advances.FirstOrDefault(a => !a.Amount.IsComputable);
            if (notComputable is not null)
                balance = Amount.NotComputable(RuleIds.PaymentBalance, notComputable.Amount.Missing!.ParameterKey, y);
            else
            {
                var paid = advances.Sum(a => a.Amount.Cents);
                var value = reel - paid;
                balance = Amount.Computed(value, new Explanation(RuleIds.PaymentBalance,
                    value < 0 ? "balance = réel entitlement − advances < 0 → indu (overpayment to recover)" : "balance = réel entitlement − advances",
                    value, "cents", [new("réel entitlement", reel, "cents"), new("advances paid", paid, "cents")],
                    children: advances.Select(a => a.Amount.Explanation!).ToArray()));
            }
        }
        return new PaymentSchedule { StructureId = i.StructureId, Year = y, Advances = advances, Balance = balance };
    }
}
