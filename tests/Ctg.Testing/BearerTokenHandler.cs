using System.Net.Http.Headers;

namespace Ctg.Testing;

/// <summary>Puts a caller's access token on every request of a test channel, as a real client would.</summary>
public sealed class BearerTokenHandler(Func<CancellationToken, Task<string>> token) : DelegatingHandler(new SocketsHttpHandler { EnableMultipleHttp2Connections = true })
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
