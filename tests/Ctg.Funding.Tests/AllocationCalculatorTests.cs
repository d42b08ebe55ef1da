using Ctg.Funding.Api.Allocation;
using Ctg.Funding.Engine;
using Ctg.Funding.Engine.Parameters.Loading;
using Ctg.Funding.V1;
using Ctg.ServiceDefaults;
using Grpc.Core;

namespace Ctg.Funding.Tests;

/// <summary>
/// The structures service refuses a reference amount with zero reference units when it is recorded, so
/// no real data can reach funding that way; the calculator refuses it too, named by structure id.
/// </summary>
public sealed class AllocationCalculatorTests
{
    [Fact]
    public void A_reference_amount_with_zero_reference_units_is_invalid()
    {
        var inputs = new AllocationInputs { ConventionId = "ctg-x", Year = 2021, DeclarationVersion = Ctg.Structures.V1.DeclarationVersion.Reel };
        inputs.Structures.Add(new AllocationInputStructure
        {
            StructureId = "str-a", Kind = BonusTerritoireKind.Alsh, SupportingCollectivityId = "sig-1",
            ReferenceAmount = new Ctg.Common.V1.Money { Cents = 100000 }, ReferenceUnits = "0", ActivityUnits = "10", Eligible = true,
        });
        // A domain error below the endpoints; the interceptor makes it INVALID_ARGUMENT with this field.
        var e = Assert.Throws<Ctg.Domain.RuleViolationError>(() => new AllocationCalculator().Calculate(inputs, new FundingEngine(ParameterLoader.LoadEmbedded()), "embedded"));
        Assert.Equal("structures[str-a].reference_units", Assert.Single(e.Violations).Field);
    }
}
