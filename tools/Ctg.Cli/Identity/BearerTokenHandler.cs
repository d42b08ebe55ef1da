using System.Net.Http.Headers;

namespace Ctg.Cli.Identity;

/// <summary>Adds the session's access token to every gRPC request of ctg.</summary>
public sealed class BearerTokenHandler(SessionTokens tokens, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (await tokens.AccessTokenAsync(cancellationToken) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
