using System.CommandLine;
using Ctg.Cli.Errors;
using Ctg.Presentation.Formatting;
using Ctg.Cli.Identity;
using Ctg.Cli.Platform;
using Spectre.Console;

namespace Ctg.Cli.Commands;

/// <summary><c>ctg login</c>, <c>ctg logout</c>, <c>ctg whoami</c>: the session every other command uses.</summary>
public static class SessionCommands
{
    public const string PasswordVariable = "CTG_MOT_DE_PASSE";

    public static Command Login(CliContext context, EndpointOptions endpointOptions)
    {
        var user = new Option<string?>("--utilisateur") { Description = "Identifiant (par exemple financier) ; demandé s'il manque et que le terminal le permet" };
        var password = new Option<string?>("--mot-de-passe")
        {
            Description = $"Mot de passe ; sinon la variable {PasswordVariable}, sinon demandé au terminal (à préférer : il n'apparaît pas dans l'historique)",
        };
        var device = new Option<bool>("--appareil") { Description = "Connexion par code à saisir dans le navigateur (flux « device code »)" };
        var command = new Command("login", "Ouvre une session auprès du fournisseur d'identité ; les commandes suivantes l'utilisent. " +
            "En développement (make run), les comptes de démonstration ont le mot de passe « demo ».") { user, password, device };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var endpoints = endpointOptions.Resolve(parse);
            var cache = TokenCache.ForUser(context.Environment);
            using var client = new OidcTokenClient(endpoints.Identity);
            StoredSession session;
            if (parse.GetValue(device))
            {
                session = await client.DeviceAsync(code =>
                {
                    context.Console.MarkupLineInterpolated($"Ouvrez [bold]{code.VerificationUriComplete ?? code.VerificationUri}[/] et saisissez le code [bold]{code.UserCode}[/].");
                    context.Console.MarkupLine("En attente de la confirmation…");
                    return Task.CompletedTask;
                }, cancellationToken);
            }
            else
            {
                var login = parse.GetValue(user) ?? Ask(context, "Identifiant :", secret: false);
                var secret = parse.GetValue(password) ?? context.Environment(PasswordVariable) ?? Ask(context, "Mot de passe :", secret: true);
                session = await client.PasswordAsync(login, secret, cancellationToken);
            }

            cache.Save(session);
            var claims = AccessTokenClaims.Read(session.AccessToken);
            context.Console.MarkupLineInterpolated($"Connecté en tant que {claims.Name} ({claims.Subject}) : {RoleLabels(claims.Roles)}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Logout(CliContext context)
    {
        var command = new Command("logout", "Ferme la session : supprime les jetons enregistrés dans le profil de l'utilisateur.");
        command.SetAction(_ =>
        {
            var removed = TokenCache.ForUser(context.Environment).Delete();
            context.Console.MarkupLine(removed ? "Session fermée." : "Aucune session ouverte.");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command WhoAmI(CliContext context)
    {
        var command = new Command("whoami", "Affiche l'utilisateur de la session, ses rôles, sa Caf ou ses gestionnaires. Code 5 sans session valide.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var cache = TokenCache.ForUser(context.Environment);
            var session = cache.Load() ?? throw new CliException(ExitCodes.PreconditionFailed, "Aucune session : lancez ctg login.");
            var token = await new SessionTokens(cache).AccessTokenAsync(cancellationToken);
            session = cache.Load() ?? session;
            if (token is null || session.ExpiresAt <= DateTimeOffset.UtcNow)
            {
                throw new CliException(ExitCodes.PreconditionFailed, "Session expirée : relancez ctg login.");
            }

            var claims = AccessTokenClaims.Read(session.AccessToken);
            context.Console.MarkupLineInterpolated($"Utilisateur : {claims.Name} ({claims.Subject})");
            context.Console.MarkupLineInterpolated($"Rôles : {RoleLabels(claims.Roles)}");
            if (claims.Cafs.Count > 0) context.Console.MarkupLineInterpolated($"Caf : {string.Join(", ", claims.Cafs)}");
            if (claims.Gestionnaires.Count > 0) context.Console.MarkupLineInterpolated($"Gestionnaires : {string.Join(", ", claims.Gestionnaires)}");
            context.Console.MarkupLineInterpolated($"Fournisseur d'identité : {session.Issuer}");
            context.Console.MarkupLineInterpolated($"Jeton valable jusqu'au {session.ExpiresAt.ToLocalTime().ToString("dd/MM/yyyy 'à' HH:mm", French.Culture)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The role names a person reads (the same labels as CtgRoles.FrenchLabel on the service side).</summary>
    public static string RoleLabels(IReadOnlyList<string> roles) => roles.Count == 0 ? "aucun rôle" : string.Join(", ", roles.Select(role => role switch
    {
        "ctg.finance_officer" => "gestionnaire financier de la CAF",
        "ctg.approver" => "ordonnateur",
        "ctg.structure_manager" => "gestionnaire de structure",
        "ctg.auditor" => "auditeur",
        "ctg.admin" => "administrateur",
        _ => role,
    }));

    private static string Ask(CliContext context, string prompt, bool secret)
    {
        if (!context.InteractiveInput)
        {
            throw new CliException(ExitCodes.Usage,
                $"ctg login sans terminal : donnez --utilisateur et le mot de passe (--mot-de-passe ou la variable {PasswordVariable}).");
        }

        var question = new TextPrompt<string>(prompt);
        return context.Console.Prompt(secret ? question.Secret() : question);
    }
}
