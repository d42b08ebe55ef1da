using Google.Rpc;
using Ctg.Presentation.Errors;
using Grpc.Core;

namespace Ctg.Web.Errors;

/// <summary>What a person reads when a service call fails: a French title and sentence and the HTTP status of
/// the page. The services' own messages are English API errors; they are quoted, never shown alone.</summary>
public static class ServiceErrors
{
    public const string ServiceKey = "ctg.service";

    public sealed record PageError(int StatusCode, string Title, string Message, string? ServiceMessage);

    public static string ServiceFrenchName(string? grpcServiceName) => grpcServiceName switch
    {
        null or "" => "le service",
        var s when s.StartsWith("ctg.signatories.", StringComparison.Ordinal) => "le service des conventions (signataires)",
        var s when s.StartsWith("ctg.structures.", StringComparison.Ordinal) => "le service des structures",
        var s when s.StartsWith("ctg.funding.", StringComparison.Ordinal) => "le service des financements",
        var s when s.StartsWith("ctg.reporting.", StringComparison.Ordinal) => "le service de restitution",
        _ => "le service",
    };

    public static PageError Describe(RpcException exception)
    {
        var service = ServiceFrenchName(exception.Data[ServiceKey] as string);
        var quoted = string.IsNullOrWhiteSpace(exception.Status.Detail) ? null : exception.Status.Detail;
        return exception.StatusCode switch
        {
            StatusCode.Unavailable or StatusCode.DeadlineExceeded => new(503, "Service indisponible",
                $"{Capitalize(service)} ne répond pas pour le moment. Réessayez dans quelques minutes ; si cela dure, prévenez l'équipe d'exploitation.", null),
            StatusCode.PermissionDenied => new(403, "Accès refusé",
                $"Vos droits ne permettent pas cette opération : {service} l'a refusée.", quoted),
            StatusCode.Unauthenticated => new(401, "Session expirée",
                "Votre session a expiré : reconnectez-vous.", null),
            StatusCode.NotFound => new(404, "Élément introuvable",
                $"{Capitalize(service)} ne trouve pas l'élément demandé, ou vous n'y avez pas accès.", null),
            StatusCode.InvalidArgument or StatusCode.OutOfRange => new(400, "Données refusées",
                $"{Capitalize(service)} a refusé les données envoyées.", quoted),
            StatusCode.FailedPrecondition => new(409, "Opération impossible",
                $"{Capitalize(service)} refuse l'opération : une condition préalable n'est pas remplie.", quoted),
            StatusCode.Aborted => new(409, "Données modifiées entre-temps",
                "Les données ont été modifiées par quelqu'un d'autre entre-temps : rechargez la page et recommencez.", quoted),
            StatusCode.AlreadyExists => new(409, "Déjà enregistré",
                $"{Capitalize(service)} indique que cet élément existe déjà.", quoted),
            StatusCode.ResourceExhausted => new(413, "Envoi trop volumineux",
                $"{Capitalize(service)} refuse un envoi aussi volumineux.", quoted),
            _ => new(500, "Erreur du service",
                $"{Capitalize(service)} a rencontré une erreur interne. Réessayez plus tard.", null),
        };
    }

    /// <summary>The google.rpc.BadRequest field violations the services attach to INVALID_ARGUMENT.</summary>
    public static IReadOnlyList<BadRequest.Types.FieldViolation> FieldViolations(RpcException exception) => RpcFieldViolations.Of(exception);

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
