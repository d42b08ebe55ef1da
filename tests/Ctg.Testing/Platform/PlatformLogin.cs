using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Grpc.Net.Client;

namespace Ctg.Testing.Platform;

/// <summary>The test's own checks call the services as a demo user, with a token from the platform's
/// identity provider (password grant of the ctg-cli client), like any other client.</summary>
public static class PlatformLogin
{
    public static async Task<GrpcChannel> ChannelAsync(this PlatformProcesses platform, string service, string login, string password = "demo")
    {
        using var http = new HttpClient { BaseAddress = platform.Identity };
        using var response = await http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "ctg-cli", ["username"] = login, ["password"] = password, ["scope"] = "openid roles",
        }));
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        return GrpcChannel.ForAddress(platform.Grpc(service), new GrpcChannelOptions
        {
            HttpHandler = new BearerHandler(token),
            DisposeHttpClient = true,
        });
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string AccessToken);

    private sealed class BearerHandler(string token) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
