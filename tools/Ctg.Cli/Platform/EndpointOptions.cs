using System.CommandLine;

namespace Ctg.Cli.Platform;

/// <summary>The --xxx-url options, recursive so that every command accepts them.</summary>
public sealed class EndpointOptions
{
    private readonly Dictionary<string, Option<Uri>> _options = [];

    public EndpointOptions(Func<string, string?> environment)
    {
        _environment = environment;
        foreach (var setting in Endpoints.Settings)
        {
            _options[setting.Name] = new Option<Uri>(setting.Option)
            {
                Description = $"Adresse du {setting.FrenchDescription} ; par défaut la variable {setting.EnvironmentVariable}, sinon {setting.Default}",
                Recursive = true,
                CustomParser = result =>
                {
                    var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : setting.DefaultFrom(environment);
                    if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                    {
                        return uri;
                    }
                    result.AddError($"L'option {setting.Option} attend une adresse http:// ou https://, par exemple {setting.Default} ; reçu « {text} ».");
                    return null;
                },
            };
        }
    }

    public IEnumerable<Option> All => _options.Values;

    private readonly Func<string, string?> _environment;

    public Endpoints Resolve(ParseResult parse)
    {
        Uri Get(string name) => parse.GetValue(_options[name])
            ?? new Uri(Endpoints.Settings.Single(s => s.Name == name).DefaultFrom(_environment));
        return new Endpoints(Get("signatories"), Get("structures"), Get("funding"), Get("reporting"), Get("bus"), Get("identity"));
    }
}
