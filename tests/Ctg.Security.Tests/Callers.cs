using System.Security.Claims;
using Ctg.ServiceDefaults.Security;
using Ctg.Testing;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Ctg.Security.Tests;

/// <summary>The callers of the matrix: the demo users (password grant), the demo partner (client
/// credentials), and tokens that must never be accepted.</summary>
public static class Callers
{
    public static readonly string[] DemoUsers = ["financier", "ordonnateur", "ordonnateur2", "gestionnaire", "auditeur", "admin"];

    public const string Partner = "partenaire-demo";

    public static Task<string> PartnerTokenAsync() =>
        TestIdentity.Shared.ClientCredentialsTokenAsync(Partner, "partenaire-demo-secret");

    /// <summary>Who the token says the caller is, exactly as a service reads it (claims of the JWT payload).</summary>
    public static CallerIdentity IdentityOf(string token)
    {
        var jwt = new JsonWebTokenHandler().ReadJsonWebToken(token);
        return CallerIdentity.FromPrincipal(new ClaimsPrincipal(new ClaimsIdentity(jwt.Claims, "test", CtgClaims.Name, CtgClaims.Role)));
    }

    public static IReadOnlyList<string> AudiencesOf(string token) => [.. new JsonWebTokenHandler().ReadJsonWebToken(token).Audiences];

    /// <summary>A token signed with the provider's own key but with the given lifetime and audience.</summary>
    public static string Mint(string audience, DateTime expires, SigningCredentials? credentials = null)
    {
        credentials ??= TestIdentity.Shared.App.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.SigningCredentials[0];
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TestIdentity.Shared.Authority,
            Audience = audience,
            IssuedAt = expires.AddHours(-1),
            NotBefore = expires.AddHours(-1),
            Expires = expires,
            SigningCredentials = credentials,
            TokenType = "at+jwt",
            Claims = new Dictionary<string, object>
            {
                [CtgClaims.Subject] = "admin",
                [CtgClaims.Name] = "Luc Moreau",
                [CtgClaims.Role] = CtgRoles.Administrator,
            },
        });
    }

    /// <summary>The same claims signed by a key the provider never published.</summary>
    public static string MintWithForeignKey(string audience) =>
        Mint(audience, DateTime.UtcNow.AddHours(1), new SigningCredentials(new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "foreign" }, SecurityAlgorithms.RsaSha256));

    public static GrpcChannel ChannelWith(Uri address, string token) => TestChannels.WithToken(address, token);
}
