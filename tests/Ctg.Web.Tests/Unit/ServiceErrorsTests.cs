using System.Security.Claims;
using Ctg.ServiceDefaults;
using Ctg.Web.Errors;
using Ctg.Web.Formatting;
using Ctg.Presentation.Explanations;
using Ctg.Web.Security;
using Grpc.Core;

namespace Ctg.Web.Tests.Unit;

public sealed class ServiceErrorsTests
{
    [Fact]
    public void A_service_down_reads_as_a_French_503_naming_the_service()
    {
        var e = new RpcException(new Status(StatusCode.Unavailable, "connection refused"));
        e.Data[ServiceErrors.ServiceKey] = "ctg.funding.v1.AllocationRuns";
        var error = ServiceErrors.Describe(e);
        Assert.Equal(503, error.StatusCode);
        Assert.Equal("Service indisponible", error.Title);
        Assert.Equal("Le service des financements ne répond pas pour le moment. Réessayez dans quelques minutes ; si cela dure, prévenez l'équipe d'exploitation.", error.Message);
        Assert.Null(error.ServiceMessage);
    }

    [Fact]
    public void A_refusal_quotes_the_service_reason()
    {
        var e = new RpcException(new Status(StatusCode.PermissionDenied, "the requester of a run cannot approve it"));
        e.Data[ServiceErrors.ServiceKey] = "ctg.funding.v1.AllocationRuns";
        var error = ServiceErrors.Describe(e);
        Assert.Equal(403, error.StatusCode);
        Assert.Equal("Vos droits ne permettent pas cette opération : le service des financements l'a refusée.", error.Message);
        Assert.Equal("the requester of a run cannot approve it", error.ServiceMessage);
    }

    [Fact]
    public void Field_violations_are_read_from_the_status_details()
    {
        var e = RpcErrors.InvalidArgument("bad figures", ("figures.hours_attended", "must not be negative."));
        var violation = Assert.Single(ServiceErrors.FieldViolations(e));
        Assert.Equal("figures.hours_attended", violation.Field);
        Assert.Equal("must not be negative.", violation.Description);
        Assert.Equal(400, ServiceErrors.Describe(e).StatusCode);
    }

    [Fact]
    public void A_structure_manager_goes_to_their_space_with_their_gestionnaire()
    {
        var user = WebUser.From(new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim("sub", "gestionnaire"), new Claim("name", "Marc Petit"), new Claim("role", "ctg.structure_manager"),
            new Claim("ctg_gestionnaire", "Communauté de communes Jura Nord"),
        ], "test")));
        Assert.True(user.IsStructureManager);
        Assert.False(user.IsCafStaff);
        Assert.Equal("/gestionnaire", user.HomePath);
        Assert.Equal("Communauté de communes Jura Nord", user.Gestionnaire);
        Assert.Equal("gestionnaire de structure", user.RolesText);
    }

    [Fact]
    public void An_approver_of_a_caf_sees_that_caf_and_goes_to_the_financial_space()
    {
        var user = WebUser.From(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", "ordonnateur"), new Claim("role", "ctg.approver"), new Claim("ctg_caf", "39")], "test")));
        Assert.True(user.IsApprover);
        Assert.False(user.IsFinanceOfficer);
        Assert.Equal("39", user.Caf);
        Assert.Equal("/financier", user.HomePath);
    }

    [Fact]
    public void Not_computable_is_said_with_its_parameter_and_year() =>
        Assert.Equal("non calculable : PSU, prix plafond (psu.prix_plafond) absent pour 2031",
            ExplanationText.NotComputable(new Ctg.Funding.V1.NotComputable { RuleId = "PSU", ParameterKey = "psu.prix_plafond", Year = 2031 }));

    [Fact]
    public void Enumerations_read_in_French() =>
        Assert.Equal(["Établissement d'accueil du jeune enfant (PSU)", "en cours", "indu à récupérer", "Bonus territoire : part de base"],
            [WebLabels.StructureKind(Ctg.Structures.V1.StructureKind.EajePsu), WebLabels.ConventionStatus(Ctg.Signatories.V1.ConventionStatus.Active),
             WebLabels.PaymentKind(Ctg.Funding.V1.PaymentKind.Indu), FrenchExplanationText.Rule("BONUS_TERRITOIRE.BASE")]);
}
