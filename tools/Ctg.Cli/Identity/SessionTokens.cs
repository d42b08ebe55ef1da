using Ctg.Cli.Errors;

namespace Ctg.Cli.Identity;

/// <summary>The access token every command sends: the cached one, refreshed with the refresh token when
/// it is about to expire. No session means no token: the services then answer UNAUTHENTICATED and ctg
/// tells the person to log in.</summary>
public sealed class SessionTokens(TokenCache cache)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);

    public async Task<string?> AccessTokenAsync(CancellationToken cancellationToken)
    {
        var session = cache.Load();
        if (session is null || session.ExpiresAt > DateTimeOffset.UtcNow.AddSeconds(30))
        {
            return session?.AccessToken;
        }

        if (session.RefreshToken is null)
        {
            return session.AccessToken; // expired: the service says UNAUTHENTICATED, ctg says "session expirée"
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            var again = cache.Load();
            if (again is not null && again.ExpiresAt > DateTimeOffset.UtcNow.AddSeconds(30))
            {
                return again.AccessToken;
            }

            using var client = new OidcTokenClient(new Uri(session.Issuer));
            var refreshed = await client.RefreshAsync(session, cancellationToken);
            cache.Save(refreshed);
            return refreshed.AccessToken;
        }
        catch (CliException)
        {
            return session.AccessToken; // refresh refused or provider down: let the service answer
        }
        finally
        {
            _refresh.Release();
        }
    }
}
