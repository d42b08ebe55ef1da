namespace Ctg.Cli.Platform;

/// <summary>Where the services listen. The defaults are the ports of <c>make run</c> (tools/platform.sh);
/// an environment variable overrides a default and a command-line option overrides both.</summary>
public sealed record Endpoints(Uri Signatories, Uri Structures, Uri Funding, Uri Reporting, Uri Bus, Uri Identity)
{
    public static readonly IReadOnlyList<EndpointSetting> Settings =
    [
        new("signatories", "--signatories-url", "CTG_SIGNATORIES_URL", "http://127.0.0.1:5101", "service des signataires (gRPC)"),
        new("structures", "--structures-url", "CTG_STRUCTURES_URL", "http://127.0.0.1:5102", "service des structures (gRPC)"),
        new("funding", "--funding-url", "CTG_FUNDING_URL", "http://127.0.0.1:5103", "service des financements (gRPC)"),
        new("reporting", "--reporting-url", "CTG_REPORTING_URL", "http://127.0.0.1:5104", "service de restitution (gRPC)"),
        new("bus", "--bus-url", "CTG_BUS_URL", "http://127.0.0.1:3500", "bus d'événements de développement (HTTP)"),
        new("identity", "--identity-url", "CTG_IDENTITY_URL", "http://127.0.0.1:5400", "fournisseur d'identité OpenID Connect (ctg login)"),
    ];
}

public sealed record EndpointSetting(string Name, string Option, string EnvironmentVariable, string Default, string FrenchDescription)
{
    public string DefaultFrom(Func<string, string?> environment) =>
        environment(EnvironmentVariable) is { Length: > 0 } value ? value : Default;
}
