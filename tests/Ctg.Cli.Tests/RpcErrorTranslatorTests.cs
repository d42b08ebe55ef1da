using Ctg.Cli.Errors;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Ctg.Cli.Tests;

public sealed class RpcErrorTranslatorTests
{
    private static RpcException WithViolations(Code code, string message, params (string Field, string Description)[] violations)
    {
        var badRequest = new BadRequest();
        foreach (var (field, description) in violations)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
        }
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        status.Details.Add(Any.Pack(badRequest));
        return status.ToRpcException();
    }

    [Fact]
    public void Invalid_argument_is_exit_2_with_every_field_violation_in_french()
    {
        var failure = RpcErrorTranslator.Translate(
            WithViolations(Code.InvalidArgument, "2 error(s)", ("line 3: commune_insee", "must be 5 characters."), ("details.name", "is required.")),
            ServiceCall.Structures);

        Assert.Equal(ExitCodes.Validation, failure.ExitCode);
        Assert.StartsWith("Le service des structures a refusé les données : 2 champs sont en erreur", failure.Message);
        Assert.Equal(
            ["ligne 3, champ « commune_insee » : must be 5 characters.", "champ « details.name » : is required."],
            failure.Details);
    }

    [Theory]
    [InlineData(StatusCode.NotFound, ExitCodes.NotFound)]
    [InlineData(StatusCode.FailedPrecondition, ExitCodes.PreconditionFailed)]
    [InlineData(StatusCode.Aborted, ExitCodes.PreconditionFailed)]
    [InlineData(StatusCode.AlreadyExists, ExitCodes.Validation)]
    [InlineData(StatusCode.Unavailable, ExitCodes.ServiceUnavailable)]
    [InlineData(StatusCode.DeadlineExceeded, ExitCodes.ServiceUnavailable)]
    [InlineData(StatusCode.Internal, ExitCodes.Internal)]
    [InlineData(StatusCode.Unknown, ExitCodes.Internal)]
    public void Status_codes_map_to_documented_exit_codes(StatusCode code, int exitCode)
    {
        var failure = RpcErrorTranslator.Translate(new RpcException(new Grpc.Core.Status(code, "detail")), ServiceCall.Funding);
        Assert.Equal(exitCode, failure.ExitCode);
        Assert.Contains("service des financements", failure.Message);
        Assert.Empty(failure.Details);
    }

    [Fact]
    public void Unavailable_says_how_to_start_the_platform()
    {
        var failure = RpcErrorTranslator.Translate(new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "")), ServiceCall.Signatories);
        Assert.Equal("Le service des signataires ne répond pas. Vérifiez qu'il est démarré (make run) et l'adresse utilisée (ctg status).", failure.Message);
    }

    [Fact]
    public void Malformed_details_trailer_keeps_the_status()
    {
        var trailers = new Metadata { { "grpc-status-details-bin", new byte[] { 0xFF, 0x01, 0x02 } } };
        var failure = RpcErrorTranslator.Translate(new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, "bad"), trailers), ServiceCall.Structures);
        Assert.Equal(ExitCodes.Validation, failure.ExitCode);
        Assert.Empty(failure.Details);
    }
}
