using System.Net;

namespace Ctg.DevIdentity;

/// <summary>The French pages a person sees: login and the device-code confirmation. Plain HTML, no script.</summary>
public static class LoginPage
{
    public static string Login(string returnUrl, string antiforgeryField, string antiforgeryToken, string? error, string? login) =>
        Page("Connexion", $"""
            <h1>Connexion à la plateforme CTG</h1>
            <p class="dev">Fournisseur d'identité de développement : les comptes de démonstration n'existent qu'en développement.</p>
            {(error is null ? "" : $"<p class=\"error\" role=\"alert\">{Encode(error)}</p>")}
            <form method="post" action="/account/login">
              <input type="hidden" name="{Encode(antiforgeryField)}" value="{Encode(antiforgeryToken)}">
              <input type="hidden" name="returnUrl" value="{Encode(returnUrl)}">
              <label for="login">Identifiant</label>
              <input id="login" name="login" autocomplete="username" required value="{Encode(login ?? "")}">
              <label for="password">Mot de passe</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required>
              <button type="submit">Se connecter</button>
            </form>
            """);

    public static string Verify(string antiforgeryField, string antiforgeryToken, string? userCode, string? message) =>
        Page("Autoriser un appareil", $"""
            <h1>Autoriser la ligne de commande ctg</h1>
            {(message is null ? "" : $"<p class=\"error\" role=\"alert\">{Encode(message)}</p>")}
            <form method="post" action="/connect/verify">
              <input type="hidden" name="{Encode(antiforgeryField)}" value="{Encode(antiforgeryToken)}">
              <label for="user_code">Code affiché par ctg</label>
              <input id="user_code" name="user_code" required value="{Encode(userCode ?? "")}">
              <button type="submit">Autoriser</button>
            </form>
            """);

    public static string Done(string text) => Page("Terminé", $"<h1>{Encode(text)}</h1><p>Vous pouvez fermer cette page.</p>");

    private static string Encode(string value) => WebUtility.HtmlEncode(value);

    private static string Page(string title, string body) => $$"""
        <!DOCTYPE html>
        <html lang="fr">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{{Encode(title)}} – CTG</title>
          <style>
            body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 3rem auto; padding: 0 1rem; }
            label, input, button { display: block; width: 100%; margin-top: .5rem; }
            input { padding: .4rem; } button { margin-top: 1rem; padding: .5rem; }
            .error { color: #a00; } .dev { color: #555; font-size: .9rem; }
          </style>
        </head>
        <body>
        {{body}}
        </body>
        </html>
        """;
}
