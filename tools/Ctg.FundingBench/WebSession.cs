using System.Net;
using System.Text.RegularExpressions;

namespace Ctg.FundingBench;

/// <summary>
/// A person's browser reduced to what the web application's sign-in needs: cookies, redirects and forms. It
/// signs in through the real OIDC flow (authorization code + PKCE, started by the web application) at the
/// development provider's login form, antiforgery token included, then requests pages with the session cookie.
/// The cookie jar is by name for 127.0.0.1 (the web and the provider differ only by port, and cookies ignore
/// ports); it sends Secure cookies over http as browsers do for loopback addresses.
/// </summary>
public sealed partial class WebSession : IDisposable
{
    private readonly HttpClient _http;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public WebSession()
    {
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public async Task SignInAsync(Uri web, string login, string password)
    {
        var (url, html) = await FollowAsync(HttpMethod.Get, new Uri(web, "/connexion?retour=/"), null);
        var form = Form(html, "/account/login")
                   ?? throw new InvalidOperationException($"Pas de formulaire de connexion à {url} :\n{html[..Math.Min(html.Length, 500)]}");
        form.Fields["login"] = login;
        form.Fields["password"] = password;
        (url, html) = await FollowAsync(HttpMethod.Post, new Uri(url, form.Action), form.Fields);
        // A provider answering with response_mode=form_post gives an auto-submitted form instead of a redirect.
        for (var i = 0; i < 3 && Form(html, null) is { } post && !url.AbsolutePath.StartsWith("/account", StringComparison.Ordinal)
                                                                  && post.Action.Contains("signin-oidc", StringComparison.Ordinal); i++)
        {
            (url, html) = await FollowAsync(HttpMethod.Post, new Uri(url, post.Action), post.Fields);
        }

        if (!url.ToString().StartsWith(web.ToString(), StringComparison.Ordinal) || !_cookies.ContainsKey("ctg.session"))
        {
            throw new InvalidOperationException($"La connexion de {login} n'aboutit pas (arrivé à {url}).");
        }
    }

    /// <summary>GET of a page of the web application; the status and the body's length (what was rendered).</summary>
    public async Task<(HttpStatusCode Status, int Length)> GetAsync(Uri url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        AddCookies(request);
        using var response = await _http.SendAsync(request);
        KeepCookies(response);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body.Length);
    }

    private async Task<(Uri Url, string Html)> FollowAsync(HttpMethod method, Uri url, Dictionary<string, string>? form)
    {
        for (var hop = 0; hop < 20; hop++)
        {
            using var request = new HttpRequestMessage(method, url);
            if (form is not null) request.Content = new FormUrlEncodedContent(form);
            AddCookies(request);
            using var response = await _http.SendAsync(request);
            KeepCookies(response);
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                url = location.IsAbsoluteUri ? location : new Uri(url, location);
                (method, form) = (HttpMethod.Get, null);
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{(int)response.StatusCode} à {url} :\n{html[..Math.Min(html.Length, 500)]}");
            }

            return (url, html);
        }

        throw new InvalidOperationException($"Trop de redirections à partir de {url}.");
    }

    private void AddCookies(HttpRequestMessage request)
    {
        if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
    }

    private void KeepCookies(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values)) return;
        foreach (var header in values)
        {
            var parts = header.Split(';', StringSplitOptions.TrimEntries);
            var eq = parts[0].IndexOf('=');
            if (eq <= 0) continue;
            var (name, value) = (parts[0][..eq], parts[0][(eq + 1)..]);
            var expired = parts.Skip(1).Any(p => p.StartsWith("expires=", StringComparison.OrdinalIgnoreCase)
                                                 && DateTimeOffset.TryParse(p[8..], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
                                                 && at < DateTimeOffset.UtcNow);
            if (value.Length == 0 || expired) _cookies.Remove(name);
            else _cookies[name] = value;
        }
    }

    private sealed record HtmlForm(string Action, Dictionary<string, string> Fields);

    /// <summary>The first POST form (whose action contains <paramref name="action"/> when given) and its inputs' values.</summary>
    private static HtmlForm? Form(string html, string? action)
    {
        foreach (Match form in FormPattern().Matches(html))
        {
            var attributes = form.Groups["attrs"].Value;
            if (!Attribute(attributes, "method").Equals("post", StringComparison.OrdinalIgnoreCase)) continue;
            var target = WebUtility.HtmlDecode(Attribute(attributes, "action"));
            if (action is not null && !target.Contains(action, StringComparison.Ordinal)) continue;
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match input in InputPattern().Matches(form.Groups["body"].Value))
            {
                var name = Attribute(input.Groups["attrs"].Value, "name");
                if (name.Length > 0) fields[WebUtility.HtmlDecode(name)] = WebUtility.HtmlDecode(Attribute(input.Groups["attrs"].Value, "value"));
            }

            return new HtmlForm(target, fields);
        }

        return null;
    }

    private static string Attribute(string attributes, string name)
    {
        var match = Regex.Match(attributes, $"""(?:^|\s){name}\s*=\s*(?:"(?<v>[^"]*)"|'(?<v>[^']*)')""", RegexOptions.IgnoreCase);
        return match.Success ? match.Groups["v"].Value : "";
    }

    [GeneratedRegex("""<form(?<attrs>[^>]*)>(?<body>.*?)</form>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormPattern();

    [GeneratedRegex("""<input(?<attrs>[^>]*)>""", RegexOptions.IgnoreCase)]
    private static partial Regex InputPattern();

    public void Dispose() => _http.Dispose();
}
