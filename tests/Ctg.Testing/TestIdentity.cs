using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Ctg.DevIdentity;
using Ctg.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;

namespace Ctg.Testing;

/// <summary>
/// One real development identity provider (Ctg.DevIdentity, in-process on a free loopback port) per test
/// assembly. Services under test validate its tokens; channels log in through it with the password grant
/// (users: the demo users of appsettings.Development.json plus the test users below) or the client
/// credentials grant.
/// </summary>
public sealed class TestIdentity
{
    /// <summary>The default caller of test channels: every staff role, no CAF restriction.</summary>
    public const string StaffUser = "test-staff";

    /// <summary>A second staff member, for four-eyes tests (the approver must not be the requester).</summary>
    public const string SecondStaffUser = "test-staff-2";

    /// <summary>A structure manager of the CC Jura Nord structures only (claim ctg_gestionnaire), no staff role.</summary>
    public const string ManagerUser = "test-manager-jura-nord";

    /// <summary>The gestionnaire <see cref="ManagerUser"/> manages, as the structures registry names it.</summary>
    public const string ManagerGestionnaire = "Communauté de communes Jura Nord";

    /// <summary>A finance officer and approver of the CAF du Doubs (ctg_caf 25): restricted to that CAF's conventions and structures.</summary>
    public const string Caf25StaffUser = "test-staff-caf-25";

    public const string Password = "test-password";

    public const string CliClient = "ctg-cli";

    private static readonly Lazy<TestIdentity> Instance = new(() => Task.Run(StartAsync).GetAwaiter().GetResult());

    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);
    private readonly HttpClient _http;

    private TestIdentity(WebApplication app, Uri issuer)
    {
        App = app;
        Issuer = issuer;
        _http = new HttpClient { BaseAddress = issuer, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Started on first use, stopped with the test process.</summary>
    public static TestIdentity Shared => Instance.Value;

    public WebApplication App { get; }

    /// <summary>The issuer URL, which services take as Authentication:Authority.</summary>
    public Uri Issuer { get; }

    public string Authority => Issuer.ToString();

    /// <summary>The settings a service needs to accept this provider's tokens.</summary>
    public IReadOnlyDictionary<string, string> ServiceSettings => new Dictionary<string, string>
    {
        ["Authentication:Authority"] = Authority,
        ["Authentication:RequireHttpsMetadata"] = "false",
    };

    /// <summary>The same settings as command-line arguments for a service started as a process.</summary>
    public IEnumerable<string> ServiceArguments => ServiceSettings.Select(kv => $"--{kv.Key}={kv.Value}").Append("--environment=Development");

    /// <summary>An access token for <paramref name="login"/> (password grant with the ctg-cli client), cached until shortly before expiry.</summary>
    public async Task<string> AccessTokenAsync(string login = StaffUser, CancellationToken cancellationToken = default)
    {
        if (_tokens.TryGetValue(login, out var cached) && cached.Expires > DateTimeOffset.UtcNow.AddMinutes(2))
        {
            return cached.Token;
        }

        var password = login.StartsWith("test-", StringComparison.Ordinal) ? Password : "demo";
        var response = await RequestTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = CliClient,
            ["username"] = login,
            ["password"] = password,
            ["scope"] = "openid profile roles",
        }, cancellationToken);
        _tokens[login] = (response.AccessToken, DateTimeOffset.UtcNow.AddSeconds(response.ExpiresIn));
        return response.AccessToken;
    }

    /// <summary>A partner system's token (client credentials), not cached.</summary>
    public async Task<string> ClientCredentialsTokenAsync(string clientId, string secret, string? scope = null, CancellationToken cancellationToken = default)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return (await RequestTokenAsync(form, cancellationToken)).AccessToken;
    }

    private async Task<TokenResponse> RequestTokenAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync("connect/token", new FormUrlEncodedContent(form), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The test identity provider refused a token ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
            ?? throw new InvalidOperationException("Empty token response.");
    }

    private static async Task<TestIdentity> StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var issuer = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/");
            var staffRoles = new[] { CtgRoles.FinanceOfficer, CtgRoles.Approver, CtgRoles.Auditor, CtgRoles.Administrator };
            var args = new List<string>
            {
                "--environment=Development",
                $"--DevIdentity:Issuer={issuer}",
                "--Logging:LogLevel:Default=Warning",
            };
            foreach (var (login, name) in new[] { (StaffUser, "Équipe de test"), (SecondStaffUser, "Seconde équipe de test") })
            {
                args.Add($"--DevIdentity:Users:{login}:Password={Password}");
                args.Add($"--DevIdentity:Users:{login}:Name={name}");
                args.AddRange(staffRoles.Select((role, i) => $"--DevIdentity:Users:{login}:Roles:{i}={role}"));
            }

            args.Add($"--DevIdentity:Users:{ManagerUser}:Password={Password}");
            args.Add($"--DevIdentity:Users:{ManagerUser}:Name=Gestionnaire de test Jura Nord");
            args.Add($"--DevIdentity:Users:{ManagerUser}:Roles:0={CtgRoles.StructureManager}");
            args.Add($"--DevIdentity:Users:{ManagerUser}:Gestionnaires:0={ManagerGestionnaire}");
            args.Add($"--DevIdentity:Users:{Caf25StaffUser}:Password={Password}");
            args.Add($"--DevIdentity:Users:{Caf25StaffUser}:Name=Équipe de test CAF du Doubs");
            args.Add($"--DevIdentity:Users:{Caf25StaffUser}:Roles:0={CtgRoles.FinanceOfficer}");
            args.Add($"--DevIdentity:Users:{Caf25StaffUser}:Roles:1={CtgRoles.Approver}");
            args.Add($"--DevIdentity:Users:{Caf25StaffUser}:Cafs:0=25");

            var app = DevIdentityApp.Build([.. args]);
            try
            {
                await app.StartAsync();
                return new TestIdentity(app, issuer);
            }
            catch (IOException exception) when (attempt < 5 && exception.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                await app.DisposeAsync();
            }
        }
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
