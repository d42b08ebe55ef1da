using Ctg.Funding.Engine.Explanations;
using Ctg.Funding.Engine.Parameters;
using Ctg.Funding.Engine.Results;
using Ctg.Funding.Engine.Validation;
using K = Ctg.Funding.Engine.Parameters.ParameterKeys;

namespace Ctg.Funding.Engine.BonusTerritoire;

/// <summary>
/// The bonus territoire CTG algorithm of RULES.md §4, step by step: eligibility, grouping by
/// (reference-year collectivity, kind), envelope and unit rate with revaluation and floor, existing and
/// new activity, largest-remainder rounding of the base parts, and the invariant report.
/// Input order never matters: structures are sorted by id (ordinal) and groups by key first.
/// </summary>
public static class BonusTerritoireAllocator
{
    private static readonly string[] BaseDecisions = [Decisions.BtGroupReferenceYearCollectivity];
    private static readonly string[] RateDecisionsDefault = [Decisions.BtRevaluationDefaultOne];
    private static readonly string[] RateDecisionsEmptyDefault = [Decisions.BtEmptyGroupRate, Decisions.BtRevaluationDefaultOne];
    private static readonly string[] RateDecisionsEmpty = [Decisions.BtEmptyGroupRate];
    private static readonly string[] NewHoursDecisions = [Decisions.BtNewHoursAtUnitRate];
    private static readonly string[] NewJeunesDecisions = [Decisions.BtNewHoursAtUnitRate, Decisions.BtJeunesUsesAlshCap];
    private static readonly string[] NewRpeLaepDecisions = [Decisions.BtRpeLaepNewUnitsAtUnitRate];

    public static IReadOnlyList<FieldViolation> Validate(BonusTerritoireRequest request)
    {
        var v = new List<FieldViolation>();
        if (string.IsNullOrWhiteSpace(request.CtgId)) v.Add(new("ctg_id", "must not be empty"));
        if (request.Year is < 2000 or > 2100) v.Add(new("year", "must be between 2000 and 2100"));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Structures.Count; i++)
        {
            var s = request.Structures[i];
            var f = $"structures[{i}].";
            if (string.IsNullOrWhiteSpace(s.StructureId)) v.Add(new(f + "structure_id", "must not be empty"));
            else if (!ids.Add(s.StructureId)) v.Add(new(f + "structure_id", $"duplicate structure id '{s.StructureId}'"));
            if (s.Kind != BonusTerritoireKind.NotEligible && string.IsNullOrWhiteSpace(s.SupportingCollectivityId))
                v.Add(new(f + "supporting_collectivity_id", "must not be empty"));
            if (s.ReferenceAmountCents < 0) v.Add(new(f + "reference_amount", "must not be negative"));
            if (s.ReferenceUnits < 0m) v.Add(new(f + "reference_units", "must not be negative"));
            else if (s.ReferenceAmountCents > 0 && s.ReferenceUnits == 0m)
                v.Add(new(f + "reference_units", "must be greater than 0 when a reference amount is given (E > 0 with U = 0 has no unit rate)"));
            if (s.Units < 0m) v.Add(new(f + "units", "must not be negative"));
            if (s.Kind == BonusTerritoireKind.Eaje && s.Units > s.ReferenceUnits && !s.QpvOrZrr && s.WealthStratum is null
                && s.SupportedBySignatoryWithCompetence && s.OpenDuringYear)
                v.Add(new(f + "wealth_stratum", "required to pay new EAJE places outside a QPV or ZRR"));
        }
        return v;
    }

    public static BonusTerritoireAllocation Allocate(BonusTerritoireRequest request, ParameterSet p)
    {
        var violations = Validate(request);
        if (violations.Count > 0) throw new FundingInputException(violations);

        var sorted = request.Structures.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.StructureId, b.StructureId));

        var excluded = new List<ExcludedStructure>();
        var groups = new Dictionary<(string, BonusTerritoireKind), List<BonusTerritoireStructure>>();
        foreach (var s in sorted)
        {
            var reason = s.Kind == BonusTerritoireKind.NotEligible ? "kind not eligible to the bonus territoire"
                : !s.SupportedBySignatoryWithCompetence ? "not supported by a signatory of a signed CTG holding the competence"
                : !s.OpenDuringYear ? "not open during the year"
                : null;
            if (reason is not null)
            {
                excluded.Add(new ExcludedStructure(s.StructureId, s.SupportingCollectivityId, s.Kind, s.ReferenceAmountCents, reason + " (" + Decisions.BtIneligibleExcluded + ")"));
                continue;
            }
            var key = (s.SupportingCollectivityId, s.Kind);
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add(s);
        }

        var keys = groups.Keys.ToArray();
        Array.Sort(keys, static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Item1, b.Item1);
            return c != 0 ? c : a.Item2.CompareTo(b.Item2);
        });

        var groupResults = new List<BonusTerritoireGroupResult>(keys.Length);
        var structureResults = new List<BonusTerritoireStructureResult>(sorted.Length);
        foreach (var key in keys)
            groupResults.Add(AllocateGroup(key.Item1, key.Item2, groups[key], request.Year, p, structureResults));

        structureResults.Sort(static (a, b) => string.CompareOrdinal(a.StructureId, b.StructureId));
        return new BonusTerritoireAllocation
        {
            CtgId = request.CtgId,
            Year = request.Year,
            DeclarationVersion = request.DeclarationVersion,
            ParameterSetHash = p.ContentHash,
            Groups = groupResults,
            Structures = structureResults,
            Excluded = excluded,
        };
    }

    /// <summary>
    /// DECISION-BT-STRATUM-OF-GROUP: a group's territory is of a stratum when every one of its structures' communes is of
    /// that stratum; when they differ, or one is unknown, the group has none and the kind's values apply.
    /// </summary>
    private static int? GroupStratum(List<BonusTerritoireStructure> members)
    {
        // Strata are numbered from 1; 0 is how the service says "no territory data".
        var first = members.Count > 0 ? members[0].WealthStratum : null;
        return first is > 0 && members.TrueForAll(m => m.WealthStratum == first) ? first : null;
    }

    /// <summary>
    /// The value of the year for the group's stratum (threshold = stratum number in <paramref name="strataKey"/>), else the
    /// kind's scalar <paramref name="kindKey"/>; false when neither has one. <paramref name="used"/> is the parameter cited.
    /// </summary>
    private static bool TryResolveForStratum(ParameterSet p, string strataKey, string kindKey, int year, int? stratum,
        out ParameterValue used, out decimal value, out bool byStratum)
    {
        if (stratum is { } st && p.TryResolve(strataKey, year, out var strata))
        {
            foreach (var bracket in strata.Brackets!)
            {
                if (bracket.Threshold == st)
                {
                    (used, value, byStratum) = (strata, bracket.Amount, true);
                    return true;
                }
            }
        }

        byStratum = false;
        if (p.TryResolve(kindKey, year, out used))
        {
            value = used.Scalar;
            return true;
        }

        value = 0m;
        return false;
    }

    /// <summary>Steps 2 to 6 for one group; the structures arrive sorted by id.</summary>
    private static BonusTerritoireGroupResult AllocateGroup(string collectivity, BonusTerritoireKind kind,
        List<BonusTerritoireStructure> members, int year, ParameterSet p, List<BonusTerritoireStructureResult> output)
    {
        var n = members.Count;
        long envelope = 0;
        decimal refUnits = 0m, units = 0m, existingTotal = 0m, newTotal = 0m;
        var equalActivity = true;
        var existing = new decimal[n];
        var fresh = new decimal[n];
        for (var i = 0; i < n; i++)
        {
            var s = members[i];
            envelope += s.ReferenceAmountCents;
            refUnits += s.ReferenceUnits;
            units += s.Units;
            existing[i] = Math.Min(s.Units, s.ReferenceUnits);
            fresh[i] = Math.Max(0m, s.Units - s.ReferenceUnits);
            existingTotal += existing[i];
            newTotal += fresh[i];
            if (s.Units != s.ReferenceUnits) equalActivity = false;
        }

        // Step 2: r = E / U × revaluation, at least the floor; a value for the group's wealth stratum replaces the kind's
        // (DECISION-BT-STRATUM-FLOORS, DECISION-BT-STRATUM-OF-GROUP).
        var stratum = GroupStratum(members);
        var hasRevaluation = TryResolveForStratum(p, K.BtRevalorisationStrates(kind), K.BtRevalorisation(kind), year, stratum,
            out var revaluationValue, out var revaluation, out var revaluationByStratum);
        if (!hasRevaluation) revaluation = 1m;
        var hasFloor = TryResolveForStratum(p, K.BtPlancherStrates(kind), K.BtPlancher(kind), year, stratum,
            out var floorValue, out var floorEuros, out var floorByStratum);
        decimal? floorCents = hasFloor ? floorEuros * 100m : null;
        var rawRate = refUnits > 0m ? envelope / refUnits : 0m;
        var revaluedRate = rawRate * revaluation;
        var floorBinding = floorCents is { } fc && fc > revaluedRate;
        var rate = floorBinding ? floorCents!.Value : revaluedRate;

        var rateParameters = new List<ParameterValue>(2);
        if (hasRevaluation) rateParameters.Add(revaluationValue);
        if (hasFloor) rateParameters.Add(floorValue);
        string[] rateDecisions = refUnits == 0m
            ? (hasRevaluation ? RateDecisionsEmpty : RateDecisionsEmptyDefault)
            : (hasRevaluation ? [] : RateDecisionsDefault);
        if (revaluationByStratum || floorByStratum) rateDecisions = [.. rateDecisions, Decisions.BtStratumFloors, Decisions.BtStratumOfGroup];
        var rateExplanation = new Explanation(RuleIds.BtUnitRate,
            "r = max(E / U × revaluation, floor) (revaluation = 1 and no floor when their parameters have no value)", rate, "cents/unit",
            [
                new("E", envelope, "cents"), new("U", refUnits, "units"), new("E / U", rawRate, "cents/unit"),
                new("revaluation", revaluation, "factor"), new("floor", floorCents ?? 0m, floorCents is null ? "none" : "cents/unit"),
                new("floor binding", floorBinding ? 1 : 0, "bool"), new("wealth stratum", stratum ?? 0, "stratum"),
            ],
            rateParameters.ToArray(), Rounding.None, rateDecisions,
            note: $"group {collectivity} / {kind}");

        // Step 3: base = r × existing, exact; E × f × existing / U keeps one division per structure.
        var exactBase = new decimal[n];
        for (var i = 0; i < n; i++)
            exactBase[i] = floorBinding || refUnits == 0m
                ? rate * existing[i]
                : envelope * revaluation * existing[i] / refUnits;
        // The group's exact sum in one operation (not the sum of the parts, each of which carries its own
        // 28-digit rounding): at equal activity it is E × U / U = E with no residue at all.
        var exactSum = floorBinding || refUnits == 0m
            ? rate * existingTotal
            : envelope * revaluation * existingTotal / refUnits;

        // Step 5: largest-remainder rounding of the base parts so the group's sum is exact to the cent.
        var baseCents = LargestRemainder(exactBase, exactSum, members, out var roundedSum);

        // Step 4: new activity, per kind.
        var eligibleNew = new decimal[n];
        var newParts = new Amount[n];
        var missing = new List<NotComputable>();
        NewActivity(kind, members, fresh, newTotal, refUnits, rate, rateExplanation, year, p, eligibleNew, newParts, missing);

        long newPaid = 0;
        decimal eligibleTotal = 0m;
        for (var i = 0; i < n; i++)
        {
            var s = members[i];
            eligibleTotal += eligibleNew[i];
            if (newParts[i].IsComputable) newPaid += newParts[i].Cents;
            var baseExplanation = new Explanation(RuleIds.BtBase, "base = r × min(u, ref_units)", exactBase[i], "cents",
                [new("u", s.Units, "units"), new("ref_units", s.ReferenceUnits, "units"), new("existing", existing[i], "units"),
                 new("ref_amount", s.ReferenceAmountCents, "cents")],
                null, Rounding.LargestRemainderInGroup, BaseDecisions, [rateExplanation]);
            output.Add(new BonusTerritoireStructureResult
            {
                StructureId = s.StructureId,
                CollectivityId = collectivity,
                Kind = kind,
                ReferenceAmountCents = s.ReferenceAmountCents,
                ReferenceUnits = s.ReferenceUnits,
                Units = s.Units,
                ExistingUnits = existing[i],
                NewUnits = fresh[i],
                EligibleNewUnits = eligibleNew[i],
                BasePart = Amount.Computed(baseCents[i], baseExplanation),
                NewPart = newParts[i],
            });
        }

        return new BonusTerritoireGroupResult
        {
            CollectivityId = collectivity,
            Kind = kind,
            EnvelopeCents = envelope,
            ReferenceUnits = refUnits,
            Units = units,
            ExistingUnits = existingTotal,
            NewUnits = newTotal,
            EligibleNewUnits = eligibleTotal,
            RawUnitRateCents = rawRate,
            RevaluationFactor = revaluation,
            FloorCents = floorCents,
            FloorBinding = floorBinding,
            UnitRateCents = rate,
            UnitRateExplanation = rateExplanation,
            BasePaidCents = roundedSum,
            NewPaidCents = newPaid,
            LowerActivityCents = rawRate * (existingTotal - refUnits),
            RevaluationCents = (revaluedRate - rawRate) * existingTotal,
            FloorEffectCents = (rate - revaluedRate) * existingTotal,
            RoundingCents = roundedSum - exactSum,
            EqualActivity = equalActivity,
            NotComputable = missing,
            StructureIds = members.Select(m => m.StructureId).ToArray(),
        };
    }

    /// <summary>
    /// Round the exact sum to the cent (half away from zero), give each part its truncated cents, then
    /// one cent each to the largest fractional remainders until the sum is reached (ties: smaller id, ordinal).
    /// </summary>
    private static long[] LargestRemainder(decimal[] exact, decimal exactSum, List<BonusTerritoireStructure> members, out long target)
    {
        var n = exact.Length;
        var cents = new long[n];
        target = Money.RoundCents(exactSum);
        long truncatedSum = 0;
        for (var i = 0; i < n; i++)
        {
            cents[i] = (long)decimal.Truncate(exact[i]);
            truncatedSum += cents[i];
        }
        var remaining = target - truncatedSum;
        if (remaining == 0) return cents;
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        // Largest fractional remainder first; equal remainders: smaller id (ordinal) first.
        Array.Sort(order, (a, b) =>
        {
            var c = (exact[b] - decimal.Truncate(exact[b])).CompareTo(exact[a] - decimal.Truncate(exact[a]));
            return c != 0 ? c : string.CompareOrdinal(members[a].StructureId, members[b].StructureId);
        });
        if (remaining > 0)
        {
            for (var k = 0; k < remaining; k++) cents[order[k % n]]++;
        }
        else
        {
            // Only reachable if a part's 28-digit quotient rounded up onto a whole cent: take the cent back
            // from the smallest remainders, never below zero, so the group's sum stays exact.
            for (var k = n - 1; remaining < 0 && k >= 0; k--)
                if (cents[order[k]] > 0) { cents[order[k]]--; remaining++; }
        }
        return cents;
    }

    private static void NewActivity(BonusTerritoireKind kind, List<BonusTerritoireStructure> members, decimal[] fresh, decimal newTotal,
        decimal refUnits, decimal rate, Explanation rateExplanation, int year, ParameterSet p,
        decimal[] eligible, Amount[] parts, List<NotComputable> missing)
    {
        var n = members.Count;
        switch (kind)
        {
            case BonusTerritoireKind.Eaje:
                for (var i = 0; i < n; i++)
                {
                    eligible[i] = fresh[i];
                    parts[i] = fresh[i] == 0m ? NoNewActivity(members[i]) : EajeNewPlaces(members[i], fresh[i], year, p, missing);
                }
                return;
            case BonusTerritoireKind.Alsh or BonusTerritoireKind.Jeunes:
                if (newTotal == 0m)
                {
                    for (var i = 0; i < n; i++) parts[i] = NoNewActivity(members[i]);
                    return;
                }
                if (!p.TryResolve(K.BtCapHeuresNouvelles, year, out var cap))
                {
                    var nc = new NotComputable(RuleIds.BtNewActivity, K.BtCapHeuresNouvelles, year);
                    missing.Add(nc);
                    for (var i = 0; i < n; i++)
                        parts[i] = fresh[i] == 0m ? NoNewActivity(members[i]) : Amount.NotComputable(RuleIds.BtNewActivity, K.BtCapHeuresNouvelles, year);
                    return;
                }
                var capacity = cap.Scalar * refUnits;
                var scaled = newTotal > capacity;
                var decisions = kind == BonusTerritoireKind.Jeunes ? NewJeunesDecisions : NewHoursDecisions;
                for (var i = 0; i < n; i++)
                {
                    if (fresh[i] == 0m) { parts[i] = NoNewActivity(members[i]); continue; }
                    eligible[i] = scaled ? fresh[i] * capacity / newTotal : fresh[i];
                    var exact = eligible[i] * rate;
                    parts[i] = Amount.Computed(Money.RoundCents(exact), new Explanation(RuleIds.BtNewActivity,
                        scaled ? "new part = new hours × (cap × U) / Σ group new hours × r" : "new part = new hours × r (group within cap × U)",
                        exact, "cents",
                        [new("new hours", fresh[i], "h"), new("group new hours", newTotal, "h"), new("cap × U", capacity, "h"),
                         new("eligible new hours", eligible[i], "h")],
                        [cap], Rounding.ToCentHalfAwayFromZero, decisions, [rateExplanation]));
                }
                return;
            default: // RPE, LAEP
                for (var i = 0; i < n; i++)
                {
                    eligible[i] = fresh[i];
                    if (fresh[i] == 0m) { parts[i] = NoNewActivity(members[i]); continue; }
                    var exact = fresh[i] * rate;
                    parts[i] = Amount.Computed(Money.RoundCents(exact), new Explanation(RuleIds.BtNewActivity, "new part = new units × r",
                        exact, "cents", [new("new units", fresh[i], "units")], null, Rounding.ToCentHalfAwayFromZero,
                        NewRpeLaepDecisions, [rateExplanation]));
                }
                return;
        }
    }

    private static Amount EajeNewPlaces(BonusTerritoireStructure s, decimal newPlaces, int year, ParameterSet p, List<NotComputable> missing)
    {
        ParameterValue amountValue;
        decimal perPlace;
        string formula;
        if (s.QpvOrZrr)
        {
            if (!p.TryResolve(K.BtNouvellesPlacesMaximum, year, out amountValue))
                return Missing(RuleIds.BtNewActivity, K.BtNouvellesPlacesMaximum, year, missing);
            perPlace = amountValue.Scalar;
            formula = "new part = new places × maximum amount (QPV or ZRR)";
        }
        else
        {
            if (!p.TryResolve(K.BtNouvellesPlacesStrates, year, out amountValue))
                return Missing(RuleIds.BtNewActivity, K.BtNouvellesPlacesStrates, year, missing);
            var stratum = s.WealthStratum!.Value;
            decimal? found = null;
            foreach (var b in amountValue.Brackets!)
                if (b.Threshold == stratum) found = b.Amount;
            if (found is null)
                return Missing(RuleIds.BtNewActivity, K.BtNouvellesPlacesStrates + "[" + stratum + "]", year, missing);
            perPlace = found.Value;
            formula = "new part = new places × amount of the territory's wealth stratum";
        }
        var exact = newPlaces * perPlace * 100m;
        return Amount.Computed(Money.RoundCents(exact), new Explanation(RuleIds.BtNewActivity, formula, exact, "cents",
            [new("new places", newPlaces, "places"), new("amount per place", perPlace, "EUR/place"), new("wealth stratum", s.WealthStratum ?? 0, "stratum")],
            [amountValue], Rounding.ToCentHalfAwayFromZero));
    }

    private static Amount Missing(string rule, string key, int year, List<NotComputable> missing)
    {
        var a = Amount.NotComputable(rule, key, year);
        missing.Add(a.Missing!);
        return a;
    }

    private static readonly Explanation NoNewExplanation = new(RuleIds.BtNewActivity, "u ≤ ref_units → no new activity", 0m, "cents");

    private static Amount NoNewActivity(BonusTerritoireStructure _) => Amount.Computed(0, NoNewExplanation);
}
