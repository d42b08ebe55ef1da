using System.Text.Json;
using Ctg.ServiceDefaults;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Ctg.FundingBench;

/// <summary>An access token from the development identity provider (password grant of the public ctg-cli
/// client: development only), and gRPC channels that send it on every call.</summary>
public sealed class DevToken(string accessToken)
{
    public string AccessToken { get; } = accessToken;

    public static async Task<DevToken> PasswordGrantAsync(Uri issuer, string login, string password)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(issuer, "connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "ctg-cli",
            ["username"] = login,
            ["password"] = password,
            ["scope"] = "openid profile roles",
        }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Le fournisseur d'identité refuse {login} : {(int)response.StatusCode} {body}");
        }

        using var json = JsonDocument.Parse(body);
        return new DevToken(json.RootElement.GetProperty("access_token").GetString()!);
    }

    /// <summary>A channel to <paramref name="address"/> (64 MiB messages) and an invoker that adds the bearer token.</summary>
    public (GrpcChannel Channel, CallInvoker Invoker) Channel(Uri address)
    {
        var channel = CtgGrpcChannel.Create(address, new CtgChannelOptions { MaxMessageBytes = 64 * 1024 * 1024 });
        var invoker = channel.Intercept(metadata =>
        {
            metadata.Add("authorization", "Bearer " + AccessToken);
            return metadata;
        });
        return (channel, invoker);
    }
}
