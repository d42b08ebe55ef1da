using System.Text;
using Ctg.Cli.Commands;
using Ctg.Cli.Errors;
using Ctg.Cli.Identity;
using Grpc.Core;

namespace Ctg.Cli.Tests;

/// <summary>The ctg session file and what ctg says about sessions and rights.</summary>
public sealed class SessionTests : IDisposable
{
    private readonly string _config = Directory.CreateTempSubdirectory("ctg-session-").FullName;

    public void Dispose() => Directory.Delete(_config, recursive: true);

    [Fact]
    public void The_session_file_lives_in_the_users_config_directory_and_only_the_user_can_read_it()
    {
        var cache = TokenCache.ForUser(name => name == "XDG_CONFIG_HOME" ? _config : null);
        var session = new StoredSession("http://127.0.0.1:5400/", "ctg-cli", "financier", "a.b.c", "refresh", new DateTimeOffset(2026, 12, 1, 22, 0, 0, TimeSpan.Zero));

        cache.Save(session);

        Assert.Equal(Path.Combine(_config, "ctg", "token.json"), cache.Path);
        Assert.Equal(session, cache.Load());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cache.Path));
        }

        Assert.True(cache.Delete());
        Assert.Null(cache.Load());
        Assert.False(cache.Delete());
    }

    [Fact]
    public void A_damaged_session_file_is_no_session()
    {
        var cache = new TokenCache(Path.Combine(_config, "token.json"));
        File.WriteAllText(cache.Path, "{ pas du json");
        Assert.Null(cache.Load());
    }

    [Fact]
    public void Whoami_reads_the_claims_of_the_access_token_payload()
    {
        var payload = """{"sub":"gestionnaire","name":"Marc Petit","role":"ctg.structure_manager","ctg_gestionnaire":["Communauté de communes Jura Nord"]}""";
        var token = "e30." + Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".sig";

        var claims = AccessTokenClaims.Read(token);

        Assert.Equal("gestionnaire", claims.Subject);
        Assert.Equal("Marc Petit", claims.Name);
        Assert.Equal(["ctg.structure_manager"], claims.Roles);
        Assert.Equal(["Communauté de communes Jura Nord"], claims.Gestionnaires);
        Assert.Empty(claims.Cafs);
        Assert.Equal("gestionnaire de structure", SessionCommands.RoleLabels(claims.Roles));
        Assert.Equal("ordonnateur, gestionnaire financier de la CAF", SessionCommands.RoleLabels(["ctg.approver", "ctg.finance_officer"]));
    }

    [Fact]
    public void Unauthenticated_asks_to_log_in_again_and_permission_denied_says_the_rights_are_insufficient()
    {
        var expired = RpcErrorTranslator.Translate(new RpcException(new Status(StatusCode.Unauthenticated, "A valid bearer token for ctg-funding is required.")), ServiceCall.Funding);
        Assert.Equal("Session expirée : relancez ctg login.", expired.Message);
        Assert.Equal(ExitCodes.PreconditionFailed, expired.ExitCode);

        var denied = RpcErrorTranslator.Translate(new RpcException(new Status(StatusCode.PermissionDenied, "no")), ServiceCall.Structures);
        Assert.Equal("Droits insuffisants : le service des structures refuse cette opération à votre profil (message du service : no).", denied.Message);
        Assert.Equal(ExitCodes.PreconditionFailed, denied.ExitCode);
    }
}
