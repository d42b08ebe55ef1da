using System.Text.RegularExpressions;
using Google.Rpc;
using Ctg.Presentation.Errors;
using Grpc.Core;

namespace Ctg.Cli.Errors;

/// <summary>
/// Turns a gRPC failure into a French sentence, the fields at fault (google.rpc.BadRequest field
/// violations carried in the grpc-status-details-bin trailer) and an exit code a script can test.
/// The services' own messages are in English (they are API errors); the CLI says in French what
/// happened and quotes them.
/// </summary>
public static partial class RpcErrorTranslator
{
    public static CliException Translate(RpcException exception, string serviceFrenchName)
    {
        var violations = FieldViolations(exception);
        var details = violations.Select(v => DescribeViolation(v.Field, v.Description)).ToList();
        var serviceMessage = string.IsNullOrWhiteSpace(exception.Status.Detail) ? "" : $" (message du service : {exception.Status.Detail})";

        return exception.StatusCode switch
        {
            StatusCode.InvalidArgument => new CliException(ExitCodes.Validation,
                $"Le {serviceFrenchName} a refusé les données : {Count(details.Count, "champ est en erreur", "champs sont en erreur")}{serviceMessage}.", details),
            StatusCode.AlreadyExists => new CliException(ExitCodes.Validation,
                $"Le {serviceFrenchName} indique que l'élément existe déjà{serviceMessage}.", details),
            StatusCode.OutOfRange => new CliException(ExitCodes.Validation,
                $"Le {serviceFrenchName} a refusé une valeur hors des limites{serviceMessage}.", details),
            StatusCode.NotFound => new CliException(ExitCodes.NotFound,
                $"Le {serviceFrenchName} ne trouve pas l'élément demandé{serviceMessage}.", details),
            StatusCode.FailedPrecondition => new CliException(ExitCodes.PreconditionFailed,
                $"Le {serviceFrenchName} refuse l'opération : une condition préalable n'est pas remplie{serviceMessage}.", details),
            StatusCode.Aborted => new CliException(ExitCodes.PreconditionFailed,
                $"Le {serviceFrenchName} a refusé l'opération car les données ont été modifiées entre-temps ; relancez la commande{serviceMessage}.", details),
            StatusCode.Unavailable or StatusCode.DeadlineExceeded => new CliException(ExitCodes.ServiceUnavailable,
                $"Le {serviceFrenchName} ne répond pas. Vérifiez qu'il est démarré (make run) et l'adresse utilisée (ctg status){serviceMessage}.", details),
            StatusCode.Unimplemented => new CliException(ExitCodes.ServiceUnavailable,
                $"Le {serviceFrenchName} ne propose pas cette opération : sa version est différente de celle de ctg{serviceMessage}.", details),
            StatusCode.Unauthenticated => new CliException(ExitCodes.PreconditionFailed,
                "Session expirée : relancez ctg login.", details),
            StatusCode.PermissionDenied => new CliException(ExitCodes.PreconditionFailed,
                $"Droits insuffisants : le {serviceFrenchName} refuse cette opération à votre profil{serviceMessage}.", details),
            _ => new CliException(ExitCodes.Internal,
                $"Erreur interne du {serviceFrenchName} ({exception.StatusCode}){serviceMessage}.", details),
        };
    }

    public static IReadOnlyList<BadRequest.Types.FieldViolation> FieldViolations(RpcException exception) => RpcFieldViolations.Of(exception);

    /// <summary>"line 12: commune_insee" → "ligne 12, champ « commune_insee » : …"; "details.name" → "champ « details.name » : …".</summary>
    public static string DescribeViolation(string field, string description)
    {
        var line = LinePrefix().Match(field);
        var text = string.IsNullOrWhiteSpace(description) ? "valeur refusée" : description;
        return line.Success
            ? $"ligne {line.Groups["line"].Value}, champ « {line.Groups["field"].Value} » : {text}"
            : $"champ « {field} » : {text}";
    }

    private static string Count(int n, string singular, string plural) =>
        n == 0 ? "aucun champ précisé" : n == 1 ? $"1 {singular}" : $"{n} {plural}";

    [GeneratedRegex(@"^\s*line\s+(?<line>\d+)\s*[:,]\s*(?<field>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex LinePrefix();
}
